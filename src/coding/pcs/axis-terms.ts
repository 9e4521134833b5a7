/**
 * Words that decide an axis other than the operation and body part: the approach (ICD-10-PCS
 * Reference Manual, approach definitions; Official Guidelines B5), the device (B6.1a: coded only
 * when it remains after the procedure), the qualifier (B3.4a: a biopsy is Diagnostic). Each entry
 * names the axis label it means, as the imported tables spell it.
 */

export interface AxisTerm {
  words: string[];
  axis: 'Approach' | 'Device' | 'Qualifier' | 'Contrast';
  label: string;
  source: string;
}

const APPROACH = 'ICD-10-PCS Reference Manual, approach definitions';
const approach = (words: string[], label: string, why: string): AxisTerm => ({
  words,
  axis: 'Approach',
  label,
  source: `${APPROACH}: ${label}, ${why}`,
});

const ENDO_NATURAL = 'Via Natural or Artificial Opening Endoscopic';
const PE = 'Percutaneous Endoscopic';

export const AXIS_TERMS: readonly AxisTerm[] = [
  approach(['open'], 'Open', 'cutting through the skin or mucous membrane to expose the site'),
  approach(['laparotomy'], 'Open', 'the abdomen opened through an incision'),
  approach(['thoracotomy'], 'Open', 'the chest opened through an incision'),
  approach(['sternotomy'], 'Open', 'the chest opened through the sternum'),
  approach(['lumbotomy'], 'Open', 'an incision in the flank'),
  approach(['craniotomy'], 'Open', 'the skull opened'),
  approach(['laparoscopic'], PE, 'instruments through the skin with an endoscope'),
  approach(['laparoscopically'], PE, 'instruments through the skin with an endoscope'),
  approach(['laparoscopy'], PE, 'instruments through the skin with an endoscope'),
  approach(['thoracoscopic'], PE, 'instruments through the chest wall with an endoscope'),
  approach(['arthroscopic'], PE, 'instruments through the skin into the joint with an endoscope'),
  approach(['robotic'], PE, 'robot-assisted instruments through ports in the skin'),
  approach(
    ['percutaneous'],
    'Percutaneous',
    'entry by puncture or minor incision through the skin, no endoscope',
  ),
  approach(
    ['percutaneously'],
    'Percutaneous',
    'entry by puncture or minor incision through the skin, no endoscope',
  ),
  approach(['needle'], 'Percutaneous', 'entry by puncture through the skin'),
  approach(['puncture'], 'Percutaneous', 'entry by puncture through the skin'),
  approach(['transurethral'], ENDO_NATURAL, 'an endoscope through the urethra'),
  approach(['endoscopic'], ENDO_NATURAL, 'an endoscope through a natural or artificial opening'),
  approach(['endoscopically'], ENDO_NATURAL, 'an endoscope through a natural or artificial opening'),
  approach(['endoscopy'], ENDO_NATURAL, 'an endoscope through a natural or artificial opening'),
  approach(['hysteroscopic'], ENDO_NATURAL, 'an endoscope through the vagina and cervix'),
  approach(['transvaginal'], 'Via Natural or Artificial Opening', 'through the vagina, no endoscope'),
  approach(['vaginal'], 'Via Natural or Artificial Opening', 'through the vagina, no endoscope'),
  approach(['transanal'], 'Via Natural or Artificial Opening', 'through the anus, no endoscope'),
  approach(['external'], 'External', 'on the skin or through the skin without cutting'),
  approach(['closed'], 'External', 'a closed procedure from outside the body'),
  {
    words: ['stent'],
    axis: 'Device',
    label: 'Intraluminal Device',
    source:
      'ICD-10-PCS Reference Manual, device values: a stent is an intraluminal device (B6.1a: it remains)',
  },
  {
    words: ['mesh'],
    axis: 'Device',
    label: 'Synthetic Substitute',
    source: 'ICD-10-PCS Reference Manual, device values: mesh is a synthetic substitute',
  },
  {
    words: ['prosthesis'],
    axis: 'Device',
    label: 'Synthetic Substitute',
    source: 'ICD-10-PCS Reference Manual, device values: a joint prosthesis is a synthetic substitute',
  },
  {
    words: ['drain'],
    axis: 'Device',
    label: 'Drainage Device',
    source: 'ICD-10-PCS Official Guidelines B6.2: a drain left in place is a drainage device',
  },
  {
    words: ['biopsy'],
    axis: 'Qualifier',
    label: 'Diagnostic',
    source: 'ICD-10-PCS Official Guidelines B3.4a: biopsy procedures take the qualifier Diagnostic',
  },
  {
    words: ['diagnostic'],
    axis: 'Qualifier',
    label: 'Diagnostic',
    source: 'ICD-10-PCS Official Guidelines B3.4a: qualifier Diagnostic',
  },
  {
    words: ['hand', 'assisted'],
    axis: 'Qualifier',
    label: 'Hand-Assisted',
    source: 'ICD-10-PCS tables: hand-assisted laparoscopy is the qualifier Hand-Assisted',
  },
  {
    words: ['without', 'contrast'],
    axis: 'Contrast',
    label: 'None',
    source: 'ICD-10-PCS Imaging section: contrast None',
  },
  {
    words: ['non', 'contrast'],
    axis: 'Contrast',
    label: 'None',
    source: 'ICD-10-PCS Imaging section: contrast None',
  },
  {
    words: ['plain'],
    axis: 'Contrast',
    label: 'None',
    source: 'ICD-10-PCS Imaging section: a plain study uses no contrast',
  },
];

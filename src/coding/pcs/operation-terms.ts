/**
 * Procedure words → what they tell about an ICD-10-PCS code: the root operation (or, outside
 * Medical and Surgical, the section's operation or type), and sometimes the approach, device or
 * qualifier the word implies. Every entry names the axis *labels* it means ("Resection"), never
 * code characters: the labels are looked up in the imported tables, so a new fiscal year's
 * tables are read, not re-typed here.
 *
 * `source` says where each meaning comes from: the root operation definitions of the ICD-10-PCS
 * Reference Manual and Official Guidelines (CMS), and the ordinary medical meaning of the word's
 * parts (-ectomy "cutting out", -scopy "looking into"). `guideline` is the ICD-10-PCS Official
 * Coding Guideline a coder would cite for the choice.
 */

export interface OperationTerm {
  /**
   * Whole words (lower case, in order; each list one way of saying it: "ecg", "ekg",
   * "electrocardiogram"), or a word ending that makes the procedure word.
   */
  match: { words: string[][] } | { suffix: string };
  /** Section label (default Medical and Surgical). */
  section?: string;
  /** The operation (character 3) label: a root operation, or an ancillary section's type. */
  operation: string;
  /** The root operation when the note says only part of the body part was taken (B3.8). */
  partialOperation?: string;
  /** Labels the word itself decides, by axis name ("Approach": "External"). */
  axes?: Readonly<Record<string, string>>;
  /** Body part words the word itself names (an electrocardiogram is of the heart). */
  bodyWords?: string[];
  /** The word's own stem names the body part (cholecyst|ectomy): look it up in body-part-terms. */
  bodyFromStem?: boolean;
  source: string;
  guideline: string;
}

const REF = 'ICD-10-PCS Reference Manual, root operation definitions';

export const OPERATION_TERMS: readonly OperationTerm[] = [
  // Taking out some or all of a body part.
  {
    match: { suffix: 'ectomy' },
    operation: 'Resection',
    partialOperation: 'Excision',
    bodyFromStem: true,
    source: `${REF}: Resection, cutting out or off, without replacement, all of a body part; Excision, a portion of a body part. -ectomy: Greek ektome, cutting out`,
    guideline: 'B3.8',
  },
  {
    match: { words: [['resection']] },
    operation: 'Resection',
    partialOperation: 'Excision',
    source: `${REF}: Resection, all of a body part (a portion is Excision)`,
    guideline: 'B3.8',
  },
  {
    match: { words: [['excision']] },
    operation: 'Excision',
    source: `${REF}: Excision, cutting out or off, without replacement, a portion of a body part`,
    guideline: 'B3.1a',
  },
  {
    match: { words: [['excisional', 'debridement']] },
    operation: 'Excision',
    source: `${REF}: excisional debridement is Excision (cutting out); non-excisional is Extraction`,
    guideline: 'B3.1a',
  },
  {
    match: { words: [['biopsy']] },
    operation: 'Excision',
    axes: { Qualifier: 'Diagnostic' },
    source:
      'ICD-10-PCS Official Guidelines B3.4a: a biopsy is Excision, Extraction or Drainage with the qualifier Diagnostic',
    guideline: 'B3.4a',
  },
  {
    match: { words: [['amputation']] },
    operation: 'Detachment',
    source: `${REF}: Detachment, cutting off all or a portion of the upper or lower extremities`,
    guideline: 'B3.1a',
  },
  {
    match: { words: [['transplantation'], ['transplant']] },
    operation: 'Transplantation',
    source: `${REF}: Transplantation, putting in all or a portion of a living body part taken from another individual or animal`,
    guideline: 'B3.16',
  },
  // Taking out solids, fluids and gases.
  {
    match: { words: [['drainage']] },
    operation: 'Drainage',
    source: `${REF}: Drainage, taking or letting out fluids and/or gases from a body part`,
    guideline: 'B3.1a',
  },
  {
    match: { suffix: 'centesis' },
    operation: 'Drainage',
    axes: { Approach: 'Percutaneous' },
    bodyFromStem: true,
    source: `${REF}: Drainage; -centesis, Greek kentesis, puncture (a needle through the skin)`,
    guideline: 'B3.1a',
  },
  {
    match: { words: [['thrombectomy'], ['embolectomy']] },
    operation: 'Extirpation',
    source: `${REF}: Extirpation, taking or cutting out solid matter from a body part (a thrombus is not a body part)`,
    guideline: 'B3.1a',
  },
  {
    match: { suffix: 'lithotomy' },
    operation: 'Extirpation',
    bodyFromStem: true,
    source: `${REF}: Extirpation; -lithotomy, cutting out a stone`,
    guideline: 'B3.1a',
  },
  {
    match: { suffix: 'tripsy' },
    operation: 'Fragmentation',
    bodyFromStem: true,
    source: `${REF}: Fragmentation, breaking solid matter in a body part into pieces; -tripsy, Greek tripsis, crushing`,
    guideline: 'B3.1a',
  },
  // Looking.
  {
    match: { suffix: 'scopy' },
    operation: 'Inspection',
    bodyFromStem: true,
    source: `${REF}: Inspection, visually and/or manually exploring a body part; -scopy, Greek skopein, to look`,
    guideline: 'B3.11b',
  },
  {
    match: { words: [['exploratory', 'laparotomy']] },
    operation: 'Inspection',
    axes: { Approach: 'Open' },
    bodyWords: ['peritoneal', 'cavity'],
    source: `${REF}: Inspection; laparotomy, opening the abdominal wall`,
    guideline: 'B3.11a',
  },
  // Putting in or changing devices.
  {
    match: { words: [['insertion']] },
    operation: 'Insertion',
    source: `${REF}: Insertion, putting in a nonbiological appliance that monitors, assists, performs, or prevents a physiological function`,
    guideline: 'B6.1a',
  },
  {
    match: { words: [['intubation'], ['intubated']] },
    operation: 'Insertion',
    axes: { Approach: 'Via Natural or Artificial Opening', Device: 'Endotracheal Airway' },
    bodyWords: ['trachea'],
    source: `${REF}: Insertion of an endotracheal airway into the trachea through the mouth`,
    guideline: 'B6.1a',
  },
  {
    match: { words: [['replacement']] },
    operation: 'Replacement',
    source: `${REF}: Replacement, putting in or on biological or synthetic material that physically takes the place and/or function of all or a portion of a body part`,
    guideline: 'B3.18',
  },
  {
    match: { words: [['arthroplasty']] },
    operation: 'Replacement',
    bodyWords: ['joint'],
    source: `${REF}: Replacement; arthroplasty, a joint remade with a prosthesis`,
    guideline: 'B3.18',
  },
  {
    match: { words: [['removal']] },
    operation: 'Removal',
    source: `${REF}: Removal, taking out or off a device from a body part`,
    guideline: 'B6.1a',
  },
  // Tubular body parts.
  {
    match: { words: [['angioplasty'], ['dilation']] },
    operation: 'Dilation',
    source: `${REF}: Dilation, expanding an orifice or the lumen of a tubular body part`,
    guideline: 'B3.1a',
  },
  {
    match: { words: [['stenting']] },
    operation: 'Dilation',
    axes: { Device: 'Intraluminal Device' },
    source: `${REF}: Dilation with an intraluminal device (the stent stays: B6.1a)`,
    guideline: 'B6.1a',
  },
  {
    match: { words: [['bypass']] },
    operation: 'Bypass',
    source: `${REF}: Bypass, altering the route of passage of the contents of a tubular body part`,
    guideline: 'B3.6a',
  },
  {
    match: { suffix: 'ostomy' },
    operation: 'Bypass',
    bodyFromStem: true,
    source: `${REF}: Bypass; -ostomy, Greek stoma, mouth: a new opening from a tubular body part`,
    guideline: 'B3.6a',
  },
  {
    match: { words: [['embolization'], ['ligation']] },
    operation: 'Occlusion',
    source: `${REF}: Occlusion, completely closing an orifice or the lumen of a tubular body part`,
    guideline: 'B3.12',
  },
  // Other repairs.
  {
    match: { words: [['repair']] },
    operation: 'Repair',
    source: `${REF}: Repair, restoring, to the extent possible, a body part to its normal anatomic structure and function`,
    guideline: 'B3.1a',
  },
  {
    match: { suffix: 'rrhaphy' },
    operation: 'Repair',
    bodyFromStem: true,
    source: `${REF}: Repair; -rrhaphy, Greek rhaphe, suture`,
    guideline: 'B3.1a',
  },
  {
    match: { suffix: 'pexy' },
    operation: 'Reposition',
    bodyFromStem: true,
    source: `${REF}: Reposition, moving to its normal location all or a portion of a body part; -pexy, Greek pexis, fixing in place`,
    guideline: 'B3.1a',
  },
  {
    match: { words: [['reduction']] },
    operation: 'Reposition',
    source: `${REF}: Reposition (a fracture reduction is Reposition of the bone)`,
    guideline: 'B3.15',
  },
  {
    match: { suffix: 'lysis' },
    operation: 'Release',
    bodyFromStem: true,
    source: `${REF}: Release, freeing a body part from an abnormal physical constraint; -lysis, Greek lysis, loosening`,
    guideline: 'B3.13',
  },
  {
    match: { suffix: 'desis' },
    operation: 'Fusion',
    bodyFromStem: true,
    source: `${REF}: Fusion, joining together portions of an articular body part rendering it immobile; -desis, Greek desis, binding`,
    guideline: 'B3.10a',
  },
  {
    match: { words: [['ablation'], ['cauterization']] },
    operation: 'Destruction',
    source: `${REF}: Destruction, physical eradication of all or a portion of a body part by the direct use of energy, force, or a destructive agent`,
    guideline: 'B3.1a',
  },
  // Obstetrics.
  {
    match: { words: [['cesarean']] },
    section: 'Obstetrics',
    operation: 'Extraction',
    axes: { Approach: 'Open' },
    bodyWords: ['products', 'conception'],
    source:
      'ICD-10-PCS Reference Manual, Obstetrics section: a cesarean delivery is Extraction of Products of Conception, Open',
    guideline: 'B3.1a',
  },
  {
    match: { words: [['vaginal', 'delivery'], ['delivery']] },
    section: 'Obstetrics',
    operation: 'Delivery',
    bodyWords: ['products', 'conception'],
    source:
      'ICD-10-PCS Reference Manual, Obstetrics section: Delivery, assisting the passage of the products of conception from the genital canal',
    guideline: 'B3.1a',
  },
  // Extracorporeal or systemic performance: duration is asked for when the note does not give it.
  {
    match: { words: [['hemodialysis'], ['dialysis']] },
    section: 'Extracorporeal or Systemic Assistance and Performance',
    operation: 'Performance',
    axes: { Function: 'Filtration' },
    bodyWords: ['urinary'],
    source:
      'ICD-10-PCS Reference Manual, Extracorporeal or Systemic Assistance and Performance: hemodialysis is Performance of Urinary Filtration',
    guideline: 'B3.1a',
  },
  {
    match: { words: [['mechanical', 'ventilation']] },
    section: 'Extracorporeal or Systemic Assistance and Performance',
    operation: 'Performance',
    axes: { Function: 'Ventilation' },
    bodyWords: ['respiratory'],
    source:
      'ICD-10-PCS Reference Manual, Extracorporeal or Systemic Assistance and Performance: mechanical ventilation is Performance of Respiratory Ventilation, by consecutive hours',
    guideline: 'B3.1a',
  },
  // Ancillary sections: measurement.
  {
    match: { words: [['electrocardiogram'], ['electrocardiography'], ['ecg'], ['ekg']] },
    section: 'Measurement and Monitoring',
    operation: 'Measurement',
    axes: { Approach: 'External', 'Function / Device': 'Electrical Activity' },
    bodyWords: ['cardiac'],
    source:
      'ICD-10-PCS Reference Manual, Measurement and Monitoring: Measurement, determining the level of a physiological function at a point in time (an ECG records cardiac electrical activity from the skin)',
    guideline: 'B3.1a',
  },
];

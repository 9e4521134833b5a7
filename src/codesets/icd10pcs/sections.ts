/**
 * What the seven characters of an ICD-10-PCS code mean in each section. The codes and order
 * files never say this (they hold codes, titles and table headers only); it is the structure of
 * the PCS tables, as the ICD-10-PCS Reference Manual (CMS, chapter 2 and the section chapters)
 * and the `<axis><title>` elements of the tables XML name it. The FY2026 tables addendum repeats
 * it for the sections it touches ("Fifth character (Approach) has 3 choices"), and the tests
 * check this table against that file.
 *
 * `none` is the label of value Z on an axis where Z means "nothing" and titles therefore leave it
 * out ("Resection of Gallbladder, Open Approach" is device Z, qualifier Z). Medical and surgical
 * style sections say "No Device" / "No Qualifier"; the ancillary sections say "None".
 */
export interface PcsSectionInfo {
  /** The section's name where the order file's headers do not carry it (section 0 only). */
  name: string;
  /** Names of characters 2..7 (index 0 = character 2). */
  axes: readonly [string, string, string, string, string, string];
  /** Label of Z on an axis whose titles omit it, by axis name; `default` for the rest. */
  none: { default: string; byAxis?: Readonly<Record<string, string>> };
}

const SURGICAL_NONE = { default: 'None', byAxis: { Device: 'No Device', Qualifier: 'No Qualifier' } };
const NONE = { default: 'None' };

export const PCS_SECTIONS: Readonly<Record<string, PcsSectionInfo>> = {
  '0': {
    name: 'Medical and Surgical',
    axes: ['Body System', 'Operation', 'Body Part', 'Approach', 'Device', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '1': {
    name: 'Obstetrics',
    axes: ['Body System', 'Operation', 'Body Part', 'Approach', 'Device', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '2': {
    name: 'Placement',
    axes: ['Body System', 'Operation', 'Body Region', 'Approach', 'Device', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '3': {
    name: 'Administration',
    axes: ['Body System', 'Operation', 'Body System / Region', 'Approach', 'Substance', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '4': {
    name: 'Measurement and Monitoring',
    axes: ['Body System', 'Operation', 'Body System', 'Approach', 'Function / Device', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '5': {
    name: 'Extracorporeal or Systemic Assistance and Performance',
    axes: ['Body System', 'Operation', 'Body System', 'Duration', 'Function', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '6': {
    name: 'Extracorporeal or Systemic Therapies',
    axes: ['Body System', 'Operation', 'Body System', 'Duration', 'Qualifier', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '7': {
    name: 'Osteopathic',
    axes: ['Body System', 'Operation', 'Body Region', 'Approach', 'Method', 'Qualifier'],
    none: NONE,
  },
  '8': {
    name: 'Other Procedures',
    axes: ['Body System', 'Operation', 'Body Region', 'Approach', 'Method', 'Qualifier'],
    none: SURGICAL_NONE,
  },
  '9': {
    name: 'Chiropractic',
    axes: ['Body System', 'Operation', 'Body Region', 'Approach', 'Method', 'Qualifier'],
    none: NONE,
  },
  B: {
    name: 'Imaging',
    axes: ['Body System', 'Type', 'Body Part', 'Contrast', 'Qualifier', 'Qualifier'],
    none: NONE,
  },
  C: {
    name: 'Nuclear Medicine',
    axes: ['Body System', 'Type', 'Body Part', 'Radionuclide', 'Qualifier', 'Qualifier'],
    none: NONE,
  },
  D: {
    name: 'Radiation Therapy',
    axes: ['Body System', 'Modality', 'Treatment Site', 'Modality Qualifier', 'Isotope', 'Qualifier'],
    none: NONE,
  },
  F: {
    name: 'Physical Rehabilitation and Diagnostic Audiology',
    axes: ['Section Qualifier', 'Type', 'Body System / Region', 'Type Qualifier', 'Equipment', 'Qualifier'],
    none: NONE,
  },
  G: {
    name: 'Mental Health',
    axes: ['Body System', 'Type', 'Qualifier', 'Qualifier', 'Qualifier', 'Qualifier'],
    none: NONE,
  },
  H: {
    name: 'Substance Abuse Treatment',
    axes: ['Body System', 'Type', 'Qualifier', 'Qualifier', 'Qualifier', 'Qualifier'],
    none: NONE,
  },
  X: {
    name: 'New Technology',
    axes: [
      'Body System',
      'Operation',
      'Body Part',
      'Approach',
      'Device / Substance / Technology',
      'Qualifier',
    ],
    none: SURGICAL_NONE,
  },
};

/** Name of character `position` (1..7) in a section; "Section" for the first. */
export function axisName(section: string, position: number): string {
  if (position === 1) return 'Section';
  return PCS_SECTIONS[section]?.axes[position - 2] ?? `Character ${position}`;
}

/** The label of Z on an axis whose titles never name it. */
export function noneLabel(section: string, position: number): string {
  const info = PCS_SECTIONS[section];
  const axis = axisName(section, position);
  return info?.none.byAxis?.[axis] ?? info?.none.default ?? 'None';
}

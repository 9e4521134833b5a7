/**
 * What an ICD-10-CM code says about a problem's nature, by code prefix: chronic (expected to last
 * a year or more: the AMA's meaning of chronic illness), a threat to life or bodily function, an
 * acute illness that is systemic by nature, or a side effect of treatment. The diagnoses come
 * from the coding engine; the evidence for each problem is still the note's own span.
 */
import type { SourceKey } from './sources.js';

export type CodeNature = 'chronic' | 'threat' | 'systemic' | 'side-effect';

interface CodeRow {
  prefixes: readonly string[];
  nature: CodeNature;
  note: string;
  source: SourceKey;
}

export const CODE_NATURE: readonly CodeRow[] = [
  {
    nature: 'threat',
    note: 'myocardial infarction, pulmonary embolism, cardiac arrest, stroke and intracranial bleeding, aortic dissection, sepsis, anaphylaxis, ketoacidosis, respiratory failure, GI bleeding, torsion, ectopic pregnancy, status epilepticus, meningitis, suicidal ideation',
    prefixes: [
      'I21',
      'I22',
      'I26',
      'I46',
      'I60',
      'I61',
      'I62',
      'I63',
      'I71.0',
      'A40',
      'A41',
      'R65.2',
      'T78.0',
      'T78.2',
      'T88.6',
      'T80.52',
      'E10.1',
      'E11.1',
      'E13.1',
      'J96.0',
      'J96.2',
      'K92.0',
      'K92.1',
      'K92.2',
      'N44.0',
      'O00',
      'G41',
      'G00',
      'G01',
      'G02',
      'G03',
      'R45.851',
      'T14.91',
    ],
    source: 'ama-mdm',
  },
  {
    nature: 'systemic',
    note: 'pneumonia, pyelonephritis, dehydration: illnesses whose effects reach beyond the organ',
    prefixes: ['J12', 'J13', 'J14', 'J15', 'J16', 'J17', 'J18', 'N10', 'E86'],
    source: 'ama-mdm',
  },
  {
    nature: 'side-effect',
    note: 'anemia or pancytopenia due to antineoplastic chemotherapy, drug-induced polyneuropathy',
    prefixes: ['D64.81', 'D61.81', 'G62.0'],
    source: 'ama-mdm',
  },
  {
    nature: 'chronic',
    note: 'endocrine and metabolic (thyroid, diabetes, parathyroid, vitamin D deficiency, obesity, lipids)',
    prefixes: ['E03', 'E05', 'E06.3', 'E08', 'E09', 'E10', 'E11', 'E13', 'E21', 'E55', 'E66', 'E78'],
    source: 'team-chronic',
  },
  {
    nature: 'chronic',
    note: 'mental and behavioural (dementia, dependence, psychotic, mood, anxiety, PTSD, eating, autism, ADHD)',
    prefixes: [
      'F01',
      'F02',
      'F03',
      'F10.2',
      'F11.2',
      'F12.2',
      'F13.2',
      'F14.2',
      'F15.2',
      'F16.2',
      'F17',
      'F19.2',
      'F20',
      'F21',
      'F22',
      'F25',
      'F30',
      'F31',
      'F32',
      'F33',
      'F34',
      'F40',
      'F41',
      'F42',
      'F43.1',
      'F50',
      'F84',
      'F90',
    ],
    source: 'team-chronic',
  },
  {
    nature: 'chronic',
    note: 'nervous system (Parkinson, Alzheimer, MS, epilepsy, migraine, sleep apnea, polyneuropathy)',
    prefixes: ['G20', 'G30', 'G35', 'G40', 'G43', 'G47.3', 'G62', 'G63', 'E10.4', 'E11.4'],
    source: 'team-chronic',
  },
  {
    nature: 'chronic',
    note: 'circulatory (hypertension, angina, chronic ischemic heart disease, pulmonary hypertension, valve disease, cardiomyopathy, atrial fibrillation, heart failure, PAD)',
    prefixes: [
      'I10',
      'I11',
      'I12',
      'I13',
      'I15',
      'I16',
      'I20',
      'I25',
      'I27',
      'I34',
      'I35',
      'I36',
      'I37',
      'I42',
      'I48',
      'I50',
      'I73.9',
    ],
    source: 'team-chronic',
  },
  {
    nature: 'chronic',
    note: 'respiratory and digestive (allergic rhinitis, COPD, asthma, bronchiectasis, ILD, GERD, IBD, IBS, chronic liver disease)',
    prefixes: [
      'J30',
      'J41',
      'J42',
      'J43',
      'J44',
      'J45',
      'J47',
      'J84',
      'K21',
      'K50',
      'K51',
      'K58',
      'K70',
      'K73',
      'K74',
      'K76.0',
    ],
    source: 'team-chronic',
  },
  {
    nature: 'chronic',
    note: 'musculoskeletal, skin, kidney, prostate (psoriasis, RA, gout, osteoarthritis, lupus, spinal stenosis, osteoporosis, CKD, BPH)',
    prefixes: [
      'L40',
      'M05',
      'M06',
      'M10',
      'M1A',
      'M15',
      'M16',
      'M17',
      'M18',
      'M19',
      'M32',
      'M45',
      'M48.0',
      'M81',
      'N18',
      'N40',
    ],
    source: 'team-chronic',
  },
  {
    nature: 'chronic',
    note: 'malignant neoplasms, myeloproliferative disease, anemia in chronic disease, chronic viral hepatitis, HIV',
    prefixes: [
      'C0',
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'C7',
      'C8',
      'C9',
      'D45',
      'D46',
      'D47',
      'D63',
      'B18',
      'B20',
    ],
    source: 'team-chronic',
  },
];

/** Adverse effect of a drug in proper use (T36-T50 with 5 as the sixth character): a side effect. */
const ADVERSE_EFFECT = /^T(?:3[6-9]|4\d|50)\.\w{2}5/;

/** The natures of a code (a code can be chronic and a threat, e.g. diabetes with ketoacidosis). */
export function naturesOf(code: string): Set<CodeNature> {
  const found = new Set<CodeNature>();
  for (const row of CODE_NATURE) if (row.prefixes.some((p) => code.startsWith(p))) found.add(row.nature);
  if (ADVERSE_EFFECT.test(code)) found.add('side-effect');
  return found;
}

/** External causes and Z codes (status, history, encounter reasons) are not problems addressed. */
export function isProblemCode(code: string): boolean {
  return !/^[VWXYZ]/.test(code);
}

/** Injury codes (S00-T14 and T15-T34 for foreign bodies, burns, frostbite), not adverse effects. */
export function isInjuryCode(code: string): boolean {
  return /^S/.test(code) || /^T(?:0\d|1[0-9]|2\d|3[0-4])/.test(code);
}

/** Symptoms, signs and abnormal findings (R00-R99): what was found, not yet why. */
export function isSymptomCode(code: string): boolean {
  return /^R/.test(code);
}

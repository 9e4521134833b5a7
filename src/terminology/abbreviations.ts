/**
 * Common clinical abbreviations and their expansions in ICD-10-CM wording. Kept as its own
 * table so the NLP can reuse it. Keys are lower case and match whole tokens; an expansion is
 * written the way the Tabular or Index words the condition, so search finds the right codes.
 */
export const CLINICAL_ABBREVIATIONS: Readonly<Record<string, string>> = {
  aaa: 'abdominal aortic aneurysm',
  afib: 'atrial fibrillation',
  af: 'atrial fibrillation',
  aflutter: 'atrial flutter',
  aki: 'acute kidney failure',
  arf: 'acute kidney failure',
  ards: 'acute respiratory distress syndrome',
  bph: 'benign prostatic hyperplasia',
  cad: 'coronary artery disease atherosclerotic heart disease',
  ckd: 'chronic kidney disease',
  chf: 'congestive heart failure',
  copd: 'chronic obstructive pulmonary disease',
  cva: 'cerebral infarction',
  dka: 'diabetic ketoacidosis',
  dm: 'diabetes mellitus',
  dm1: 'type 1 diabetes mellitus',
  dm2: 'type 2 diabetes mellitus',
  t1dm: 'type 1 diabetes mellitus',
  t2dm: 'type 2 diabetes mellitus',
  iddm: 'type 1 diabetes mellitus',
  niddm: 'type 2 diabetes mellitus',
  dvt: 'deep vein thrombosis',
  esrd: 'end stage renal disease',
  gerd: 'gastro-esophageal reflux disease',
  gi: 'gastrointestinal',
  hld: 'hyperlipidemia',
  hlp: 'hyperlipidemia',
  htn: 'hypertension',
  hyperlipid: 'hyperlipidemia',
  ibs: 'irritable bowel syndrome',
  mdd: 'major depressive disorder',
  mi: 'myocardial infarction',
  ami: 'acute myocardial infarction',
  nstemi: 'non-st elevation myocardial infarction',
  stemi: 'st elevation myocardial infarction',
  oa: 'osteoarthritis',
  osa: 'obstructive sleep apnea',
  pvd: 'peripheral vascular disease',
  pe: 'pulmonary embolism',
  pna: 'pneumonia',
  ra: 'rheumatoid arthritis',
  sob: 'shortness of breath',
  tia: 'transient ischemic attack',
  uri: 'acute upper respiratory infection',
  uti: 'urinary tract infection',
  hf: 'heart failure',
  hfref: 'heart failure systolic',
  hfpef: 'heart failure diastolic',
  cp: 'chest pain',
  ha: 'headache',
  hx: 'history',
  fx: 'fracture',
  lbp: 'low back pain',
  ptsd: 'post-traumatic stress disorder',
  adhd: 'attention-deficit hyperactivity disorder',
  gad: 'generalized anxiety disorder',
  strep: 'streptococcal',
  staph: 'staphylococcal',
};

/** The expansion of one lower-case token, or undefined. */
export function expandAbbreviation(token: string): string | undefined {
  return Object.hasOwn(CLINICAL_ABBREVIATIONS, token) ? CLINICAL_ABBREVIATIONS[token] : undefined;
}

/**
 * Rewrites the abbreviations in a text into their expansions, token by token (word boundaries
 * only, so "mi" inside "mild" is untouched). Used by search; the NLP may use it on note text.
 */
export function expandAbbreviations(text: string): string {
  return text.replace(/[A-Za-z][A-Za-z0-9]*/g, (tok) => expandAbbreviation(tok.toLowerCase()) ?? tok);
}

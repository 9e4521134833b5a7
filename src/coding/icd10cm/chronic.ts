/**
 * Chronic diseases that persist once diagnosed and are managed at every encounter (diabetes,
 * hypertension and its heart/kidney forms, lipid disorders, chronic ischemic heart disease, atrial
 * fibrillation, heart failure, COPD/asthma, CKD, hypothyroidism, GERD, chronic mental and
 * neurological disorders, rheumatoid arthritis, osteoporosis, HIV).
 */
const CHRONIC =
  /^(E0[89]|E1[013]|E03|E78|I1[0-6]|I25|I48|I50|J4[45]|N18|K21|F2\d|F3[1-4]|F41\.1|G20|G30|G35|G40|M0[56]|M81|B20)/;

export function isChronic(code: string): boolean {
  return CHRONIC.test(code);
}

/**
 * What an 837I's facility type code (CLM05-1: the first two digits of the NUBC type of bill)
 * says about the stay. The 837I TR3 (005010X223A2, section 1.12.6) defers to the NUBC UB-04
 * manual for what is "inpatient"; several data elements depend on it (admission date/hour,
 * admitting diagnosis, present-on-admission indicators).
 */

/**
 * NUBC inpatient bill types: hospital inpatient Part A (11x) and Part B only (12x), hospital
 * swing bed (18x), skilled nursing inpatient (21x, 22x) and swing bed (28x), religious
 * non-medical hospital inpatient (41x), intermediate care (65x, 66x), residential facility (86x).
 * 12x and 22x are inpatient for HIPAA transaction requirements even though billed like outpatient.
 */
const INPATIENT = new Set(['11', '12', '18', '21', '22', '28', '41', '65', '66', '86']);

/** Home health (32x, 33x): outpatient for most elements, but the admission (start of care) date is required. */
const HOME_HEALTH = new Set(['32', '33']);

export function isInpatientBill(facilityType: string): boolean {
  return INPATIENT.has(facilityType);
}

/** Bill types whose 837I needs DTP*435: inpatient, plus home health's start of care (X12 RFI 1479/1520). */
export function needsAdmissionDate(facilityType: string): boolean {
  return INPATIENT.has(facilityType) || HOME_HEALTH.has(facilityType);
}

/**
 * Hospital inpatient Part A (11x): the bill type CMS requires a present-on-admission indicator
 * on for every diagnosis not on its POA-exempt list.
 */
export function isAcuteInpatientBill(facilityType: string): boolean {
  return facilityType === '11';
}

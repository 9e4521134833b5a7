/**
 * CAS group codes and what they mean for the practice. The group, not the reason code, decides
 * who owes the money: CO is written off and never billed to the patient, PR is billed to the
 * patient (or the next payer), OA and PI are neither by default and go to review.
 */
export type GroupCode = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';

export const GROUPS: Record<GroupCode, { label: string; patientOwes: boolean; writeOff: boolean }> = {
  CO: { label: 'Contractual obligation', patientOwes: false, writeOff: true },
  PR: { label: 'Patient responsibility', patientOwes: true, writeOff: false },
  OA: { label: 'Other adjustment', patientOwes: false, writeOff: false },
  PI: { label: 'Payer-initiated reduction', patientOwes: false, writeOff: false },
  // CR (correction/reversal) was retired in 5010 but still appears in 4010 remittances.
  CR: { label: 'Correction and reversal', patientOwes: false, writeOff: false },
};

/** Worklist buckets: what a biller does next about an adjustment. */
export type DenialCategory =
  | 'patient-share'
  | 'contractual'
  | 'missing-information'
  | 'coding'
  | 'duplicate'
  | 'eligibility'
  | 'authorization'
  | 'timely-filing'
  | 'medical-necessity'
  | 'bundled'
  | 'coordination-of-benefits'
  | 'non-covered'
  | 'other';

/**
 * The common CARCs billers act on, grouped by the work they cause. The full descriptions come
 * from the imported code list (carc-rarc.ts); this is only the triage mapping.
 */
const CATEGORY_BY_CARC: Record<string, DenialCategory> = {
  '1': 'patient-share',
  '2': 'patient-share',
  '3': 'patient-share',
  '66': 'patient-share',
  '45': 'contractual',
  '42': 'contractual',
  '253': 'contractual',
  '16': 'missing-information',
  '252': 'missing-information',
  '4': 'coding',
  '5': 'coding',
  '6': 'coding',
  '7': 'coding',
  '8': 'coding',
  '11': 'coding',
  '182': 'coding',
  '18': 'duplicate',
  '27': 'eligibility',
  '26': 'eligibility',
  '31': 'eligibility',
  '32': 'eligibility',
  '33': 'eligibility',
  '15': 'authorization',
  '197': 'authorization',
  '198': 'authorization',
  '29': 'timely-filing',
  '50': 'medical-necessity',
  '55': 'medical-necessity',
  '56': 'medical-necessity',
  '97': 'bundled',
  '234': 'bundled',
  '236': 'bundled',
  '22': 'coordination-of-benefits',
  '23': 'coordination-of-benefits',
  '24': 'coordination-of-benefits',
  '109': 'coordination-of-benefits',
  '96': 'non-covered',
  '204': 'non-covered',
  '49': 'non-covered',
  '119': 'non-covered',
};

/** Triage bucket for an adjustment: PR 1/2/3 are the patient's share whatever the group says. */
export function categorize(group: string, reason: string): DenialCategory {
  const byCode = CATEGORY_BY_CARC[reason];
  if (byCode) return byCode;
  if (group === 'PR') return 'patient-share';
  if (group === 'CO') return 'contractual';
  return 'other';
}

/** True when an adjustment needs a person: anything but the patient's share and plain contractual write-offs. */
export function needsWork(group: string, reason: string): boolean {
  const c = categorize(group, reason);
  return c !== 'patient-share' && c !== 'contractual';
}

/**
 * Why a practice writes off what a payer did not pay: the adjustment reasons a biller picks
 * from (a practice's own list, not the payer's CARCs). `note` says when the reason needs words.
 */
export interface WriteOffReason {
  code: string;
  label: string;
  /** The biller must say more (the reason alone does not explain the write-off). */
  noteRequired: boolean;
}

export const WRITE_OFF_REASONS: readonly WriteOffReason[] = [
  { code: 'timely-filing', label: 'Filed past the timely filing limit', noteRequired: false },
  { code: 'no-authorization', label: 'No prior authorization obtained', noteRequired: false },
  { code: 'non-covered', label: 'Non-covered service, not billable to the patient', noteRequired: false },
  { code: 'bundled', label: 'Bundled into another service', noteRequired: false },
  { code: 'medical-necessity', label: 'Medical necessity not supported', noteRequired: false },
  { code: 'appeal-exhausted', label: 'Appeals exhausted', noteRequired: false },
  { code: 'small-balance', label: 'Small balance', noteRequired: false },
  { code: 'contractual', label: 'Contractual adjustment the payer did not apply', noteRequired: false },
  { code: 'billing-error', label: 'Billing error on our side', noteRequired: true },
  { code: 'charity', label: 'Charity care or hardship', noteRequired: true },
  { code: 'other', label: 'Other', noteRequired: true },
];

export const writeOffReason = (code: string): WriteOffReason | undefined =>
  WRITE_OFF_REASONS.find((r) => r.code === code);

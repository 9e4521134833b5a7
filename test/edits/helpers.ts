import { type ClaimInput, parseClaim } from '../../src/edits/claim.js';

/** A valid practitioner claim with overrides, for table-driven edit tests. */
export function claimOf(overrides: Partial<ClaimInput> & { lines: ClaimInput['lines'] }) {
  return parseClaim({
    setting: 'practitioner',
    patient: { birthDate: '1970-01-01', sex: 'F' },
    dateOfService: '2023-03-15',
    submissionDate: '2023-03-20',
    placeOfService: '11',
    diagnoses: ['I10'],
    ...overrides,
  });
}

export const line = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  units: 1,
  chargeCents: 10000,
  pointers: [1],
  ...extra,
});

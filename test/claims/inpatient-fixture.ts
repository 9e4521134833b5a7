import type { ClaimInput } from '../../src/claims/model.js';
import { inpatientClaim, npi } from './fixtures.js';

/**
 * fixtures.ts' inpatient stay (type of bill 111, admitted 03/01/24 at 22:15 from source 7)
 * billed by a hospital to the secondary payer after the primary paid $300.00, with five
 * diagnoses carrying POA indicators (Z87891, history of nicotine dependence, left blank) and
 * amounts that have cents.
 */
export function inpatient(overrides: Partial<ClaimInput> = {}): ClaimInput {
  const base = inpatientClaim();
  return inpatientClaim({
    totalChargeCents: 123456,
    diagnoses: ['J18.9', 'E11.9', 'I10', 'N17.9', 'Z87.891'],
    priorAuthorization: 'PA-77',
    billingProvider: {
      ...base.billingProvider,
      organizationName: 'GENERAL HOSPITAL',
      address: { line1: '100 CARE WAY', city: 'SPRINGFIELD', state: 'IL', zip: '627011234' },
    },
    attendingProvider: { npi: npi('111111111'), lastName: 'ATTEND', firstName: 'ALEX' },
    // The insured of professionalClaim(), born in 1950, billed to this payer second.
    subscriber: { ...base.subscriber, birthDate: '1950-02-03', responsibility: 'S' },
    otherPayers: [
      {
        payer: { name: 'MEDICARE PART A', id: '00431' },
        subscriber: { lastName: 'DOE', firstName: 'JOHN', memberId: '1EG4TE5MK73' },
        responsibility: 'P',
        filingIndicator: 'MA',
        paidCents: 30000,
      },
    ],
    institutional: {
      ...base.institutional!,
      presentOnAdmission: { J189: 'Y', E119: 'Y', I10: 'Y', N179: 'N' },
    },
    lines: [
      { ...base.lines![0]!, serviceDate: '2024-03-01', serviceDateTo: undefined },
      {
        ...base.lines![1]!,
        modifiers: ['26', 'RT'],
        chargeCents: 73456,
        units: 2,
        serviceDate: '2024-03-02',
      },
    ],
    ...overrides,
  });
}

/**
 * inpatient() billed to the primary payer alone, every diagnosis with its POA indicator: a claim
 * that passes validation, as the CLI and the API require before printing.
 */
export function inpatientForPrimary(): ClaimInput {
  const base = inpatient();
  return inpatient({
    subscriber: { ...base.subscriber, responsibility: 'P' },
    otherPayers: [],
    diagnoses: ['J18.9', 'E11.9', 'I10', 'N17.9'],
    // The 837I sends no diagnosis pointers, but the scrubber's hygiene check asks every line for one.
    lines: base.lines!.map((l) => ({ ...l, diagnosisPointers: [1] })),
  });
}

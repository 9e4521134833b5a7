import { describe, expect, it } from 'vitest';
import { type Claim as BillingClaim, ClaimSchema } from '../../src/claims/index.js';
import { ClaimInputError } from '../../src/edits/claim.js';
import { type BillingClaimLike, scrubInputFromBillingClaim } from '../../src/edits/from-billing-claim.js';
import { scrubJson } from '../../src/edits/scrub.js';
import { buildScrubTables } from '../../src/edits/tables.js';

// Compile-time check: the billing model fits the structural type the scrubber reads.
const fits = (c: BillingClaim): BillingClaimLike => c;

const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701' };
const billing = ClaimSchema.parse({
  type: 'professional',
  patientControlNumber: 'PCN-1',
  totalChargeCents: 45000,
  placeOfService: '11',
  diagnoses: ['M17.11', 'I10'],
  billingProvider: { npi: '1234567893', organizationName: 'Clinic', taxId: '123456789', address },
  renderingProvider: { npi: '1245319599', lastName: 'Doe', firstName: 'Ann' },
  subscriber: { lastName: 'Roe', firstName: 'Pat', memberId: 'M123', birthDate: '1955-04-02', sex: 'F' },
  payer: { name: 'Medicare', id: '00882' },
  lines: [
    {
      procedureCode: '20610',
      modifiers: ['RT'],
      chargeCents: 30000,
      units: 1,
      diagnosisPointers: [1],
      serviceDate: '2023-03-15',
    },
    {
      procedureCode: '99213',
      modifiers: [],
      chargeCents: 15000,
      units: 1,
      diagnosisPointers: [1, 2],
      serviceDate: '2023-03-15',
    },
  ],
});

describe('scrubber input from the billing claim model', () => {
  it('maps lines, pointers, dates, provider and patient', () => {
    const input = scrubInputFromBillingClaim(fits(billing), { submissionDate: '2023-03-20' });
    expect(input).toMatchObject({
      id: 'PCN-1',
      setting: 'practitioner',
      patient: { birthDate: '1955-04-02', sex: 'F' },
      placeOfService: '11',
      diagnoses: ['M1711', 'I10'],
      lines: [
        {
          code: '20610',
          modifiers: ['RT'],
          pointers: [1],
          dateOfService: '2023-03-15',
          renderingNpi: '1245319599',
        },
        { code: '99213', pointers: [1, 2] },
      ],
    });
    const tables = buildScrubTables({
      ptp: {
        practitioner: [
          {
            column1: '20610',
            column2: '99213',
            prior1996: false,
            effectiveDate: '2015-01-01',
            deletionDate: null,
            modifierIndicator: 1,
            rationale: 'x',
          },
        ],
      },
    });
    const result = scrubJson(input, { tables, today: '2023-03-20' });
    expect(result.findings.map((f) => f.rule)).toEqual(['NCCI-PTP-1']);
  });

  it('uses the outpatient tables for an institutional claim and reports a missing birth date by path', () => {
    const institutional = { ...billing, type: 'institutional' as const };
    expect(scrubInputFromBillingClaim(institutional)).toMatchObject({ setting: 'outpatient' });
    expect(scrubInputFromBillingClaim(institutional).placeOfService).toBeUndefined();
    const noBirth = { ...billing, subscriber: { ...billing.subscriber, birthDate: undefined } };
    expect(() =>
      scrubJson(scrubInputFromBillingClaim(noBirth), { tables: buildScrubTables({}), today: '2023-03-20' }),
    ).toThrow(ClaimInputError);
  });
});

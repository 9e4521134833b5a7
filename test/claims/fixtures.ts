import type { ClaimInput } from '../../src/claims/model.js';
import { npiCheckDigit } from '../../src/claims/npi.js';

/** A valid NPI built from nine digits (synthetic). */
export const npi = (first9: string) => first9 + npiCheckDigit(first9);

export const submission = {
  submitter: { name: 'GOOD CLINIC BILLING', id: 'SUB123', contactName: 'BILLING DESK', phone: '5555550100' },
  receiver: { name: 'ACME CLEARINGHOUSE', id: 'RCV456' },
  batchId: 'B0001',
  usage: 'T' as const,
  timestamp: new Date('2024-03-05T10:20:00Z'),
};

/**
 * A synthetic professional claim: two lines, dependent patient, referring and rendering providers,
 * and another plan that paid $10 first. That plan's adjustments balance whatever the claim's total
 * is (PR-1 deductible $40, CO-45 the rest), so an override of the total keeps the COB in balance.
 */
export function professionalClaim(overrides: Partial<ClaimInput> = {}): ClaimInput {
  const total = overrides.totalChargeCents ?? 25000;
  const claim: ClaimInput = {
    type: 'professional',
    patientControlNumber: 'PCN-1001',
    totalChargeCents: 25000,
    placeOfService: '11',
    diagnoses: ['J02.9', 'R50.9'],
    priorAuthorization: 'AUTH77',
    billingProvider: {
      npi: npi('123456789'),
      organizationName: 'GOOD CLINIC',
      taxId: '123456789',
      taxonomy: '207Q00000X',
      address: { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', zip: '627011234' },
    },
    renderingProvider: { npi: npi('987654321'), lastName: 'CARE', firstName: 'DANA', taxonomy: '207Q00000X' },
    referringProvider: { npi: npi('555555555'), lastName: 'SEND', firstName: 'RILEY' },
    subscriber: {
      memberId: 'W1234567',
      lastName: 'DOE',
      firstName: 'JOHN',
      birthDate: '1980-02-03',
      sex: 'M',
      address: { line1: '9 ELM ST', line2: 'APT 2', city: 'SPRINGFIELD', state: 'IL', zip: '62702' },
      groupNumber: 'GRP1',
      responsibility: 'P',
      filingIndicator: 'CI',
    },
    patient: {
      lastName: 'DOE',
      firstName: 'JILL',
      birthDate: '2012-06-07',
      sex: 'F',
      address: { line1: '9 ELM ST', city: 'SPRINGFIELD', state: 'IL', zip: '62702' },
      relationship: '19',
    },
    payer: { name: 'ACME HEALTH', id: '12345' },
    otherPayers: [
      {
        payer: { name: 'OTHER PLAN', id: '67890' },
        subscriber: { lastName: 'DOE', firstName: 'MARY', memberId: 'Z999' },
        responsibility: 'S',
        relationship: '01',
        filingIndicator: 'CI',
        paidCents: 1000,
        adjustments: [
          { group: 'PR', reason: '1', amountCents: 4000 },
          { group: 'CO', reason: '45', amountCents: total - 5000 },
        ],
        adjudicationDate: '2024-03-04',
      },
    ],
    lines: [
      {
        procedureCode: '99214',
        modifiers: ['25'],
        chargeCents: 15000,
        units: 1,
        diagnosisPointers: [1, 2],
        serviceDate: '2024-03-01',
        lineControlNumber: 'L1',
      },
      {
        procedureCode: '87880',
        modifiers: ['QW', '59'],
        chargeCents: 10000,
        units: 2,
        diagnosisPointers: [1],
        serviceDate: '2024-03-01',
        lineControlNumber: 'L2',
      },
    ],
    ...overrides,
  };
  return claim;
}

/** A synthetic institutional claim: hospital outpatient (type of bill 13x), so no admission data. */
export function institutionalClaim(overrides: Partial<ClaimInput> = {}): ClaimInput {
  const {
    renderingProvider: _r,
    otherPayers: _o,
    patient: _p,
    priorAuthorization: _a,
    ...base
  } = professionalClaim();
  return {
    ...base,
    type: 'institutional',
    patientControlNumber: 'PCN-2001',
    placeOfService: '13',
    totalChargeCents: 60000,
    attendingProvider: {
      npi: npi('111111111'),
      lastName: 'ATTEND',
      firstName: 'ALEX',
      taxonomy: '207R00000X',
    },
    institutional: {
      admissionType: '3',
      admissionSource: '1',
      patientStatus: '01',
      statementFrom: '2024-03-01',
      statementTo: '2024-03-02',
    },
    lines: [
      {
        procedureCode: '71046',
        modifiers: [],
        chargeCents: 20000,
        units: 1,
        revenueCode: '0324',
        serviceDate: '2024-03-01',
      },
      {
        procedureCode: '85025',
        modifiers: ['91'],
        chargeCents: 40000,
        units: 3,
        revenueCode: '0300',
        serviceDate: '2024-03-01',
        serviceDateTo: '2024-03-02',
      },
    ],
    ...overrides,
  };
}

/**
 * A synthetic hospital inpatient claim (type of bill 11x): admission date and hour, admitting
 * diagnosis, present-on-admission indicators (Z80.0, family history of malignant neoplasm of digestive organs, is on the
 * CMS POA-exempt list, so it has none).
 */
export function inpatientClaim(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return institutionalClaim({
    patientControlNumber: 'PCN-3001',
    placeOfService: '11',
    diagnoses: ['J18.9', 'E11.9', 'Z80.0'],
    totalChargeCents: 90000,
    institutional: {
      admissionType: '1',
      admissionSource: '7',
      patientStatus: '01',
      statementFrom: '2024-03-01',
      statementTo: '2024-03-03',
      admissionDate: '2024-03-01',
      admissionHour: '2215',
      admittingDiagnosis: 'R50.9',
      presentOnAdmission: { J189: 'Y', E119: 'Y' },
    },
    lines: [
      {
        procedureCode: '99223',
        modifiers: [],
        chargeCents: 50000,
        units: 1,
        revenueCode: '0120',
        serviceDate: '2024-03-01',
        serviceDateTo: '2024-03-03',
      },
      {
        procedureCode: '71046',
        modifiers: [],
        chargeCents: 40000,
        units: 1,
        revenueCode: '0324',
        serviceDate: '2024-03-02',
      },
    ],
    ...overrides,
  });
}

/**
 * professionalClaim() where the other plan (payer 67890) reported its adjudication per line: line 1
 * $150 paid $90 (CO-45 $40, PR-2 coinsurance $20), line 2 $100 denied (CO-97 $100, 2 units). The
 * 2320 carries its paid total, and no claim-level adjustment is needed.
 */
export function lineCobClaim(): ClaimInput {
  const base = professionalClaim();
  const [l1, l2] = base.lines;
  return {
    ...base,
    otherPayers: [
      { ...base.otherPayers![0]!, paidCents: 9000, adjustments: undefined, adjudicationDate: undefined },
    ],
    lines: [
      {
        ...l1!,
        adjudications: [
          {
            payerId: '67890',
            paidCents: 9000,
            adjudicationDate: '2024-03-04',
            adjustments: [
              { group: 'CO', reason: '45', amountCents: 4000 },
              { group: 'PR', reason: '2', amountCents: 2000 },
            ],
          },
        ],
      },
      {
        ...l2!,
        adjudications: [
          {
            payerId: '67890',
            paidCents: 0,
            adjudicationDate: '2024-03-04',
            adjustments: [{ group: 'CO', reason: '97', amountCents: 10000, quantity: 2 }],
          },
        ],
      },
    ],
  };
}

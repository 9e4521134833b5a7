import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/claims/model.js';
import { isValidNpi, npiCheckDigit } from '../../src/claims/npi.js';
import { ClaimValidationError, validateClaim } from '../../src/claims/validate.js';
import { inpatientClaim, institutionalClaim, lineCobClaim, professionalClaim } from './fixtures.js';

async function issuesOf(input: unknown, options = {}) {
  try {
    await validateClaim(input, options);
    return [];
  } catch (e) {
    if (!(e instanceof ClaimValidationError)) throw e;
    return e.issues.map((i) => `${i.loop ? `${i.loop} ` : ''}${i.path}: ${i.message}`);
  }
}

const exempt = (...codes: string[]) => ({ has: (code: string) => codes.includes(code) });

describe('NPI check digit', () => {
  it('uses Luhn with the 80840 prefix', () => {
    expect(npiCheckDigit('123456789')).toBe(3); // CMS's published example NPI 1234567893
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
  });
});

describe('claim validation', () => {
  it('accepts the fixtures and applies defaults, normalising diagnosis codes', async () => {
    const claim = await validateClaim(professionalClaim());
    expect(claim.frequency).toBe('1');
    expect(claim.diagnoses).toEqual(['J029', 'R509']);
    expect(claim.billingProvider.taxIdType).toBe('EI');
    await expect(validateClaim(institutionalClaim())).resolves.toMatchObject({ type: 'institutional' });
  });

  it('reports every cross-field problem with its path', async () => {
    const bad = professionalClaim({ totalChargeCents: 100, frequency: '7' });
    bad.billingProvider!.npi = '1234567890';
    bad.lines[0]!.diagnosisPointers = [1, 3];
    bad.lines[1]!.serviceDateTo = '2024-02-01';
    expect(await issuesOf(bad)).toEqual([
      'billingProvider.npi: NPI 1234567890 fails the check digit',
      'totalChargeCents: is 100 but the lines add up to 25000',
      'payerClaimNumber: is required for a replacement (REF*F8)',
      'lines[0].diagnosisPointers[1]: points to diagnosis 3 but the claim has 2',
      'lines[1].serviceDateTo: 2024-02-01 is before the service date 2024-03-01',
    ]);
  });

  it('reports shape problems from the schema', async () => {
    const bad = professionalClaim({ placeOfService: '1' });
    bad.lines[0]!.modifiers = ['25', '59', 'XS', 'XU', 'GT'];
    bad.lines[1]!.chargeCents = 10.5;
    expect(await issuesOf(bad)).toEqual([
      'placeOfService: must be 2 digits',
      'lines[0].modifiers: at most 4 modifiers',
      'lines[1].chargeCents: must be integer cents',
    ]);
    expect(
      await issuesOf(
        professionalClaim({
          lines: [{ ...professionalClaim().lines[0]!, serviceDate: '2024-02-30' }],
          totalChargeCents: 15000,
        }),
      ),
    ).toEqual(['lines[0].serviceDate: 2024-02-30 is not a calendar date']);
  });

  it('checks institutional requirements and the statement period', async () => {
    const bad = institutionalClaim({ attendingProvider: undefined });
    bad.lines[0]!.revenueCode = undefined;
    bad.lines[1]!.serviceDate = '2024-03-05';
    bad.lines[1]!.serviceDateTo = undefined;
    expect(await issuesOf(bad)).toEqual([
      'attendingProvider: is required on an institutional claim',
      'lines[0].revenueCode: is required on an institutional claim',
      'lines[1].serviceDate: 2024-03-05 is outside the statement period 2024-03-01..2024-03-02',
    ]);
  });

  it('asks the terminology service whether each diagnosis is billable on the date of service', async () => {
    const seen: string[] = [];
    const terminology = {
      async validate(code: string, date: string) {
        seen.push(`${code}@${date}`);
        return code === 'R509' ? { valid: false, reason: 'header code' } : { valid: true };
      },
    };
    expect(await issuesOf(professionalClaim(), { diagnoses: terminology })).toEqual([
      'diagnoses[1]: R509 is not billable on 2024-03-01: header code',
    ]);
    expect(seen).toEqual(['J029@2024-03-01', 'R509@2024-03-01']);
  });
});

describe('837 TR3 situational rules', () => {
  it('005010X222A1 2010AA N403: the billing provider ZIP has 9 digits; N3 is a street address', async () => {
    const bad = professionalClaim();
    bad.billingProvider!.address = { line1: 'PO BOX 12', city: 'SPRINGFIELD', state: 'IL', zip: '62701' };
    expect(await issuesOf(bad)).toEqual([
      '2010AA N403 billingProvider.address.zip: 62701 is not a 9-digit ZIP code (ZIP+4), which the billing provider address requires',
      '2010AA N3 billingProvider.address.line1: must be a street address: a post office or lock box goes in the pay-to address (2010AB)',
    ]);
    // The same rule on the 837I (005010X223A2 2010AA N403).
    const inst = institutionalClaim();
    inst.billingProvider!.address = { ...inst.billingProvider!.address, zip: '62701' };
    expect(await issuesOf(inst)).toHaveLength(1);
  });

  it('005010X222A1 2010BA DMG: subscriber birth date and sex are required when the patient is the subscriber', async () => {
    const self = professionalClaim({ patient: undefined });
    self.subscriber = { ...self.subscriber!, birthDate: undefined, sex: undefined };
    expect(await issuesOf(self)).toEqual([
      '2010BA DMG subscriber.birthDate: is required when the patient is the subscriber',
      '2010BA DMG subscriber.sex: is required when the patient is the subscriber',
    ]);
    // With a 2000C patient they are not sent (and so not needed).
    const dependent = professionalClaim();
    dependent.subscriber = { ...dependent.subscriber!, birthDate: undefined, sex: undefined };
    expect(await issuesOf(dependent)).toEqual([]);
  });

  it('005010X223A2 2300 DTP*435: admission date and hour on an inpatient bill, after no statement start', async () => {
    const c = inpatientClaim();
    c.institutional = { ...c.institutional!, admissionDate: undefined, admissionHour: undefined };
    expect(await issuesOf(c)).toEqual([
      '2300 DTP*435 institutional.admissionDate: is required on a type of bill 11x claim',
      '2300 DTP*435 institutional.admissionHour: is required on an inpatient (type of bill 11x) claim: the admission date and hour',
    ]);
    c.institutional = { ...c.institutional!, admissionDate: '2024-03-02', admissionHour: '2460' };
    expect(await issuesOf(c)).toEqual(['institutional.admissionHour: must be an HHMM hour']);
    c.institutional = { ...c.institutional!, admissionHour: '0930' };
    expect(await issuesOf(c)).toEqual([
      '2300 DTP*435 institutional.admissionDate: 2024-03-02 is after the statement period start 2024-03-01',
    ]);
    // Home health (32x) needs the start-of-care date but no hour, admitting diagnosis or POA.
    const home = institutionalClaim({ placeOfService: '32' });
    expect(await issuesOf(home)).toEqual([
      '2300 DTP*435 institutional.admissionDate: is required on a type of bill 32x claim',
    ]);
    home.institutional = { ...home.institutional!, admissionDate: '2024-02-20' };
    expect(await issuesOf(home)).toEqual([]);
  });

  it('005010X223A2 2300 HI*ABJ: admitting diagnosis required on inpatient bills, never sent on outpatient ones', async () => {
    const out = institutionalClaim();
    out.institutional = { ...out.institutional!, admittingDiagnosis: 'R50.9' };
    expect(await issuesOf(out)).toEqual([
      '2300 HI*ABJ institutional.admittingDiagnosis: is sent only on inpatient claims, not on type of bill 13x',
    ]);
    const inp = inpatientClaim();
    inp.institutional = { ...inp.institutional!, admittingDiagnosis: undefined };
    expect(await issuesOf(inp)).toEqual([
      '2300 HI*ABJ institutional.admittingDiagnosis: is required on an inpatient (type of bill 11x) claim',
    ]);
    inp.institutional = { ...inp.institutional!, admittingDiagnosis: '50.9' };
    expect(await issuesOf(inp)).toEqual([
      '2300 HI*ABJ institutional.admittingDiagnosis: 509 is not an ICD-10-CM code',
    ]);
  });

  it('005010X223A2 2300 HI01-9: POA indicators Y/N/U/W, inpatient only, for the claim diagnoses, blank when exempt', async () => {
    const one = inpatientClaim();
    one.institutional = { ...one.institutional!, presentOnAdmission: { J189: '1' as 'Y' } };
    expect(await issuesOf(one)).toEqual([
      'institutional.presentOnAdmission.J189: must be Y, N, U or W (005010 has no "1": leave an exempt code out)',
    ]);
    const out = institutionalClaim();
    out.institutional = { ...out.institutional!, presentOnAdmission: { 'J02.9': 'Y' } };
    expect(await issuesOf(out)).toEqual([
      '2300 HI01-9 institutional.presentOnAdmission: present-on-admission indicators are sent only on inpatient claims, not on type of bill 13x',
    ]);
    const stray = inpatientClaim();
    stray.institutional = { ...stray.institutional!, presentOnAdmission: { J189: 'Y', I10: 'N' } };
    expect(await issuesOf(stray)).toEqual([
      "2300 HI01-9 institutional.presentOnAdmission.I10: I10 is not one of the claim's diagnoses",
    ]);
    // With the CMS exempt list: an exempt code has no indicator; every other code on an 11x bill has one.
    expect(await issuesOf(inpatientClaim(), { poaExempt: exempt('Z800') })).toEqual([]);
    const wrong = inpatientClaim();
    wrong.institutional = { ...wrong.institutional!, presentOnAdmission: { J189: 'Y', Z800: 'Y' } };
    expect(await issuesOf(wrong, { poaExempt: exempt('Z800') })).toEqual([
      '2300 HI01-9 institutional.presentOnAdmission.Z800: Z800 is on the CMS POA-exempt list: its indicator is left blank',
      '2300 HI01-9 diagnoses[1]: E119 needs a present-on-admission indicator (Y, N, U or W) on type of bill 11x',
    ]);
    // Other inpatient bills (here 21x) may carry indicators but are not required to.
    const snf = inpatientClaim({ placeOfService: '21' });
    snf.institutional = { ...snf.institutional!, presentOnAdmission: {} };
    expect(await issuesOf(snf, { poaExempt: exempt('Z800') })).toEqual([]);
  });
});

describe('coordination of benefits balancing (2320/2330B/2430)', () => {
  const withPayer = (patch: Partial<NonNullable<ClaimInput['otherPayers']>[number]>) => {
    const c = professionalClaim();
    c.otherPayers = [{ ...c.otherPayers![0]!, ...patch }];
    return c;
  };

  it('005010X222A1 2320 CAS: claim charge = AMT*D paid + the payer’s claim- and line-level adjustments', async () => {
    expect(await issuesOf(professionalClaim())).toEqual([]);
    expect(await issuesOf(withPayer({ paidCents: 2000 }))).toEqual([
      '2320 AMT/CAS otherPayers[0]: does not balance: the claim charge 250 must equal paid 20 + claim adjustments 240 + line adjustments 0 (= 260)',
    ]);
    // The 837I follows the same rule (005010X223A2 2320 CAS).
    const inst = institutionalClaim({ otherPayers: professionalClaim().otherPayers });
    expect(await issuesOf(inst)).toEqual([
      '2320 AMT/CAS otherPayers[0]: does not balance: the claim charge 600 must equal paid 10 + claim adjustments 240 + line adjustments 0 (= 250)',
    ]);
  });

  it('005010X222A1 2430 SVD/CAS: each line balances, and AMT*D is the sum of the payer’s SVD02', async () => {
    expect(await issuesOf(lineCobClaim())).toEqual([]);
    const c = lineCobClaim();
    c.lines[0]!.adjudications![0]!.paidCents = 8000;
    expect(await issuesOf(c)).toEqual([
      '2430 SVD/CAS lines[0].adjudications[0]: does not balance: the line charge 150 must equal paid 80 + adjustments 60 (= 140)',
      "2320 AMT*D otherPayers[0].paidCents: is 90 but the payer's 2430 line paid amounts (SVD02) add up to 80",
    ]);
    // Adjustments can sit at either level: a claim-level CAS makes up the difference.
    const mixed = lineCobClaim();
    mixed.lines[1]!.adjudications![0]!.adjustments = [{ group: 'CO', reason: '97', amountCents: 6000 }];
    expect(await issuesOf(mixed)).toContainEqual(
      '2430 SVD/CAS lines[1].adjudications[0]: does not balance: the line charge 100 must equal paid 0 + adjustments 60 (= 60)',
    );
  });

  it('005010X222A1 2430 SVD01 names a 2330B payer; one adjudication per payer per line', async () => {
    const c = lineCobClaim();
    c.lines[1]!.adjudications![0]!.payerId = 'NOPE1';
    c.lines[0]!.adjudications!.push({ ...c.lines[0]!.adjudications![0]! });
    const issues = await issuesOf(c);
    expect(issues).toContain(
      '2430 SVD01 lines[1].adjudications[0].payerId: NOPE1 is not the payer id (2330B NM109) of any other payer on the claim',
    );
    expect(issues).toContain(
      '2430 SVD lines[0].adjudications: lists one payer twice (split or bundled lines are not supported)',
    );
  });

  it('005010X222A1 2330B DTP*573: required without 2430 lines, not sent with them', async () => {
    expect(await issuesOf(withPayer({ adjudicationDate: undefined }))).toEqual([
      '2330B DTP*573 otherPayers[0].adjudicationDate: is required when the payer adjudicated the claim and no 2430 reports its lines',
    ]);
    const c = lineCobClaim();
    c.otherPayers![0]!.adjudicationDate = '2024-03-04';
    expect(await issuesOf(c)).toEqual([
      '2330B DTP*573 otherPayers[0].adjudicationDate: is not sent when 2430 reports the payer’s lines: each line carries its own date (2430 DTP*573)',
    ]);
  });

  it('005010X222A1 2320: a payer that has not adjudicated (no AMT*D) reports no CAS, date or 2430', async () => {
    expect(await issuesOf(withPayer({ paidCents: undefined }))).toEqual([
      '2320 CAS otherPayers[0].adjustments: only a payer that adjudicated the claim reports adjustments: set paidCents (AMT*D)',
      '2330B DTP*573 otherPayers[0].adjudicationDate: only a payer that adjudicated the claim has an adjudication date: set paidCents (AMT*D)',
    ]);
    expect(
      await issuesOf(
        withPayer({ paidCents: undefined, adjustments: undefined, adjudicationDate: undefined }),
      ),
    ).toEqual([]);
    const c = lineCobClaim();
    c.otherPayers![0]!.paidCents = undefined;
    expect(await issuesOf(c)).toEqual([
      '2430 SVD lines[0].adjudications[0]: payer 67890 has not adjudicated the claim (no paidCents, AMT*D), so it has no line adjudication',
      '2430 SVD lines[1].adjudications[0]: payer 67890 has not adjudicated the claim (no paidCents, AMT*D), so it has no line adjudication',
    ]);
  });

  it('005010X222A1 2320 CAS: one CAS per group code holds at most 6 adjustments; codes and amounts are checked', async () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({
      group: 'CO' as const,
      reason: String(i + 1),
      amountCents: 1000,
    }));
    expect(await issuesOf(withPayer({ paidCents: 18000, adjustments: seven }))).toEqual([
      '2320 CAS otherPayers[0].adjustments: has 7 CO adjustments; one CAS segment per group code carries at most 6',
    ]);
    expect(
      await issuesOf(withPayer({ adjustments: [{ group: 'XX' as 'CO', reason: '45!', amountCents: 1.5 }] })),
    ).toEqual([
      'otherPayers[0].adjustments[0].group: Invalid option: expected one of "CO"|"CR"|"OA"|"PI"|"PR"',
      'otherPayers[0].adjustments[0].reason: must be a claim adjustment reason code (1-5 letters or digits)',
      'otherPayers[0].adjustments[0].amountCents: must be integer cents',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from '../../src/claims/npi.js';
import { ClaimValidationError, validateClaim } from '../../src/claims/validate.js';
import { institutionalClaim, professionalClaim } from './fixtures.js';

async function issuesOf(input: unknown, options = {}) {
  try {
    await validateClaim(input, options);
    return [];
  } catch (e) {
    if (!(e instanceof ClaimValidationError)) throw e;
    return e.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

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

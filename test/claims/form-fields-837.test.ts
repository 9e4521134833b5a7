import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/claims/model.js';
import { read837 } from '../../src/claims/read-837.js';
import { ClaimValidationError, validateClaim } from '../../src/claims/validate.js';
import { write837 } from '../../src/claims/write-837.js';
import { MemoryControlNumbers } from '../../src/x12/control-numbers.js';
import { parseX12 } from '../../src/x12/reader.js';
import { inpatientClaim, professionalClaim, submission } from './fixtures.js';

/**
 * The claim fields the paper forms print that the 837 carries too: related causes and the auto
 * accident's state (837P CLM11; CMS-1500 10a-c), the medical record number (REF*EA; UB-04 FL 3b)
 * and ICD-10-PCS procedures with dates (837I HI*BBR/BBQ; UB-04 FL 74). Written, and read back.
 */
async function roundTrip(input: ClaimInput) {
  const claim = await validateClaim(input);
  const { text } = await write837([claim], submission, new MemoryControlNumbers());
  const [set] = parseX12(text, { strict: true });
  const {
    claims: [back],
    problems,
  } = read837(set!, { strict: true });
  expect(problems).toEqual([]);
  return { claim, text, segments: text.split('~').filter(Boolean), back: await validateClaim(back) };
}

const issuePaths = async (input: ClaimInput) => {
  try {
    await validateClaim(input);
    return [];
  } catch (e) {
    if (!(e instanceof ClaimValidationError)) throw e;
    return e.issues.map((i) => i.path);
  }
};

describe('837 fields behind the paper forms', () => {
  it('837P CLM11: related causes and the auto accident state; REF*EA medical record number', async () => {
    const { segments, back } = await roundTrip(
      professionalClaim({
        relatedCauses: ['EM', 'AA'],
        autoAccidentState: 'NJ',
        medicalRecordNumber: 'MRN-1',
      }),
    );
    expect(segments).toContain('CLM*PCN-1001*250***11:B:1*Y*A*Y*Y**EM:AA::NJ');
    expect(segments).toContain('REF*EA*MRN-1');
    expect(back).toMatchObject({
      relatedCauses: ['EM', 'AA'],
      autoAccidentState: 'NJ',
      medicalRecordNumber: 'MRN-1',
    });
    // One cause, no state: CLM11-1 alone.
    const other = await roundTrip(professionalClaim({ relatedCauses: ['OA'] }));
    expect(other.segments).toContain('CLM*PCN-1001*250***11:B:1*Y*A*Y*Y**OA');
    expect(other.back.relatedCauses).toEqual(['OA']);
    expect(other.back.autoAccidentState).toBeUndefined();
  });

  it('837I HI*BBR principal and HI*BBQ other ICD-10-PCS procedures with D8 dates, in order', async () => {
    const base = inpatientClaim();
    const procedures = [
      { code: '0bh17ez', date: '2024-03-01' },
      { code: '5A1955Z', date: '2024-03-02' },
      { code: '02HV33Z', date: '2024-03-02' },
    ];
    const { segments, back } = await roundTrip({
      ...base,
      institutional: { ...base.institutional!, procedures },
    });
    expect(segments).toContain('HI*BBR:0BH17EZ:D8:20240301');
    expect(segments).toContain('HI*BBQ:5A1955Z:D8:20240302*BBQ:02HV33Z:D8:20240302');
    // BBR follows the other diagnoses' HI (TR3 order).
    const his = segments.filter((s) => s.startsWith('HI*'));
    expect(his.findIndex((s) => s.startsWith('HI*BBR'))).toBe(his.length - 2);
    expect(back.institutional?.procedures).toEqual([
      { code: '0BH17EZ', date: '2024-03-01' },
      { code: '5A1955Z', date: '2024-03-02' },
      { code: '02HV33Z', date: '2024-03-02' },
    ]);
  });

  it('refuses an auto accident without its state, a state without one, CLM11 on an 837I, and non-PCS codes', async () => {
    expect(await issuePaths(professionalClaim({ relatedCauses: ['AA'] }))).toEqual(['autoAccidentState']);
    expect(await issuePaths(professionalClaim({ relatedCauses: ['EM'], autoAccidentState: 'NJ' }))).toEqual([
      'autoAccidentState',
    ]);
    expect(await issuePaths(professionalClaim({ relatedCauses: ['EM', 'EM'] }))).toEqual(['relatedCauses']);
    expect(await issuePaths(inpatientClaim({ relatedCauses: ['OA'] }))).toEqual(['relatedCauses']);
    const base = inpatientClaim();
    // ICD-10-PCS has no I or O, and is seven characters.
    for (const code of ['0BH17IZ', '0BH17E'])
      expect(
        await issuePaths({
          ...base,
          institutional: { ...base.institutional!, procedures: [{ code, date: '2024-03-01' }] },
        }),
      ).toEqual(['institutional.procedures[0].code']);
  });
});

import { describe, expect, it } from 'vitest';
import { claimToFhir } from '../../src/claims/fhir-claim.js';
import { validateClaim } from '../../src/claims/validate.js';
import { inpatientClaim, institutionalClaim } from './fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: the resource is read back as plain JSON
type Loose = any;

describe('FHIR Claim export of inpatient data', () => {
  it('carries POA as diagnosis.onAdmission, the admitting diagnosis last, and the stay as supportingInfo', async () => {
    const r = claimToFhir(await validateClaim(inpatientClaim()), { created: '2024-03-05' }) as Loose;
    expect(
      r.diagnosis.map((d: Loose) => [
        d.sequence,
        d.diagnosisCodeableConcept.coding[0].code,
        d.type?.[0].coding[0].code,
        d.onAdmission?.coding[0].code,
      ]),
    ).toEqual([
      [1, 'J18.9', 'principal', 'y'],
      [2, 'E11.9', undefined, 'y'],
      [3, 'Z80.0', undefined, undefined],
      [4, 'R50.9', 'admitting', undefined],
    ]);
    expect(r.diagnosis[0].onAdmission.coding[0].system).toBe(
      'http://terminology.hl7.org/CodeSystem/ex-diagnosis-on-admission',
    );
    expect(r.supportingInfo).toEqual([
      {
        sequence: 1,
        category: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/claiminformationcategory',
              code: 'hospitalized',
            },
          ],
        },
        timingPeriod: { start: '2024-03-01', end: '2024-03-03' },
      },
    ]);
  });

  it('an outpatient bill has neither', async () => {
    const r = claimToFhir(await validateClaim(institutionalClaim()), { created: '2024-03-05' }) as Loose;
    expect(r.supportingInfo).toBeUndefined();
    expect(r.diagnosis.map((d: Loose) => Object.keys(d).includes('onAdmission'))).toEqual([false, false]);
  });
});

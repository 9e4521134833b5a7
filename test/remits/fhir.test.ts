import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimToFhir, PCN_SYSTEM } from '../../src/claims/fhir-claim.js';
import { getClaim, saveClaim } from '../../src/claims/store.js';
import { submitClaims } from '../../src/claims/submit.js';
import { validateClaim } from '../../src/claims/validate.js';
import { eobToRemittance, FhirImportError } from '../../src/remits/fhir-eob.js';
import { postEobJson } from '../../src/remits/fhir-post.js';
import { PostingRefused } from '../../src/remits/posting.js';
import type { Store } from '../../src/store/index.js';
import { professionalClaim, submission } from '../claims/fixtures.js';
import { openScratch, scratchStores } from '../support/stores.js';

/** An official example under ../shared/eval/fhir (throws naming it when missing). */
function officialExample(rel: string): Record<string, unknown> {
  const dir = process.env.MEDCODER_EVAL ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval');
  return JSON.parse(readFileSync(resolve(dir, 'fhir', rel), 'utf8'));
}

// biome-ignore lint/suspicious/noExplicitAny: assertions walk the exported JSON freely
type Loose = any;

const usd = (value: number) => ({ value, currency: 'USD' });
const adj = (code: string, value: number) => ({ category: { coding: [{ code }] }, amount: usd(value) });

/** A hand-built EOB for professionalClaim(): line 1 paid after a copay, line 2 not covered. */
function eob(pcn: string, id = 'EOB-1') {
  return {
    resourceType: 'ExplanationOfBenefit',
    id,
    identifier: [{ system: 'https://payer.example/claim', value: `PAYER-${pcn}` }],
    status: 'active',
    type: { coding: [{ code: 'professional' }] },
    use: 'claim',
    insurer: { identifier: { value: '12345' }, display: 'ACME HEALTH' },
    claim: { identifier: { system: PCN_SYSTEM, value: pcn } },
    outcome: 'complete',
    item: [
      {
        sequence: 1,
        productOrService: { coding: [{ code: '99214' }] },
        modifier: [{ coding: [{ code: '25' }] }],
        servicedDate: '2024-03-01',
        adjudication: [adj('submitted', 150), adj('eligible', 110), adj('copay', 20), adj('benefit', 90)],
      },
      {
        sequence: 2,
        productOrService: { coding: [{ code: '87880' }] },
        servicedDate: '2024-03-01',
        quantity: { value: 2 },
        adjudication: [adj('submitted', 100), adj('eligible', 60), adj('noncovered', 60), adj('benefit', 0)],
      },
    ],
    total: [adj('submitted', 250), adj('benefit', 90)],
    payment: { amount: usd(90), identifier: { value: 'EFT-77' } },
  };
}

describe('FHIR Claim export', () => {
  it('writes an R4 Claim with every required element, codes, modifiers, pointers and amounts', async () => {
    const claim = await validateClaim(professionalClaim({ frequency: '7', payerClaimNumber: 'PAYER-OLD' }));
    const r = claimToFhir(claim, { created: '2024-03-05' }) as Loose;
    for (const k of [
      'resourceType',
      'status',
      'type',
      'use',
      'patient',
      'created',
      'provider',
      'priority',
      'insurance',
    ])
      expect(r, k).toHaveProperty(k);
    expect(r.identifier).toEqual([{ system: PCN_SYSTEM, value: 'PCN-1001' }]);
    expect(r.type.coding[0]).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/claim-type',
      code: 'professional',
    });
    expect(r.diagnosis.map((d: Loose) => d.diagnosisCodeableConcept.coding[0].code)).toEqual([
      'J02.9',
      'R50.9',
    ]);
    expect(r.related[0].reference).toEqual({ value: 'PAYER-OLD' });
    expect(r.insurance[0]).toMatchObject({
      sequence: 1,
      focal: true,
      coverage: { reference: '#coverage' },
      preAuthRef: ['AUTH77'],
    });
    const contained = Object.fromEntries(r.contained.map((c: Loose) => [c.id, c]));
    expect(contained.patient).toMatchObject({
      resourceType: 'Patient',
      name: [{ family: 'DOE', given: ['JILL'] }],
      gender: 'female',
    });
    expect(contained.coverage).toMatchObject({
      subscriberId: 'W1234567',
      relationship: { coding: [{ code: 'child' }] },
    });
    expect(r.item).toHaveLength(2);
    expect(r.item[1]).toMatchObject({
      sequence: 2,
      productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '87880' }] },
      modifier: [{ coding: [{ code: 'QW' }] }, { coding: [{ code: '59' }] }],
      diagnosisSequence: [1],
      quantity: { value: 2 },
      net: usd(100),
    });
    expect(r.total).toEqual(usd(250));
    // Same shape as the official examples for what they share.
    const official = officialExample('hl7-fhir-r4-examples/Claim-100150.json');
    expect(typeof official.created).toBe(typeof r.created);
    expect(Object.keys((official.insurance as object[])[0]!)).toEqual(
      expect.arrayContaining(['sequence', 'focal', 'coverage']),
    );
  });
});

describe('FHIR ExplanationOfBenefit import', () => {
  it('reads items as service lines with PR/CO adjustments that balance', () => {
    const r = eobToRemittance(eob('PCN-1001'));
    expect(r.imbalances).toEqual([]);
    const [c] = r.claims;
    expect(c).toMatchObject({
      patientControlNumber: 'PCN-1001',
      payerClaimNumber: 'PAYER-PCN-1001',
      chargeCents: 25000,
      paidCents: 9000,
      patientResponsibilityCents: 2000,
      status: '1',
    });
    expect(c!.lines[0]!.adjustments).toEqual([
      { group: 'CO', reason: '45', amountCents: 4000 },
      { group: 'PR', reason: '3', amountCents: 2000 },
    ]);
    expect(c!.lines[1]!.adjustments).toEqual([
      { group: 'CO', reason: '45', amountCents: 4000 },
      { group: 'CO', reason: '96', amountCents: 6000 },
    ]);
    expect(r.trace.number).toBe('EFT-77');
  });

  it('reads the official CARIN professional EOB (reversed and re-adjudicated lines) in balance', () => {
    const example = officialExample('carin-bb-stu1-json/ExplanationOfBenefit_ProfessionalEOBExample1.json');
    // The example names no claim of ours: reading it says so instead of guessing.
    expect(() => eobToRemittance(example)).toThrow(FhirImportError);
    const r = eobToRemittance({ ...example, claim: { reference: 'Claim/X-1' } });
    expect(r.claims[0]).toMatchObject({ patientControlNumber: 'X-1', chargeCents: 82000, paidCents: 25891 });
    expect(r.claims[0]!.lines).toHaveLength(6);
    expect(r.imbalances).toEqual([]);
  });

  it('reports where an official EOB does not balance (coinsurance left unstated)', () => {
    const r = eobToRemittance(officialExample('hl7-fhir-r4-examples/ExplanationOfBenefit-EB3500.json'));
    expect(r.claims[0]!.patientControlNumber).toBe('100150');
    expect(r.imbalances[0]).toMatchObject({
      level: 'line',
      line: 1,
      expectedCents: 12000,
      actualCents: 9600,
    });
    expect(r.imbalances[0]!.message).toMatch(/but the item benefit is 96/);
  });

  it('rejects what is not an EOB, with where', () => {
    expect(() => eobToRemittance({ resourceType: 'Claim' })).toThrow(
      /resourceType: expected an ExplanationOfBenefit/,
    );
    const bad = eob('X');
    Object.assign(bad.item[0]!.adjudication[0]!.amount, { value: 'lots' });
    expect(() => eobToRemittance(bad)).toThrow(/item\[0\]\.adjudication\[0\]\.amount\.value/);
  });
});

describe.each(scratchStores())('EOB posting ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('posts through the 835 path: matched lines, denial on the worklist, once only; unbalanced posts nothing', async () => {
    const c = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'F-1' }), 'tester');
    await submitClaims(store.db, [c.id], submission, { by: 'tester' });
    const text = JSON.stringify(eob('F-1'));
    const unbalanced = JSON.stringify({
      ...eob('F-1', 'EOB-BAD'),
      total: [adj('submitted', 250), adj('benefit', 95)],
    });
    await expect(postEobJson(store.db, unbalanced, 'tester')).rejects.toBeInstanceOf(PostingRefused);
    expect((await getClaim(store.db, c.id)).status).toBe('submitted');
    const report = await postEobJson(store.db, text, 'tester', 'eob.json');
    expect(report).toMatchObject({ claimsPosted: 1, paidCents: 9000, denials: 1, unknownClaims: [] });
    expect(await getClaim(store.db, c.id)).toMatchObject({
      status: 'partially_paid',
      payerClaimNumber: 'PAYER-F-1',
    });
    const lines = await store.db
      .selectFrom('line_posting')
      .select(['line_number', 'match_method', 'paid_cents', 'patient_cents', 'denied'])
      .where('claim_id', '=', c.id)
      .orderBy('line_number')
      .execute();
    expect(lines).toEqual([
      { line_number: 1, match_method: 'best-match', paid_cents: 9000, patient_cents: 2000, denied: false },
      { line_number: 2, match_method: 'best-match', paid_cents: 0, patient_cents: 0, denied: true },
    ]);
    expect(await postEobJson(store.db, text, 'tester')).toMatchObject({ alreadyPosted: true });
  });
});

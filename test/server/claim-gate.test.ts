import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE } from '../../src/workflow/practice.js';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * The scrubber is the gate on the workbench's claim path: build and submit refuse a claim with
 * an error finding unless an override says why (the signed-in user is who), and the store is
 * unchanged by a refusal. Possible duplicate payments are held and resolved through the API.
 */
const lines = [{ code: '99213', modifiers: [], units: 1, chargeCents: 10000, pointers: [1] }];

/** An 835 paying `pcn`'s one line in full under the payer claim number `icn`. */
function remit(pcn: string, icn: string, control: number): string {
  const c = String(control).padStart(9, '0');
  const seg = [
    `ISA*00*          *00*          *ZZ*ACME01         *ZZ*MEDCODERDEMO   *250701*1200*^*00501*${c}*0*P*:`,
    `GS*HP*ACME01*MEDCODERDEMO*20250701*1200*${control}*X*005010X221A1`,
    'ST*835*0001',
    'BPR*I*100*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20250701',
    `TRN*1*TRACE${control}*1512345678`,
    'DTM*405*20250701',
    'N1*PR*ACME HEALTH',
    'N1*PE*MEDCODER DEMO CLINIC*XX*1234567893',
    'LX*1',
    `CLP*${pcn}*1*100*100**12*${icn}`,
    'SVC*HC:99213*100*100**1',
    `REF*6R*${pcn}-1`,
  ];
  return `${[...seg, `SE*${seg.length - 1}*0001`, `GE*1*${control}`, `IEA*1*${c}`].join('~')}~`;
}

describe.each(scratchStores())('the scrubber gate and held payments through the API ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let biller: Session;
  let today = '2025-06-30';
  beforeAll(async () => {
    // A billing address with ZIP+4, as the 837's 2010AA requires.
    const practice = {
      ...DEMO_PRACTICE,
      billingProvider: {
        ...DEMO_PRACTICE.billingProvider,
        address: { ...DEMO_PRACTICE.billingProvider.address!, zip: '627011234' },
      },
    };
    t = await testApp(spec, { today: () => today, practice });
    coder = await login(t.app, 'coder');
    biller = await login(t.app, 'biller');
  }, 120_000);
  afterAll(async () => t?.close());

  /** A coded encounter (E11.9) seen on `dateOfService`, ready for its claim. */
  async function coded(dateOfService: string): Promise<number> {
    const created = await call(t.app, coder, 'POST', '/api/encounters', {
      note: 'ASSESSMENT: Type 2 diabetes mellitus without complications.',
      patient: { displayName: 'Gate, Pat', birthDate: '1960-01-02', sex: 'F' },
      visit: { dateOfService, setting: 'outpatient', payer: 'Acme Health' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const codes = [{ code: 'E11.9', sequence: 1, status: 'added', proposed: null }];
    expect((await call(t.app, coder, 'PUT', `/api/encounters/${id}/codes`, { codes })).statusCode).toBe(200);
    const done = await call(t.app, coder, 'POST', `/api/encounters/${id}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    return id;
  }

  const counts = async () => ({
    claims: (await t.store.db.selectFrom('claim').select('id').execute()).length,
    overrides: (await t.store.db.selectFrom('claim_scrub_override').select('id').execute()).length,
    batches: (await t.store.db.selectFrom('claim_batch').select('id').execute()).length,
  });

  it('refuses to build a claim filed 644 days after the visit; an override with a reason builds it, logged', async () => {
    today = '2025-06-30';
    const id = await coded('2023-09-25');
    const before = await counts();
    const refused = await call(t.app, coder, 'POST', `/api/encounters/${id}/claim`, { lines });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('scrub_errors');
    expect(refused.json().error.message).toMatch(/HYG-TIMELY-FILING/);
    expect(await counts()).toEqual(before);
    expect((await call(t.app, coder, 'GET', `/api/encounters/${id}`)).json().encounter.state).toBe('coded');

    const blank = await call(t.app, coder, 'POST', `/api/encounters/${id}/claim`, {
      lines,
      override: { reason: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(await counts()).toEqual(before);

    const built = await call(t.app, coder, 'POST', `/api/encounters/${id}/claim`, {
      lines,
      override: { reason: 'retroactive eligibility; proof attached' },
    });
    expect(built.statusCode, built.body).toBe(201);
    const claimId = built.json().claimId as number;
    const row = await t.store.db
      .selectFrom('claim_scrub_override')
      .select(['claim_id', 'stage', 'rules', 'reason', 'by_whom'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      claim_id: claimId,
      stage: 'validate',
      rules: ['HYG-TIMELY-FILING'],
      reason: 'retroactive eligibility; proof attached',
      by_whom: 'coder',
    });
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'scrub-override')
      .where('entity_id', '=', String(claimId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({
      stage: 'validate',
      by: 'coder',
      reason: 'retroactive eligibility; proof attached',
      rules: ['HYG-TIMELY-FILING'],
    });

    // Submitting the same claim honours the override given for its content.
    const submitted = await call(t.app, biller, 'POST', `/api/claims/${claimId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
  });

  it('refuses to submit a claim that has run out of time since it was built, until overridden', async () => {
    today = '2025-06-30';
    const id = await coded('2025-03-01');
    const built = await call(t.app, coder, 'POST', `/api/encounters/${id}/claim`, { lines });
    expect(built.statusCode, built.body).toBe(201);
    const claimId = built.json().claimId as number;
    today = '2026-04-01';
    const before = await counts();
    const refused = await call(t.app, biller, 'POST', `/api/claims/${claimId}/submit`);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'scrub_errors' });
    expect(await counts()).toEqual(before);
    expect((await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().state).toBe('validated');
    const sent = await call(t.app, biller, 'POST', `/api/claims/${claimId}/submit`, {
      override: { reason: 'payer granted an extension in writing' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const rows = await t.store.db
      .selectFrom('claim_scrub_override')
      .select(['stage', 'by_whom'])
      .where('claim_id', '=', claimId)
      .execute();
    expect(rows).toEqual([{ stage: 'submit', by_whom: 'biller' }]);
  });

  it('holds a second payment under another payer claim number; the biller sees and resolves it', async () => {
    today = '2025-06-30';
    const id = await coded('2025-05-01');
    const claimId = (await call(t.app, coder, 'POST', `/api/encounters/${id}/claim`, { lines })).json()
      .claimId as number;
    expect((await call(t.app, biller, 'POST', `/api/claims/${claimId}/submit`)).statusCode).toBe(200);
    const pcn = (await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().patientControlNumber;
    const first = await call(t.app, biller, 'POST', '/api/remits', { x12: remit(pcn, 'ICN-1', 11) });
    expect(first.json()).toMatchObject({ posted: 1, held: [] });
    const second = await call(t.app, biller, 'POST', '/api/remits', { x12: remit(pcn, 'ICN-2', 12) });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ posted: 0, claims: [] });
    expect(second.json().problems.join('\n')).toMatch(/possible duplicate/);
    const held = await call(t.app, biller, 'GET', `/api/remits/held?claimId=${claimId}`);
    expect(held.json().items).toEqual([
      expect.objectContaining({ claimId, payerClaimNumber: 'ICN-2', paidCents: 10000 }),
    ]);
    const detail = await call(t.app, biller, 'GET', `/api/claims/${claimId}`);
    expect(detail.json()).toMatchObject({
      payerClaimNumber: 'ICN-1',
      heldPayments: [{ payerClaimNumber: 'ICN-2' }],
    });
    const postingId = held.json().items[0].postingId as number;

    const coderTry = await call(t.app, coder, 'POST', `/api/remits/held/${postingId}/resolve`, {
      decision: 'reject',
      reason: 'dup',
    });
    expect(coderTry.statusCode).toBe(403);
    const bad = await call(t.app, biller, 'POST', `/api/remits/held/${postingId}/resolve`, {
      decision: 'maybe',
      reason: 'dup',
    });
    expect(bad.statusCode).toBe(400);
    const rejected = await call(t.app, biller, 'POST', `/api/remits/held/${postingId}/resolve`, {
      decision: 'reject',
      reason: 'paid twice; refund requested',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ claimId, decision: 'reject' });
    const again = await call(t.app, biller, 'POST', `/api/remits/held/${postingId}/resolve`, {
      decision: 'accept',
      reason: 'changed my mind',
    });
    expect(again.statusCode).toBe(409);
    expect((await call(t.app, biller, 'GET', '/api/remits/held')).json().items).toEqual([]);
    expect((await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().payerClaimNumber).toBe(
      'ICN-1',
    );
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/workflow/audit.js';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

const NOTE = `ASSESSMENT:
1. Type 2 diabetes mellitus with hyperglycemia.
2. Essential hypertension.
PLAN: Continue metformin and lisinopril.`;

const newEncounter = {
  note: NOTE,
  patient: { displayName: 'Test, Pat', birthDate: '1960-01-02', sex: 'F' },
  visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Acme Health' },
};

/** An 835 paying line 1 and denying line 2 (CO-97) of claim `pcn`, balanced. */
function remit835(pcn: string): string {
  const seg = [
    'ISA*00*          *00*          *ZZ*ACME01         *ZZ*MEDCODERDEMO   *250701*1200*^*00501*000000101*0*P*:',
    'GS*HP*ACME01*MEDCODERDEMO*20250701*1200*101*X*005010X221A1',
    'ST*835*0001',
    'BPR*I*80*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20250701',
    'TRN*1*TRACE1*1512345678',
    'DTM*405*20250701',
    'N1*PR*ACME HEALTH',
    'N3*1 PAYER WAY',
    'N4*CHICAGO*IL*60601',
    'N1*PE*MEDCODER DEMO CLINIC*XX*1234567893',
    'LX*1',
    `CLP*${pcn}*2*150*80**12*PAYER123`,
    'NM1*QC*1*TEST*PAT****MI*MBR000001',
    'SVC*HC:99213*100*80**1',
    'DTM*472*20250302',
    'CAS*CO*45*20',
    `REF*6R*${pcn}-1`,
    'SVC*HC:36415*50*0**1',
    'DTM*472*20250302',
    'CAS*CO*97*50',
    `REF*6R*${pcn}-2`,
  ];
  const body = [...seg.slice(2), `SE*${seg.length - 2 + 1}*0001`, 'GE*1*101', 'IEA*1*000000101'];
  return `${[...seg.slice(0, 2), ...body].join('~')}~`;
}

describe.each(scratchStores())('encounter workflow through the API ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let biller: Session;
  let auditor: Session;
  let admin: Session;
  let provider: Session;
  beforeAll(async () => {
    t = await testApp(spec);
    coder = await login(t.app, 'coder');
    biller = await login(t.app, 'biller');
    auditor = await login(t.app, 'auditor');
    admin = await login(t.app, 'admin');
    provider = await login(t.app, 'provider');
  }, 120_000);
  afterAll(async () => t?.close());

  it('import → suggest → assign → codes (proposed vs final) → complete → claim → submit → 835 → denial', async () => {
    const created = await call(t.app, coder, 'POST', '/api/encounters', newEncounter);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;

    const suggested = await call(t.app, coder, 'POST', `/api/encounters/${id}/suggest`);
    expect(suggested.statusCode, suggested.body).toBe(200);
    const view = suggested.json();
    expect(view.encounter.state).toBe('suggested');
    const proposed = view.suggestion.codes.map((c: { code: string }) => c.code);
    expect(proposed).toContain('E11.65');
    expect(view.suggestion.codes[0].evidence.length).toBeGreaterThan(0);

    const assigned = await call(t.app, coder, 'POST', `/api/encounters/${id}/assign`, {
      userId: coder.userId,
    });
    expect(assigned.json().encounter.state).toBe('in_review');
    expect(assigned.json().encounter.assignee.username).toBe('coder');
    // A coder may not hand work to someone else.
    const other = await call(t.app, coder, 'POST', `/api/encounters/${id}/assign`, { userId: admin.userId });
    expect(other.statusCode).toBe(403);

    const queue = await call(t.app, coder, 'GET', '/api/encounters?assignee=me&state=in_review');
    expect(queue.json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect(queue.json().counts.in_review).toBe(1);

    // Accept E11.65, replace the rest's first with I10 if proposed differently, add Z79.84.
    const codes = proposed.map((code: string, i: number) => ({
      code,
      sequence: i + 1,
      status: code === 'E11.65' || code === 'I10' ? 'accepted' : 'rejected',
      proposed: code,
    }));
    codes.push({ code: 'Z79.84', sequence: 9, status: 'added', proposed: null });
    const saved = await call(t.app, coder, 'PUT', `/api/encounters/${id}/codes`, { codes });
    expect(saved.statusCode, saved.body).toBe(200);
    const finalCodes = saved
      .json()
      .codes.filter((c: { status: string }) => c.status !== 'rejected')
      .map((c: { code: string }) => c.code);
    expect(finalCodes).toContain('E11.65');
    expect(finalCodes).toContain('Z79.84');
    expect(
      saved.json().codes.find((c: { code: string }) => c.code === 'E11.65').evidence.length,
    ).toBeGreaterThan(0);

    // A physician query blocks completion while it is out.
    const q = await call(t.app, coder, 'POST', `/api/encounters/${id}/queries`, {
      kind: 'free-text',
      providerId: provider.userId,
      topic: 'diabetes control',
      question: 'Please document whether the diabetes is controlled.',
      excerpts: ['Type 2 diabetes mellitus with hyperglycemia'],
      affectedCodes: ['E11.65'],
    });
    expect(q.statusCode, q.body).toBe(201);
    const qid = q.json().id;
    const blocked = await call(t.app, coder, 'POST', `/api/encounters/${id}/complete`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('open_queries');
    expect(
      (
        await call(t.app, provider, 'POST', `/api/queries/${qid}/answer`, {
          text: 'Uncontrolled, with hyperglycemia.',
        })
      ).statusCode,
    ).toBe(200);
    const done = await call(t.app, coder, 'POST', `/api/encounters/${id}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().encounter.state).toBe('coded');
    expect(done.json().queries[0]).toMatchObject({
      status: 'answered',
      answer: 'Uncontrolled, with hyperglycemia.',
    });
    expect(done.json().history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining([
        'import',
        'suggest',
        'assign',
        'save-codes',
        'query-asked',
        'query-answered',
        'complete',
      ]),
    );

    const lines = [
      { code: '99213', modifiers: [], units: 1, chargeCents: 10000, pointers: [1, 2] },
      { code: '36415', modifiers: [], units: 1, chargeCents: 5000, pointers: [1] },
    ];
    const scrub = await call(t.app, coder, 'POST', `/api/encounters/${id}/scrub`, { lines });
    expect(scrub.statusCode, scrub.body).toBe(200);
    expect(Array.isArray(scrub.json().findings)).toBe(true);

    const built = await call(t.app, coder, 'POST', `/api/encounters/${id}/claim`, { lines });
    expect(built.statusCode, built.body).toBe(201);
    const claimId = built.json().claimId;
    const submitted = await call(t.app, biller, 'POST', `/api/claims/${claimId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().x12).toContain('CLM*');

    const claims = await call(t.app, biller, 'GET', '/api/claims');
    const claim = claims.json().items.find((c: { id: number }) => c.id === claimId);
    expect(claim).toMatchObject({ encounterId: id, state: 'submitted', totalCents: 15000 });
    const pcn = claim.patientControlNumber;

    const posted = await call(t.app, biller, 'POST', '/api/remits', { x12: remit835(pcn) });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json()).toMatchObject({ posted: 1, alreadyPosted: false });
    const again = await call(t.app, biller, 'POST', '/api/remits', { x12: remit835(pcn) });
    expect(again.json()).toMatchObject({ posted: 0, alreadyPosted: true });

    const denials = await call(t.app, biller, 'GET', '/api/denials');
    const co = denials.json().groups.find((g: { group: string }) => g.group === 'CO');
    const r97 = co.reasons.find((r: { carc: string }) => r.carc === '97');
    expect(r97.lines[0]).toMatchObject({ claimId, encounterId: id, code: '36415', amountCents: 5000 });

    const detail = await call(t.app, biller, 'GET', `/api/claims/${claimId}`);
    expect(detail.json().history.map((h: { to: string }) => h.to)).toEqual([
      'draft',
      'validated',
      'submitted',
      'partially_paid',
    ]);
    const enc = await call(t.app, coder, 'GET', `/api/encounters/${id}`);
    expect(enc.json().encounter.state).toBe('paid');

    const dash = await call(t.app, auditor, 'GET', '/api/dashboard');
    expect(dash.statusCode).toBe(200);
    const d = dash.json();
    expect(d.coderThroughput.find((c: { username: string }) => c.username === 'coder').coded7d).toBe(1);
    expect(d.acceptanceRate).toBeGreaterThan(0);
    expect(d.claimsByState.partially_paid).toBe(1);
    expect(d.denialRateByReason).toEqual([{ carc: '97', rate: 0.5, lines: 1 }]);
    expect(d.arByAge[0]).toEqual({ bucket: '0-30', totalCents: 5000 });
    // A partial write-off leaves less owed: receivables show the claim's own open balance.
    const writeOff = await call(t.app, biller, 'POST', `/api/claims/${claimId}/write-off`, {
      amountCents: 1200,
      reason: 'small-balance',
    });
    expect(writeOff.statusCode, writeOff.body).toBe(200);
    const after = (await call(t.app, auditor, 'GET', '/api/dashboard')).json();
    expect(after.arByAge[0]).toEqual({ bucket: '0-30', totalCents: 3800 });
    expect(after.claimsByState.partially_paid).toBe(1);

    // Every read and change of the encounter, its codes and the claim is in the audit log.
    const audit = await call(t.app, auditor, 'GET', `/api/audit?entity=encounter:${id}&limit=100`);
    const actions = audit.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'read', 'assign']));
    expect(audit.json().entries[0]).toMatchObject({ username: 'coder', ip: '127.0.0.1' });
    const claimAudit = await call(t.app, auditor, 'GET', `/api/audit?entity=claim:${claimId}`);
    expect(claimAudit.json().entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'submit', 'post-remit', 'read']),
    );
  }, 60_000);

  it('the audit chain verifies, and an edited row is named', async () => {
    const ok = await verifyAuditChain(t.store.db);
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(20);
    // The table refuses changes...
    await expect(
      sql`UPDATE audit_log SET username = 'mallory' WHERE id = 5`.execute(t.store.db),
    ).rejects.toThrow(/append-only/);
    // ...and someone who gets around the trigger is caught by the hash chain.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(t.store.db);
    await sql`UPDATE audit_log SET username = 'mallory' WHERE id = 5`.execute(t.store.db);
    const bad = await verifyAuditChain(t.store.db);
    expect(bad).toMatchObject({ ok: false, checked: 4, problem: { id: 5 } });
    expect(bad.problem!.reason).toMatch(/edited/);
    await sql`UPDATE audit_log SET username = (SELECT username FROM audit_log WHERE id = 6) WHERE id = 5`.execute(
      t.store.db,
    );
    await sql`DELETE FROM audit_log WHERE id = 7`.execute(t.store.db);
    const removed = await verifyAuditChain(t.store.db);
    expect(removed.ok).toBe(false);
    expect(removed.problem!.id).toBeLessThanOrEqual(8);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(t.store.db);
  });
});

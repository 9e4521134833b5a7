import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReasonCodes } from '../../src/remits/carc-rarc.js';
import { codesetsDir, scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * The biller's actions through the API, on both stores: the 837 download, the posted
 * remittances, and the denial actions (corrected claim, appeal letter, write-off, assignment).
 * Each is refused to the roles that may not act (403, audit-logged), and a refused action of an
 * allowed role leaves the store as it was.
 */
const lines = [
  { code: '99213', modifiers: [], units: 1, chargeCents: 10000, pointers: [1] },
  { code: '36415', modifiers: [], units: 1, chargeCents: 5000, pointers: [1] },
];

/** An 835 paying line 1 ($80, CO-45 $20) and denying line 2 (CO-97 $50, remark N115) of `pcn`. */
function remit(pcn: string, icn: string, control: number): string {
  const c = String(control).padStart(9, '0');
  const seg = [
    `ISA*00*          *00*          *ZZ*ACME01         *ZZ*MEDCODERDEMO   *250701*1200*^*00501*${c}*0*P*:`,
    `GS*HP*ACME01*MEDCODERDEMO*20250701*1200*${control}*X*005010X221A1`,
    'ST*835*0001',
    'BPR*I*80*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20250701',
    `TRN*1*EFT${control}*1512345678`,
    'N1*PR*ACME HEALTH',
    'N1*PE*MEDCODER DEMO CLINIC*XX*1234567893',
    'LX*1',
    `CLP*${pcn}*1*150*80**12*${icn}`,
    'SVC*HC:99213*100*80**1',
    'DTM*472*20250302',
    'CAS*CO*45*20',
    `REF*6R*${pcn}-1`,
    'SVC*HC:36415*50*0**1',
    'DTM*472*20250302',
    'CAS*CO*97*50',
    `REF*6R*${pcn}-2`,
    'LQ*HE*N115',
  ];
  return `${[...seg, `SE*${seg.length - 1}*0001`, `GE*1*${control}`, `IEA*1*${c}`].join('~')}~`;
}

describe.each(scratchStores())('billing actions through the API ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let biller: Session;
  let supervisor: Session;
  let auditor: Session;
  let today = '2025-06-30';
  let control = 500;
  beforeAll(async () => {
    const reasonCodes = await loadReasonCodes(join(codesetsDir(), 'other', 'x12-carc-rarc'));
    t = await testApp(spec, { today: () => today, reasonCodes });
    coder = await login(t.app, 'coder');
    biller = await login(t.app, 'biller');
    supervisor = await login(t.app, 'supervisor');
    auditor = await login(t.app, 'auditor');
  }, 120_000);
  afterAll(async () => t?.close());

  /** A validated claim (E11.9; lines 99213 $100, 36415 $50) of a new encounter seen 2025-03-02. */
  async function builtClaim(): Promise<{ claimId: number; pcn: string }> {
    const created = await call(t.app, coder, 'POST', '/api/encounters', {
      note: 'ASSESSMENT: Type 2 diabetes mellitus without complications.',
      patient: { displayName: 'Test, Pat', birthDate: '1960-01-02', sex: 'F' },
      visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Acme Health' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const codes = [{ code: 'E11.9', sequence: 1, status: 'added', proposed: null }];
    expect((await call(t.app, coder, 'PUT', `/api/encounters/${id}/codes`, { codes })).statusCode).toBe(200);
    expect((await call(t.app, coder, 'POST', `/api/encounters/${id}/complete`)).statusCode).toBe(200);
    const built = await call(t.app, coder, 'POST', `/api/encounters/${id}/claim`, { lines });
    expect(built.statusCode, built.body).toBe(201);
    const claimId = built.json().claimId as number;
    const pcn = (await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().patientControlNumber;
    return { claimId, pcn };
  }

  /** builtClaim, submitted, and partly denied by the payer's 835 under claim number `icn`. */
  async function deniedClaim(icn: string) {
    const { claimId, pcn } = await builtClaim();
    const sent = await call(t.app, biller, 'POST', `/api/claims/${claimId}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    const posted = await call(t.app, biller, 'POST', '/api/remits', { x12: remit(pcn, icn, ++control) });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().claims[0]).toMatchObject({ claimId, state: 'partially_paid' });
    return { claimId, pcn, x12: sent.json().x12 as string, interchange: sent.json().interchange as number };
  }

  const snapshot = async () => ({
    claims: await t.store.db
      .selectFrom('claim')
      .select(['id', 'status', 'assignee_id'])
      .orderBy('id')
      .execute(),
    transitions: (await t.store.db.selectFrom('claim_transition').select('id').execute()).length,
    batches: (await t.store.db.selectFrom('claim_batch').select('id').execute()).length,
    counter: await t.store.db.selectFrom('x12_control_counter').selectAll().execute(),
    overrides: (await t.store.db.selectFrom('claim_scrub_override').select('id').execute()).length,
    writeOffs: (await t.store.db.selectFrom('claim_write_off').select('id').execute()).length,
    audit: (await t.store.db.selectFrom('audit_log').select('id').where('action', '!=', 'read').execute())
      .length,
  });

  async function auditOf(claimId: number, action: string) {
    const rows = await t.store.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('entity_type', '=', 'claim')
      .where('entity_id', '=', String(claimId))
      .where('action', '=', action)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ username: r.username, detail: JSON.parse(String(r.detail)) }));
  }

  /** The route refuses every role outside billing (403) and logs each refusal. */
  async function refusedToOthers(method: 'GET' | 'POST', url: string, body?: unknown) {
    // Auditors read remittances; they change nothing.
    const others = method === 'GET' ? [coder] : [coder, auditor];
    for (const s of others) {
      const res = await call(t.app, s, method, url, body);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
    }
    const refusals = await t.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'refused')
      .orderBy('id', 'desc')
      .limit(others.length)
      .execute();
    for (const r of refusals) expect(JSON.parse(String(r.detail))).toMatchObject({ reason: 'role' });
  }

  it('downloads the 837: a claim not yet sent is written through the gate with a new ISA13, the sent one as it went out', async () => {
    const { claimId, pcn } = await builtClaim();
    const first = await call(t.app, biller, 'POST', `/api/claims/${claimId}/837`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/edi-x12/);
    const isa13 = first.body.split('*')[13]!;
    expect(isa13).toMatch(/^\d{9}$/);
    expect(first.headers['content-disposition']).toBe(`attachment; filename="claim-${claimId}-${isa13}.x12"`);
    expect(first.body).toContain(`CLM*${pcn}*150***11:B:1`);
    // Downloading is not submitting; a second download has its own ISA13.
    expect((await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().state).toBe('validated');
    const second = await call(t.app, supervisor, 'POST', `/api/claims/${claimId}/837`);
    expect(second.body.split('*')[13]).not.toBe(isa13);

    const sent = await call(t.app, biller, 'POST', `/api/claims/${claimId}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    const again = await call(t.app, biller, 'POST', `/api/claims/${claimId}/837`);
    expect(again.body).toBe(sent.json().x12);
    expect(again.headers['content-disposition']).toContain(
      `claim-${claimId}-${String(sent.json().interchange).padStart(9, '0')}.x12`,
    );
    expect((await auditOf(claimId, 'download-837')).map((a) => [a.username, a.detail.source])).toEqual([
      ['biller', 'built'],
      ['supervisor', 'built'],
      ['biller', 'submitted'],
    ]);
    await refusedToOthers('POST', `/api/claims/${claimId}/837`);
    expect((await call(t.app, biller, 'POST', '/api/claims/999999/837')).statusCode).toBe(404);
  });

  it('refuses to download a claim the gate stops, with its message, leaving the store as it was', async () => {
    const { claimId } = await builtClaim();
    today = '2026-12-31'; // past the payer's filing window
    try {
      const before = await snapshot();
      const refused = await call(t.app, biller, 'POST', `/api/claims/${claimId}/837`);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'scrub_errors' });
      expect(refused.json().error.message).toMatch(/scrubber errors .*timely/i);
      expect(await snapshot()).toEqual(before);
    } finally {
      today = '2025-06-30';
    }
  });

  it('lists posted remittances and shows one with what the payer said of each claim, CARC and RARC texts included', async () => {
    const { claimId, pcn } = await deniedClaim('ICN-R-1');
    const list = await call(t.app, auditor, 'GET', '/api/remits');
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items[0];
    expect(item).toMatchObject({
      payers: ['ACME HEALTH'],
      traceNumbers: [`EFT${control}`],
      paymentDates: ['2025-07-01'],
      methods: ['ACH'],
      totalCents: 8000,
      claims: 1,
      posted: 1,
      held: 0,
    });
    const detail = await call(t.app, biller, 'GET', `/api/remits/${item.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const claim = detail.json().claimsDetail[0];
    expect(claim).toMatchObject({
      claimId,
      patientControlNumber: pcn,
      payerClaimNumber: 'ICN-R-1',
      chargeCents: 15000,
      paidCents: 8000,
      patientResponsibilityCents: 0,
      posting: 'posted',
    });
    const denied = claim.lines[1];
    expect(denied).toMatchObject({ procedure: { code: '36415' }, chargeCents: 5000, paidCents: 0 });
    expect(denied.adjustments[0]).toMatchObject({ group: 'CO', carc: '97', amountCents: 5000 });
    expect(denied.adjustments[0].text).toMatch(/^The benefit for this service is included/);
    expect(denied.remarks[0].code).toBe('N115');
    expect(denied.remarks[0].text).toMatch(/Local Coverage Determination/);
    const reads = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'remittance')
      .where('entity_id', '=', String(item.id))
      .execute();
    expect(reads.map((r) => r.action)).toContain('read');
    expect((await call(t.app, biller, 'GET', '/api/remits/999999')).statusCode).toBe(404);
    await refusedToOthers('GET', `/api/remits/${item.id}`);
    await refusedToOthers('GET', '/api/remits');
  });

  it('a corrected claim (frequency 7, REF*F8) goes through the same checks; refused input leaves the store as it was', async () => {
    const { claimId, pcn } = await deniedClaim('ICN-C-1');
    const encounterId = (await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().encounterId;
    expect(encounterId).toEqual(expect.any(Number));
    const lcn = (n: number) => `${pcn}-${n}`;
    const fixed = [
      { ...lines[0]!, lineControlNumber: lcn(1) },
      { ...lines[1]!, modifiers: ['59'], lineControlNumber: lcn(2) },
    ];
    const before = await snapshot();
    const bad: [unknown, number, RegExp][] = [
      [
        { reason: 'wrong', lines: fixed.map((l) => ({ ...l, lineControlNumber: 'NOPE' })) },
        400,
        /none of the claim's lines/,
      ],
      [{ reason: 'drop the lab', lines: [fixed[0]] }, 400, /missing from the replacement/],
      [{ reason: 'bad code', diagnoses: ['E11'], lines: fixed }, 400, /E11/],
      [{ reason: ' ', lines: fixed }, 400, /reason/],
      [{ lines: fixed }, 400, /reason/],
    ];
    for (const [body, status, message] of bad) {
      const res = await call(t.app, biller, 'POST', `/api/claims/${claimId}/correct`, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.body).toMatch(message);
    }
    today = '2026-12-31';
    const gated = await call(t.app, biller, 'POST', `/api/claims/${claimId}/correct`, {
      reason: 'modifier 59',
      lines: fixed,
    });
    today = '2025-06-30';
    expect(gated.statusCode, gated.body).toBe(409);
    expect(gated.json().error.code).toBe('scrub_errors');
    expect(await snapshot()).toEqual(before);
    await refusedToOthers('POST', `/api/claims/${claimId}/correct`, { reason: 'x' });

    const made = await call(t.app, biller, 'POST', `/api/claims/${claimId}/correct`, {
      reason: 'modifier 59: separate venipuncture',
      lines: fixed,
    });
    expect(made.statusCode, made.body).toBe(201);
    const newId = made.json().claimId as number;
    const replacement = (await call(t.app, biller, 'GET', `/api/claims/${newId}`)).json();
    expect(replacement).toMatchObject({
      state: 'validated',
      frequency: '7',
      replacesClaimId: claimId,
      patientControlNumber: pcn,
    });
    expect(replacement.claim).toMatchObject({ frequency: '7', payerClaimNumber: 'ICN-C-1' });
    expect(replacement.claim.lines[1]).toMatchObject({ modifiers: ['59'], lineControlNumber: lcn(2) });
    const original = (await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json();
    expect(original.state).toBe('corrected');
    expect(original.replacedBy).toEqual([{ id: newId, frequency: '7', state: 'validated' }]);
    // The replacement is the encounter's claim now; the original still names its encounter.
    expect(replacement.encounterId).toBe(encounterId);
    expect(original.encounterId).toBe(encounterId);
    const encounter = (await call(t.app, coder, 'GET', `/api/encounters/${encounterId}`)).json();
    expect(encounter.claim).toMatchObject({ id: newId, state: 'validated' });
    const listed = (await call(t.app, biller, 'GET', '/api/claims')).json().items;
    expect(listed.find((c: { id: number }) => c.id === newId).encounterId).toBe(encounterId);
    // The list, like the replaced claim's own page, links the replaced claim to its encounter.
    expect(listed.find((c: { id: number }) => c.id === claimId).encounterId).toBe(encounterId);
    expect(await auditOf(claimId, 'correct')).toEqual([
      { username: 'biller', detail: { replacement: newId, reason: 'modifier 59: separate venipuncture' } },
    ]);

    const file = await call(t.app, biller, 'POST', `/api/claims/${newId}/837`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.body).toContain(`CLM*${pcn}*150***11:B:7`);
    expect(file.body).toContain('REF*F8*ICN-C-1');
    const sent = await call(t.app, biller, 'POST', `/api/claims/${newId}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    // A claim corrected once is corrected: a second correction of the original is refused.
    const twice = await call(t.app, biller, 'POST', `/api/claims/${claimId}/correct`, {
      reason: 'again',
      lines: fixed,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('an override lets a corrected claim past the scrubber, kept with who and why', async () => {
    const { claimId } = await deniedClaim('ICN-C-2');
    today = '2026-12-31';
    try {
      const made = await call(t.app, biller, 'POST', `/api/claims/${claimId}/correct`, {
        reason: 'payer asked for the corrected claim',
        override: { reason: 'payer extended the filing window in writing' },
      });
      expect(made.statusCode, made.body).toBe(201);
      const rows = await t.store.db
        .selectFrom('claim_scrub_override')
        .select(['by_whom', 'reason', 'stage'])
        .where('claim_id', '=', made.json().claimId)
        .execute();
      expect(rows).toEqual([
        { by_whom: 'biller', reason: 'payer extended the filing window in writing', stage: 'validate' },
      ]);
    } finally {
      today = '2025-06-30';
    }
  });

  it('writes the appeal letter from the CARC/RARC texts, as text or PDF; marking it appealed takes it off the worklist', async () => {
    const { claimId, pcn } = await deniedClaim('ICN-A-1');
    const text = await call(t.app, biller, 'POST', `/api/claims/${claimId}/appeal-letter`, {
      format: 'text',
      argument: 'The venipuncture was a separate encounter; records enclosed.',
    });
    expect(text.statusCode, text.body).toBe(200);
    expect(text.headers['content-disposition']).toBe(`attachment; filename="appeal-claim-${claimId}.txt"`);
    const letter = text.body;
    for (const want of [
      'Medcoder Demo Clinic',
      'Acme Health',
      'Payer claim control number: ICN-A-1',
      `Patient account number: ${pcn}`,
      'Pat Test',
      'Date(s) of service: 03/02/2025',
      'Billed: $150.00',
      'Paid: $80.00',
      'Amount appealed: $50.00',
      'CO-97: The benefit for this service is included',
      'Remark N115: This decision was based on a Local Coverage Determination',
      'Line 2 (36415, 03/02/2025)',
      'The venipuncture was a separate encounter; records enclosed.',
      'biller',
    ])
      expect(letter.replace(/\s+/g, ' ')).toContain(want);

    const pdf = await call(t.app, supervisor, 'POST', `/api/claims/${claimId}/appeal-letter`, {
      format: 'pdf',
      markAppealed: true,
    });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().state).toBe('appealed');
    const worklist = (await call(t.app, biller, 'GET', '/api/denials')).json();
    expect(JSON.stringify(worklist)).not.toContain(`"claimId":${claimId},`);
    const logged = await auditOf(claimId, 'appeal-letter');
    expect(logged.map((l) => [l.username, l.detail.format, l.detail.markedAppealed])).toEqual([
      ['biller', 'text', false],
      ['supervisor', 'pdf', true],
    ]);
    expect(logged[0]!.detail).toMatchObject({ reasons: ['CO-97'], remarks: ['N115'] });
    expect(JSON.stringify(logged)).not.toMatch(/Pat|Test/);

    // Appealed once; a claim with no payer decision has nothing to appeal.
    const before = await snapshot();
    const again = await call(t.app, biller, 'POST', `/api/claims/${claimId}/appeal-letter`, {
      format: 'text',
      markAppealed: true,
    });
    expect(again.statusCode).toBe(409);
    const { claimId: fresh } = await builtClaim();
    const none = await call(t.app, biller, 'POST', `/api/claims/${fresh}/appeal-letter`, { format: 'text' });
    expect(none.statusCode).toBe(409);
    expect((await snapshot()).writeOffs).toBe(before.writeOffs);
    expect(
      (await call(t.app, biller, 'POST', `/api/claims/${claimId}/appeal-letter`, { format: 'doc' }))
        .statusCode,
    ).toBe(400);
    await refusedToOthers('POST', `/api/claims/${claimId}/appeal-letter`, { format: 'text' });
  });

  it('writes off up to the open balance with a reason; all of it closes the claim; refusals change nothing', async () => {
    const { claimId } = await deniedClaim('ICN-W-1');
    const detail = (await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json();
    expect(detail.balance).toMatchObject({
      chargeCents: 15000,
      paidCents: 8000,
      contractualCents: 2000,
      openCents: 5000,
    });
    const options = (await call(t.app, biller, 'GET', '/api/billing/options')).json();
    expect(options.writeOffReasons.map((r: { code: string }) => r.code)).toContain('bundled');
    const before = await snapshot();
    for (const [body, status] of [
      [{ amountCents: 5001, reason: 'bundled' }, 400],
      [{ amountCents: 100, reason: 'not-a-reason' }, 400],
      [{ amountCents: 100, reason: 'other' }, 400],
      [{ amountCents: -5, reason: 'bundled' }, 400],
      [{ amountCents: 100 }, 400],
    ] as const) {
      const res = await call(t.app, biller, 'POST', `/api/claims/${claimId}/write-off`, body);
      expect(res.statusCode, res.body).toBe(status);
    }
    expect(await snapshot()).toEqual(before);
    await refusedToOthers('POST', `/api/claims/${claimId}/write-off`, {
      amountCents: 100,
      reason: 'bundled',
    });

    const part = await call(t.app, biller, 'POST', `/api/claims/${claimId}/write-off`, {
      amountCents: 1000,
      reason: 'small-balance',
    });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ state: 'partially_paid', balance: { openCents: 4000 } });
    const rest = await call(t.app, supervisor, 'POST', `/api/claims/${claimId}/write-off`, {
      amountCents: 4000,
      reason: 'bundled',
      note: 'NCCI bundle, no modifier applies',
    });
    expect(rest.json()).toMatchObject({
      state: 'written_off',
      balance: { openCents: 0, writtenOffCents: 5000 },
    });
    const after = (await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json();
    expect(after.state).toBe('written_off');
    expect(
      after.writeOffs.map((w: { amountCents: number; reason: string; by: string }) => [
        w.amountCents,
        w.reason,
        w.by,
      ]),
    ).toEqual([
      [1000, 'small-balance', 'biller'],
      [4000, 'bundled', 'supervisor'],
    ]);
    expect((await auditOf(claimId, 'write-off')).map((a) => a.detail.closed)).toEqual([false, true]);
  });

  it('assigns denied claims to billers and filters the worklist by assignee; a biller moves only their own', async () => {
    const { claimId } = await deniedClaim('ICN-S-1');
    const options = (await call(t.app, biller, 'GET', '/api/billing/options')).json();
    const names = options.assignees.map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining(['admin', 'biller', 'supervisor']));
    expect(names).not.toContain('coder');
    const admin = options.assignees.find((a: { username: string }) => a.username === 'admin').id;

    const taken = await call(t.app, biller, 'POST', `/api/claims/${claimId}/assign`, {
      userId: biller.userId,
    });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().assignee).toEqual({ id: biller.userId, username: 'biller' });
    const ids = async (s: Session, q: string) =>
      JSON.stringify((await call(t.app, s, 'GET', `/api/denials${q}`)).json()).includes(
        `"claimId":${claimId},`,
      );
    expect(await ids(biller, '?assignee=me')).toBe(true);
    expect(await ids(biller, '?assignee=none')).toBe(false);
    expect(await ids(supervisor, `?assignee=${biller.userId}`)).toBe(true);
    expect(await ids(supervisor, '?assignee=me')).toBe(false);
    expect((await call(t.app, biller, 'GET', '/api/denials?assignee=someone')).statusCode).toBe(400);

    const before = await snapshot();
    const toAdmin = await call(t.app, biller, 'POST', `/api/claims/${claimId}/assign`, { userId: admin });
    expect(toAdmin.statusCode).toBe(403);
    const toCoder = await call(t.app, supervisor, 'POST', `/api/claims/${claimId}/assign`, {
      userId: coder.userId,
    });
    expect(toCoder.statusCode).toBe(400);
    const after = await snapshot();
    expect({ ...after, audit: before.audit }).toEqual(before);
    expect(after.audit).toBe(before.audit + 1); // the biller's refusal
    expect((await auditOf(claimId, 'refused'))[0]).toMatchObject({
      username: 'biller',
      detail: { tried: 'assign', to: admin },
    });

    const moved = await call(t.app, supervisor, 'POST', `/api/claims/${claimId}/assign`, { userId: admin });
    expect(moved.json().assignee).toMatchObject({ username: 'admin' });
    expect((await call(t.app, biller, 'GET', `/api/claims/${claimId}`)).json().assignee).toMatchObject({
      username: 'admin',
    });
    await refusedToOthers('POST', `/api/claims/${claimId}/assign`, { userId: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClaim, saveClaim } from '../../src/claims/store.js';
import { submitClaims } from '../../src/claims/submit.js';
import { denialsWorklist } from '../../src/remits/denials.js';
import { PostingRefused } from '../../src/remits/posting.js';
import { postRemittances } from '../../src/remits/posting-store.js';
import { read835 } from '../../src/remits/read-835.js';
import { listRemittances, remittanceDetail } from '../../src/remits/remittance-detail.js';
import type { Store } from '../../src/store/index.js';
import { createUser, type PublicUser } from '../../src/workflow/accounts.js';
import type { Acting } from '../../src/workflow/billing.js';
import { assignClaim } from '../../src/workflow/claim-assignment.js';
import { claimBalance } from '../../src/workflow/claim-balance.js';
import { writeOffClaim } from '../../src/workflow/write-off.js';
import { professionalClaim, submission } from '../claims/fixtures.js';
import { remit835 } from '../remits/interchange.js';
import { openScratch, scratchStores } from '../support/stores.js';

/**
 * The biller's work on the store, without the server: what a posted 835 keeps for reading back
 * (payments and claims as the payer sent them), claim balances and write-offs, and assignment.
 * Every refusal leaves the store as it was.
 */
const by = 'poster';

/** professionalClaim()'s lines: L1 99214-25 $150 paid $120 (CO-45 $30); L2 87880 $100 denied CO-97 + N115. */
function partlyDenied(pcn: string, icn: string): string[] {
  return [
    `CLP*${pcn}*1*250*120*0*12*${icn}`,
    'SVC*HC:99214:25*150*120**1',
    'DTM*472*20240301',
    'CAS*CO*45*30',
    'REF*6R*L1',
    'SVC*HC:87880:QW:59*100*0**2',
    'DTM*472*20240301',
    'CAS*CO*97*100',
    'REF*6R*L2',
    'LQ*HE*N115',
  ];
}

const sha = (n: number) => n.toString(16).padStart(64, '0');

describe.each(scratchStores())('billing work on the store ($name)', (spec) => {
  let store: Store;
  let biller: PublicUser;
  let other: PublicUser;
  let supervisor: PublicUser;
  let coder: PublicUser;
  let files = 0;
  const acting = (user: PublicUser): Acting => ({
    actor: { user, ip: '127.0.0.1' },
    audit: { userId: user.id, username: user.username, ip: '127.0.0.1' },
  });
  /** A submitted professionalClaim() with `pcn`, then the 835 claim loops posted. */
  async function posted(pcn: string, loops: (pcn: string) => string[], paid: string) {
    const c = await saveClaim(store.db, professionalClaim({ patientControlNumber: pcn }), by);
    await submitClaims(store.db, [c.id], submission, { by });
    const x12 = remit835(paid, loops(pcn), `TR-${pcn}`);
    const report = await postRemittances(
      store.db,
      { sha256: sha(++files), format: '835' },
      read835([x12]),
      by,
    );
    return { id: c.id, remittanceId: report.remittanceId! };
  }
  const snapshot = async () => ({
    claims: await store.db
      .selectFrom('claim')
      .select(['id', 'status', 'assignee_id'])
      .orderBy('id')
      .execute(),
    writeOffs: await store.db.selectFrom('claim_write_off').selectAll().orderBy('id').execute(),
    transitions: (await store.db.selectFrom('claim_transition').select('id').execute()).length,
    remittanceClaims: (await store.db.selectFrom('remittance_claim').select('id').execute()).length,
    remittances: (await store.db.selectFrom('remittance').select('id').execute()).length,
  });

  beforeAll(async () => {
    store = await openScratch(spec);
    const make = (username: string, role: 'biller' | 'supervisor' | 'coder') =>
      createUser(store.db, { username, password: 'correct horse battery', role });
    biller = await make('bill1', 'biller');
    other = await make('bill2', 'biller');
    supervisor = await make('lead', 'supervisor');
    coder = await make('code1', 'coder');
  }, 60_000);
  afterAll(async () => store?.close());

  it('keeps each payment and claim of a posted 835 as the payer sent it, linked to our claims', async () => {
    const { id, remittanceId } = await posted(
      'RD-1',
      (p) => [...partlyDenied(p, 'ICN-RD-1'), ...partlyDenied('NOT-OURS', 'X1')],
      '240',
    );
    const list = await listRemittances(store.db);
    const summary = list.items.find((r) => r.id === remittanceId)!;
    expect(summary).toMatchObject({
      payers: ['ACME HEALTH'],
      traceNumbers: ['TR-RD-1'],
      paymentDates: ['2024-03-15'],
      methods: ['ACH'],
      totalCents: 24000,
      claims: 2,
      posted: 1,
      held: 0,
      unknownClaims: ['NOT-OURS'],
    });
    const carc = new Map([
      ['97', { code: '97', description: 'The benefit for this service is included in another.' }],
    ]);
    const rarc = new Map([['N115', { code: 'N115', description: 'This decision was based on an LCD.' }]]);
    const view = (await remittanceDetail(store.db, remittanceId, { carc, rarc }))!;
    expect(view.payments).toEqual([
      expect.objectContaining({
        payer: 'ACME HEALTH',
        payerId: '12345',
        traceNumber: 'TR-RD-1',
        totalCents: 24000,
        claims: 2,
      }),
    ]);
    const [ours, unknown] = view.claimsDetail;
    expect(ours).toMatchObject({
      claimId: id,
      posting: 'posted',
      patientControlNumber: 'RD-1',
      payerClaimNumber: 'ICN-RD-1',
      status: 'processed as primary',
      chargeCents: 25000,
      paidCents: 12000,
      patientResponsibilityCents: 0,
    });
    expect(ours!.lines).toHaveLength(2);
    expect(ours!.lines[1]).toMatchObject({
      procedure: { code: '87880', modifiers: ['QW', '59'] },
      chargeCents: 10000,
      paidCents: 0,
      lineControlNumber: 'L2',
      adjustments: [
        expect.objectContaining({
          group: 'CO',
          groupLabel: 'Contractual obligation',
          carc: '97',
          amountCents: 10000,
          text: 'The benefit for this service is included in another.',
        }),
      ],
      remarks: [{ code: 'N115', text: 'This decision was based on an LCD.' }],
    });
    expect(unknown).toMatchObject({ claimId: null, posting: 'unknown', patientControlNumber: 'NOT-OURS' });
    expect(await remittanceDetail(store.db, 999_999)).toBeUndefined();
  });

  it('posts nothing and keeps nothing from a file that does not balance', async () => {
    const c = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'RD-2' }), by);
    await submitClaims(store.db, [c.id], submission, { by });
    const before = await snapshot();
    const x12 = remit835(
      '120',
      partlyDenied('RD-2', 'ICN-RD-2').map((s) => (s === 'CAS*CO*45*30' ? 'CAS*CO*45*25' : s)),
    );
    await expect(
      postRemittances(store.db, { sha256: sha(++files), format: '835' }, read835([x12]), by),
    ).rejects.toThrow(PostingRefused);
    expect(await snapshot()).toEqual(before);
  });

  it('the open balance is what no one settled; a write-off up to it lowers it, all of it closes the claim', async () => {
    const { id } = await posted('WO-1', (p) => partlyDenied(p, 'ICN-WO-1'), '120');
    expect(await claimBalance(store.db, id)).toEqual({
      chargeCents: 25000,
      paidCents: 12000,
      patientCents: 0,
      contractualCents: 3000,
      writtenOffCents: 0,
      openCents: 10000,
    });
    const before = await snapshot();
    const refusals: [Parameters<typeof writeOffClaim>[3], string][] = [
      [{ amountCents: 10001, reason: 'bundled' }, 'amount_over_balance'],
      [{ amountCents: 0, reason: 'bundled' }, 'invalid_amount'],
      [{ amountCents: 12.5, reason: 'bundled' }, 'invalid_amount'],
      [{ amountCents: 100, reason: 'no-such-reason' }, 'invalid_reason'],
      [{ amountCents: 100, reason: 'other', note: '  ' }, 'note_required'],
    ];
    for (const [input, code] of refusals)
      await expect(writeOffClaim(store.db, acting(biller), id, input)).rejects.toMatchObject({ code });
    await expect(
      writeOffClaim(store.db, acting(biller), 999_999, { amountCents: 1, reason: 'bundled' }),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect(await snapshot()).toEqual(before);

    const partial = await writeOffClaim(store.db, acting(biller), id, {
      amountCents: 2500,
      reason: 'small-balance',
    });
    expect(partial).toMatchObject({
      state: 'partially_paid',
      balance: { writtenOffCents: 2500, openCents: 7500 },
    });
    const closed = await writeOffClaim(store.db, acting(biller), id, {
      amountCents: 7500,
      reason: 'bundled',
      note: 'NCCI edit, not appealable',
    });
    expect(closed).toMatchObject({ state: 'written_off', balance: { writtenOffCents: 10000, openCents: 0 } });
    expect((await getClaim(store.db, id)).status).toBe('written_off');
    expect((await claimBalance(store.db, id)).openCents).toBe(0);
    // A closed claim takes no more write-offs, and leaves the denials worklist.
    await expect(
      writeOffClaim(store.db, acting(biller), id, { amountCents: 1, reason: 'bundled' }),
    ).rejects.toMatchObject({ code: 'invalid_state' });
    const worklist = await denialsWorklist(store.db);
    expect(worklist.flatMap((g) => g.items).some((i) => i.claimId === id)).toBe(false);
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_type', '=', 'claim')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['write-off', 'write-off']);
    expect(JSON.parse(String(audit[1]!.detail))).toMatchObject({
      amountCents: 7500,
      reason: 'bundled',
      openBefore: 7500,
      openAfter: 0,
      closed: true,
    });
  });

  it('a claim not yet decided by the payer takes no write-off', async () => {
    const c = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'WO-2' }), by);
    await expect(
      writeOffClaim(store.db, acting(biller), c.id, { amountCents: 100, reason: 'bundled' }),
    ).rejects.toMatchObject({ code: 'invalid_state' });
    expect(
      await store.db.selectFrom('claim_write_off').select('id').where('claim_id', '=', c.id).execute(),
    ).toEqual([]);
  });

  it('a biller takes an unassigned claim and hands back their own; moving claims is a supervisor’s, refusals logged', async () => {
    const { id } = await posted('AS-1', (p) => partlyDenied(p, 'ICN-AS-1'), '120');
    expect(await assignClaim(store.db, acting(biller).actor!, acting(biller).audit, id, biller.id)).toEqual({
      id: biller.id,
      username: 'bill1',
    });
    const mine = await denialsWorklist(store.db, { assignee: biller.id });
    expect(mine.flatMap((g) => g.items).map((i) => i.claimId)).toContain(id);
    expect(
      (await denialsWorklist(store.db, { assignee: null }))
        .flatMap((g) => g.items)
        .some((i) => i.claimId === id),
    ).toBe(false);

    const before = await snapshot();
    const refused = (user: PublicUser, to: number | null) =>
      assignClaim(store.db, acting(user).actor!, acting(user).audit, id, to);
    await expect(refused(other, other.id)).rejects.toMatchObject({ kind: 'forbidden', code: 'not_assignee' });
    await expect(refused(other, null)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(refused(biller, other.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(refused(supervisor, coder.id)).rejects.toMatchObject({ code: 'not_a_biller' });
    await expect(refused(supervisor, 999_999)).rejects.toMatchObject({ code: 'unknown_user' });
    expect(await snapshot()).toEqual(before);
    const refusals = await store.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'refused')
      .where('entity_type', '=', 'claim')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(refusals.map((r) => r.username)).toEqual(['bill2', 'bill2', 'bill1']);
    expect(JSON.parse(String(refusals[0]!.detail))).toMatchObject({
      tried: 'assign',
      assignee: biller.id,
      to: other.id,
      reason: 'not-assignee',
    });

    expect(await refused(supervisor, other.id)).toEqual({ id: other.id, username: 'bill2' });
    expect(await refused(other, null)).toBeNull();
    expect(
      await denialsWorklist(store.db, { assignee: null }).then((g) =>
        g.flatMap((x) => x.items).some((i) => i.claimId === id),
      ),
    ).toBe(true);
    await expect(refused(biller, biller.id)).resolves.toMatchObject({ id: biller.id });
  });
});

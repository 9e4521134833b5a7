import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimHistory, getClaim, saveClaim } from '../../src/claims/store.js';
import { submitClaims } from '../../src/claims/submit.js';
import { heldPayments, postRemittanceFile } from '../../src/remits/posting-store.js';
import type { Store } from '../../src/store/index.js';
import { listAudit } from '../../src/workflow/audit.js';
import { resolveHeldPayment } from '../../src/workflow/billing.js';
import { WorkflowError } from '../../src/workflow/errors.js';
import { professionalClaim, submission } from '../claims/fixtures.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { remit835 } from './interchange.js';

const by = 'poster';
const audit = { userId: null, username: 'biller-bo', ip: null };
const acting = { actor: null, audit };

/** professionalClaim() paid in full: $150 + $100 under the payer's claim number `payerNumber`. */
const paid = (pcn: string, payerNumber: string, status = '1') => [
  `CLP*${pcn}*${status}*250*250*0*12*${payerNumber}`,
  'SVC*HC:99214:25*150*150**1',
  'REF*6R*L1',
  'SVC*HC:87880:QW:59*100*100**2',
  'REF*6R*L2',
];

const reversal = (pcn: string, payerNumber: string) => [
  `CLP*${pcn}*22*-250*-250*0*12*${payerNumber}`,
  'SVC*HC:99214:25*-150*-150**-1',
  'REF*6R*L1',
  'SVC*HC:87880:QW:59*-100*-100**-2',
  'REF*6R*L2',
];

describe.each(scratchStores())('a second payment for a paid claim is held ($name)', (spec) => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-held-'));
  let n = 0;
  const post = (amount: string, claims: string[]) => {
    const p = join(dir, `r${++n}.835`);
    writeFileSync(p, remit835(amount, claims, `TR${n}`));
    return postRemittanceFile(store.db, p, by);
  };
  const submitted = async (pcn: string) => {
    const c = await saveClaim(
      store.db,
      professionalClaim({ patientControlNumber: pcn, otherPayers: undefined }),
      by,
    );
    await submitClaims(store.db, [c.id], submission, { by });
    return c.id;
  };
  const balances = async (claimId: number) => ({
    lines: await store.db
      .selectFrom('line_posting')
      .select(['line_number', 'paid_cents'])
      .where('claim_id', '=', claimId)
      .orderBy('id')
      .execute(),
    claim: await getClaim(store.db, claimId),
    history: (await claimHistory(store.db, claimId)).length,
  });
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => store?.close());

  it('holds it off the balances, lists it, and posts it only when a biller accepts', async () => {
    const id = await submitted('H-1');
    expect(await post('250', paid('H-1', 'ICN-A'))).toMatchObject({ claimsPosted: 1, held: [] });
    const before = await balances(id);
    expect(before.claim).toMatchObject({ status: 'paid', payerClaimNumber: 'ICN-A' });

    const second = await post('250', paid('H-1', 'ICN-B'));
    expect(second).toMatchObject({ claimsPosted: 0, paidCents: 0 });
    expect(second.held).toEqual([
      expect.objectContaining({ claimId: id, payerClaimNumber: 'ICN-B', paidCents: 25000 }),
    ]);
    expect(second.held[0]!.reason).toMatch(/already paid 250 under payer claim number ICN-A/);
    expect(await balances(id)).toEqual(before);
    const [held] = await heldPayments(store.db);
    expect(held).toMatchObject({ claimId: id, patientControlNumber: 'H-1', payerClaimNumber: 'ICN-B' });

    await expect(
      resolveHeldPayment(store.db, acting, held!.postingId, { decision: 'accept', reason: '  ' }),
    ).rejects.toThrow(/say why/);
    const accepted = await resolveHeldPayment(store.db, acting, held!.postingId, {
      decision: 'accept',
      reason: 'payer confirmed two dates of service',
    });
    expect(accepted).toMatchObject({ claimId: id, decision: 'accept' });
    const after = await balances(id);
    expect(after.lines).toHaveLength(4);
    expect(after.claim.payerClaimNumber).toBe('ICN-B');
    expect(await heldPayments(store.db)).toEqual([]);
    const row = await store.db
      .selectFrom('claim_posting')
      .select(['status', 'resolved_by', 'resolution_note'])
      .where('id', '=', held!.postingId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'posted',
      resolved_by: 'biller-bo',
      resolution_note: 'payer confirmed two dates of service',
    });
    const again = await resolveHeldPayment(store.db, acting, held!.postingId, {
      decision: 'reject',
      reason: 'x',
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WorkflowError);
    expect((again as WorkflowError).code).toBe('not_held');
    const entries = await listAudit(store.db, `claim:${id}`);
    expect(entries.map((e) => e.action)).toContain('accept-held-payment');
    expect(entries.find((e) => e.action === 'accept-held-payment')).toMatchObject({
      username: 'biller-bo',
      detail: { postingId: held!.postingId, reason: 'payer confirmed two dates of service' },
    });
  });

  it('a rejected duplicate never reaches the balances; a missing posting is named', async () => {
    const id = await submitted('H-2');
    await post('250', paid('H-2', 'ICN-C'));
    const before = await balances(id);
    const { held } = await post('250', paid('H-2', 'ICN-D'));
    expect(held).toHaveLength(1);
    await resolveHeldPayment(store.db, acting, held[0]!.postingId, {
      decision: 'reject',
      reason: 'duplicate; refund requested',
    });
    expect(await balances(id)).toEqual(before);
    expect((await listAudit(store.db, `claim:${id}`)).some((e) => e.action === 'reject-held-payment')).toBe(
      true,
    );
    await expect(
      resolveHeldPayment(store.db, acting, 999_999, { decision: 'accept', reason: 'x' }),
    ).rejects.toThrow(/posting 999999 does not exist/);
  });

  it('posts without holding: a re-adjudication under the same number, and a payment after a reversal', async () => {
    const id = await submitted('H-3');
    await post('250', paid('H-3', 'ICN-E'));
    // The same payer claim number again (e.g. after an appeal): the payer's own correction.
    expect(await post('250', paid('H-3', 'ICN-E', '2'))).toMatchObject({ claimsPosted: 1, held: [] });
    const id4 = await submitted('H-4');
    await post('250', paid('H-4', 'ICN-F'));
    expect(await post('-250', reversal('H-4', 'ICN-F'))).toMatchObject({ claimsPosted: 1, held: [] });
    expect(await post('250', paid('H-4', 'ICN-G'))).toMatchObject({ claimsPosted: 1, held: [] });
    expect((await getClaim(store.db, id4)).payerClaimNumber).toBe('ICN-G');
    expect((await getClaim(store.db, id)).status).toBe('paid');
  });

  it('two payments of one claim in one file: the second is held', async () => {
    const id = await submitted('H-5');
    const report = await post('500', [...paid('H-5', 'ICN-H'), ...paid('H-5', 'ICN-I')]);
    expect(report).toMatchObject({ claimsPosted: 1, paidCents: 25000 });
    expect(report.held.map((h) => [h.claimId, h.payerClaimNumber])).toEqual([[id, 'ICN-I']]);
  });

  it('a reversal of a held payment waits with it, and is accepted only once that payment is posted', async () => {
    const id = await submitted('H-6');
    await post('250', paid('H-6', 'ICN-J'));
    const before = await balances(id);
    const { held } = await post('250', paid('H-6', 'ICN-K'));
    const reversed = await post('-250', reversal('H-6', 'ICN-K'));
    expect(reversed).toMatchObject({ claimsPosted: 0 });
    expect(reversed.held[0]!.reason).toMatch(/reverses payment ICN-K .* held as a possible duplicate/);
    expect(await balances(id)).toEqual(before);
    const err = await resolveHeldPayment(store.db, acting, reversed.held[0]!.postingId, {
      decision: 'accept',
      reason: 'payer took it back',
    }).catch((e: unknown) => e);
    expect((err as WorkflowError).code).toBe('payment_not_posted');
    await resolveHeldPayment(store.db, acting, held[0]!.postingId, {
      decision: 'accept',
      reason: 'second visit',
    });
    await resolveHeldPayment(store.db, acting, reversed.held[0]!.postingId, {
      decision: 'accept',
      reason: 'payer took it back',
    });
    const after = await balances(id);
    // Both payments' lines and the reversal's: what the claim kept is the first payment.
    expect(after.lines.reduce((a, l) => a + Number(l.paid_cents), 0)).toBe(25000);
    expect(await heldPayments(store.db, id)).toEqual([]);
  });
});

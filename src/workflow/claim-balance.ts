import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';

/**
 * A claim's open balance with the payer: the charge less what the payer paid, what moved to the
 * patient (PR), what the contract adjusted away (CO the practice accepts), and what a biller
 * wrote off. What a denial took stays open until it is paid on appeal, corrected or written off.
 * Posted line postings count (a reversal's negative amounts take back what it reverses); held
 * payments do not until a biller accepts them.
 */
export interface ClaimBalance {
  chargeCents: number;
  paidCents: number;
  patientCents: number;
  contractualCents: number;
  writtenOffCents: number;
  openCents: number;
}

/** The balance of one claim (pass the transaction that locked the claim when deciding on it). */
export async function claimBalance(db: Kysely<Database>, claimId: number): Promise<ClaimBalance> {
  const balance = (await claimBalances(db, [claimId])).get(claimId);
  if (!balance) throw new Error(`claim ${claimId} does not exist`);
  return balance;
}

/** The balances of several claims in three queries (the denials worklist shows one per claim). */
export async function claimBalances(
  db: Kysely<Database>,
  claimIds: readonly number[],
): Promise<Map<number, ClaimBalance>> {
  const out = new Map<number, ClaimBalance>();
  if (claimIds.length === 0) return out;
  const ids = [...new Set(claimIds)];
  const [claims, posted, written] = await Promise.all([
    db.selectFrom('claim').select(['id', 'total_charge_cents']).where('id', 'in', ids).execute(),
    db
      .selectFrom('line_posting as lp')
      .innerJoin('claim_posting as cp', 'cp.id', 'lp.claim_posting_id')
      .select([
        'lp.claim_id',
        sql<number>`sum(lp.paid_cents)`.as('paid'),
        sql<number>`sum(lp.patient_cents)`.as('patient'),
        sql<number>`sum(lp.contractual_cents)`.as('contractual'),
      ])
      .where('lp.claim_id', 'in', ids)
      .where('cp.status', '=', 'posted')
      .groupBy('lp.claim_id')
      .execute(),
    db
      .selectFrom('claim_write_off')
      .select(['claim_id', sql<number>`sum(amount_cents)`.as('total')])
      .where('claim_id', 'in', ids)
      .groupBy('claim_id')
      .execute(),
  ]);
  const postedBy = new Map(posted.map((r) => [r.claim_id, r]));
  const writtenBy = new Map(written.map((r) => [r.claim_id, Number(r.total)]));
  for (const c of claims) {
    const p = postedBy.get(c.id);
    const b = {
      chargeCents: Number(c.total_charge_cents),
      paidCents: Number(p?.paid ?? 0),
      patientCents: Number(p?.patient ?? 0),
      contractualCents: Number(p?.contractual ?? 0),
      writtenOffCents: writtenBy.get(c.id) ?? 0,
    };
    out.set(c.id, {
      ...b,
      openCents: b.chargeCents - b.paidCents - b.patientCents - b.contractualCents - b.writtenOffCents,
    });
  }
  return out;
}

import type { Kysely } from 'kysely';
import { recordTransition } from '../claims/transition-store.js';
import { dollars } from '../remits/dollars.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { appendAudit } from './audit.js';
import type { Acting } from './billing.js';
import { type ClaimBalance, claimBalance } from './claim-balance.js';
import { lockClaim } from './claim-row.js';
import { conflict, invalid } from './errors.js';
import { writeOffReason } from './write-off-reasons.js';

/**
 * A biller writes off part or all of a claim's open balance, with a reason from the practice's
 * list (write-off-reasons.ts). The amount is whole cents, more than zero and at most the open
 * balance, decided on the locked claim so two billers cannot write off the same dollars twice.
 * Writing off everything that is open closes the claim (written_off); a partial write-off leaves
 * its state. One transaction with its audit entry.
 */
export interface WriteOffInput {
  amountCents: number;
  reason: string;
  note?: string;
}

/** Claim states a write-off follows: the payer has decided (an appealed claim awaits, but may be given up). */
const WRITABLE = new Set(['paid', 'partially_paid', 'denied', 'appealed']);

export async function writeOffClaim(
  db: Kysely<Database>,
  { audit }: Acting,
  claimId: number,
  input: WriteOffInput,
): Promise<{ state: string; balance: ClaimBalance; writeOffId: number }> {
  const reason = writeOffReason(input.reason);
  if (!reason) throw invalid('invalid_reason', `${input.reason} is not a write-off reason`, 'reason');
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)
    throw invalid('invalid_amount', 'the amount must be whole cents above zero', 'amountCents');
  const note = input.note?.trim() || undefined;
  if (reason.noteRequired && !note)
    throw invalid('note_required', `say why (a write-off for "${reason.label}" needs a note)`, 'note');
  const by = audit.username ?? 'unknown';
  return db.transaction().execute(async (trx) => {
    const row = await lockClaim(trx, claimId);
    if (!WRITABLE.has(row.status))
      throw conflict(
        'invalid_state',
        `claim ${claimId} is ${row.status}; a write-off follows the payer's decision (paid, partially paid, denied or appealed)`,
      );
    const before = await claimBalance(trx, claimId);
    if (input.amountCents > before.openCents)
      throw invalid(
        'amount_over_balance',
        `${dollars(input.amountCents)} is more than the open balance of ${dollars(Math.max(before.openCents, 0))}`,
        'amountCents',
      );
    const { id } = await trx
      .insertInto('claim_write_off')
      .values({
        claim_id: claimId,
        amount_cents: input.amountCents,
        reason: reason.code,
        note: note ?? null,
        by_whom: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const closes = input.amountCents === before.openCents;
    const state = closes
      ? await recordTransition(
          trx,
          claimId,
          { type: 'write-off', amountCents: input.amountCents, reason: reason.code },
          by,
          note ? `${reason.label}: ${note}` : reason.label,
        )
      : row.status;
    const balance = { ...before, writtenOffCents: before.writtenOffCents + input.amountCents };
    balance.openCents = before.openCents - input.amountCents;
    await appendAudit(trx, audit, [
      {
        action: 'write-off',
        entityType: 'claim',
        entityId: claimId,
        detail: {
          writeOffId: id,
          amountCents: input.amountCents,
          reason: reason.code,
          ...(note ? { note } : {}),
          openBefore: before.openCents,
          openAfter: balance.openCents,
          closed: closes,
        },
      },
    ]);
    return { state, balance, writeOffId: id };
  });
}

/** A claim's write-offs, oldest first. */
export async function claimWriteOffs(db: Kysely<Database>, claimId: number) {
  const rows = await db
    .selectFrom('claim_write_off')
    .select(['id', 'amount_cents', 'reason', 'note', 'by_whom', 'at'])
    .where('claim_id', '=', claimId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    amountCents: Number(r.amount_cents),
    reason: r.reason,
    reasonLabel: writeOffReason(r.reason)?.label ?? r.reason,
    note: r.note,
    by: r.by_whom,
    at: r.at.toISOString(),
  }));
}

import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { applyEvent, type ClaimEvent, type ClaimStatus } from './state.js';

/**
 * Moves a stored claim through the life cycle: the pure state machine decides whether the move
 * is legal (throws ClaimStateError if not), then the new status is written and the transition
 * appended to claim_transition with who, when and why. Call it inside the caller's transaction
 * so the status and its history never disagree.
 */
export async function recordTransition(
  db: Kysely<Database>,
  claimId: number,
  event: ClaimEvent,
  by: string,
  reason?: string,
): Promise<ClaimStatus> {
  const row = await db
    .selectFrom('claim')
    .select('status')
    .where('id', '=', claimId)
    .forUpdate()
    .executeTakeFirstOrThrow(() => new Error(`claim ${claimId} does not exist`));
  const from = row.status as ClaimStatus;
  const next = applyEvent({ status: from, history: [] }, event, by, new Date().toISOString());
  await db
    .updateTable('claim')
    .set({ status: next.status, updated_at: new Date() })
    .where('id', '=', claimId)
    .execute();
  await db
    .insertInto('claim_transition')
    .values({
      claim_id: claimId,
      from_status: from,
      to_status: next.status,
      event: event.type,
      detail: JSON.stringify(event),
      reason: reason ?? null,
      by_whom: by,
    })
    .execute();
  return next.status;
}

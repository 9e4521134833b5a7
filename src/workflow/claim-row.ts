import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { notFound } from './errors.js';

/**
 * Locks a claim's row for a biller's change (write-off, assignment, appeal): the decision is
 * taken on the row as it is, and a second biller acting on the same claim waits for the first.
 * A claim that does not exist is a 404.
 */
export async function lockClaim(trx: Kysely<Database>, id: number) {
  const row = await trx
    .selectFrom('claim')
    .select(['id', 'status', 'assignee_id', 'payer_claim_number', 'patient_control_number'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('claim', id);
  return row;
}

import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * The 837 file of every batch, as written. A biller downloads the file a claim went out in (to
 * send it through a payer portal again, or to show what was sent); rebuilding it later would not
 * be the same file (the envelope carries the time it was written). Batches written before this
 * migration keep a NULL file: their sha256 still says what was sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'ALTER TABLE claim_batch ADD COLUMN x12 text;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'ALTER TABLE claim_batch DROP COLUMN x12;');
}

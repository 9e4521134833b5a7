import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * Working denied claims: a claim is assigned to a biller (the denials worklist filters by it),
 * and what the practice gives up on a claim is written off with a reason, one row per write-off
 * (the claim's open balance is its charge less what was paid, moved to the patient, adjusted by
 * contract, and written off). Who and when stay on each row; the audit log records both too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE claim ADD COLUMN assignee_id integer REFERENCES app_user(id);
    CREATE INDEX claim_assignee ON claim (assignee_id) WHERE assignee_id IS NOT NULL;
    CREATE TABLE claim_write_off (
      id serial PRIMARY KEY,
      claim_id integer NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      reason text NOT NULL,
      note text,
      by_whom text NOT NULL CHECK (length(btrim(by_whom)) > 0),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX claim_write_off_claim ON claim_write_off (claim_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    'DROP TABLE claim_write_off; DROP INDEX claim_assignee; ALTER TABLE claim DROP COLUMN assignee_id;',
  );
}

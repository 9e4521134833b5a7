import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * A payment that may be a duplicate is held, not posted: a second payment for a claim already
 * paid under another payer claim number. The held row keeps the planned line postings
 * (held_plan) and nothing reaches line_posting, line_denial or the claim's state until a biller
 * accepts (the plan is posted then) or rejects it; who decided, when and why stay on the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE claim_posting
      ADD COLUMN status text NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'held', 'rejected')),
      ADD COLUMN held_plan jsonb,
      ADD COLUMN hold_reason text,
      ADD COLUMN resolved_by text,
      ADD COLUMN resolved_at timestamptz,
      ADD COLUMN resolution_note text,
      ADD CONSTRAINT claim_posting_held_plan CHECK (status <> 'held' OR held_plan IS NOT NULL);
    CREATE INDEX claim_posting_held ON claim_posting (id) WHERE status = 'held';
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP INDEX claim_posting_held;
    ALTER TABLE claim_posting
      DROP CONSTRAINT claim_posting_held_plan,
      DROP COLUMN status, DROP COLUMN held_plan, DROP COLUMN hold_reason,
      DROP COLUMN resolved_by, DROP COLUMN resolved_at, DROP COLUMN resolution_note;
  `,
  );
}

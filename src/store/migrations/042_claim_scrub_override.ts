import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * A claim the scrubber finds errors in goes out only when someone overrides the gate and says
 * why. The override names the rules it covers and the claim content it was given for (sha256 of
 * the claim JSON), so submitting the same claim later honours it, while an edited claim or a new
 * error needs a new decision. The audit log records the same decision in its hash chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE claim_scrub_override (
      id serial PRIMARY KEY,
      claim_id integer NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
      claim_sha256 text NOT NULL,
      stage text NOT NULL CHECK (stage IN ('validate', 'submit')),
      rules jsonb NOT NULL,
      reason text NOT NULL CHECK (length(btrim(reason)) > 0),
      by_whom text NOT NULL CHECK (length(btrim(by_whom)) > 0),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX claim_scrub_override_claim ON claim_scrub_override (claim_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE claim_scrub_override;');
}

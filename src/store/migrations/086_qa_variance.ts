import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * The auditor's classification of each variance found when a blind re-coding is compared with
 * the coder's codes (workflow/qa/comparison.ts names the variances: `coder-only:E11.9`,
 * `auditor-only:E11.65`, `sequencing`). One row per variance the auditor has classified; a
 * later classification of the same variance replaces it (the audit log keeps every change).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE qa_variance (
      item_id integer NOT NULL REFERENCES qa_item(id) ON DELETE CASCADE,
      key text NOT NULL,
      kind text NOT NULL
        CHECK (kind IN ('wrong_code', 'specificity', 'missing_code', 'extra_code', 'sequencing', 'other')),
      comment text NOT NULL DEFAULT '',
      classified_by integer NOT NULL REFERENCES app_user(id),
      classified_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (item_id, key)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE qa_variance;');
}

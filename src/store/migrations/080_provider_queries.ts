import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * Physician queries addressed to a provider account (workflow/queries.ts): the `provider` role,
 * and on each query who it is addressed to, its kind (the engine's template or the coder's free
 * text), the answer choices and the note excerpts the provider reads, and its life as status
 * with who and when: open (asked) → answered → closed, or withdrawn while open.
 *
 * Queries from before: a sent one is open (addressed to no one: its coder withdraws it and asks a
 * provider); a draft never left the coder and is withdrawn, its text kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
    ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('admin', 'supervisor', 'coder', 'auditor', 'biller', 'provider'));
    ALTER TABLE physician_query DROP CONSTRAINT physician_query_status_check;
    ALTER TABLE physician_query ADD COLUMN kind text NOT NULL DEFAULT 'template'
      CHECK (kind IN ('template', 'free-text'));
    ALTER TABLE physician_query ADD COLUMN provider_id integer REFERENCES app_user(id);
    ALTER TABLE physician_query ADD COLUMN options jsonb NOT NULL DEFAULT '[]';
    ALTER TABLE physician_query ADD COLUMN evidence jsonb NOT NULL DEFAULT '[]';
    ALTER TABLE physician_query ADD COLUMN answer_option text;
    ALTER TABLE physician_query ADD COLUMN answered_by integer REFERENCES app_user(id);
    ALTER TABLE physician_query ADD COLUMN closed_at timestamptz;
    ALTER TABLE physician_query ADD COLUMN closed_by integer REFERENCES app_user(id);
    UPDATE physician_query SET status = 'open' WHERE status = 'sent';
    UPDATE physician_query SET status = 'withdrawn', closed_at = now() WHERE status = 'draft';
    ALTER TABLE physician_query ADD CONSTRAINT physician_query_status_check
      CHECK (status IN ('open', 'answered', 'closed', 'withdrawn'));
    CREATE INDEX physician_query_provider ON physician_query (provider_id, status);
    CREATE INDEX physician_query_encounter ON physician_query (encounter_id, status);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP INDEX physician_query_encounter;
    DROP INDEX physician_query_provider;
    ALTER TABLE physician_query DROP CONSTRAINT physician_query_status_check;
    UPDATE physician_query SET status = 'sent' WHERE status = 'open';
    UPDATE physician_query SET status = 'answered' WHERE status = 'closed';
    UPDATE physician_query SET status = 'draft' WHERE status = 'withdrawn';
    ALTER TABLE physician_query ADD CONSTRAINT physician_query_status_check
      CHECK (status IN ('draft', 'sent', 'answered'));
    ALTER TABLE physician_query DROP COLUMN closed_by;
    ALTER TABLE physician_query DROP COLUMN closed_at;
    ALTER TABLE physician_query DROP COLUMN answered_by;
    ALTER TABLE physician_query DROP COLUMN answer_option;
    ALTER TABLE physician_query DROP COLUMN evidence;
    ALTER TABLE physician_query DROP COLUMN options;
    ALTER TABLE physician_query DROP COLUMN provider_id;
    ALTER TABLE physician_query DROP COLUMN kind;
    ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
    ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('admin', 'supervisor', 'coder', 'auditor', 'biller'));
    `,
  );
}

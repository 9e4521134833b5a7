import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * NCCI procedure-to-procedure edits. CMS publishes each quarter's practitioner (ccipra) and
 * outpatient hospital (ccioph) table split into several files (f1..f4); a release is one
 * setting and quarter, and each part file is recorded so re-importing it is a no-op and a
 * changed part replaces only its own rows. Each edit keeps its own effective and deletion dates
 * because a quarter's table still lists edits deleted earlier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE ncci_ptp_release (
      id serial PRIMARY KEY,
      setting text NOT NULL CHECK (setting IN ('practitioner', 'outpatient')),
      effective_from date NOT NULL,
      version text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (setting, effective_from)
    );
    CREATE TABLE ncci_ptp_release_file (
      release_id integer NOT NULL REFERENCES ncci_ptp_release(id) ON DELETE CASCADE,
      part text NOT NULL,
      file_name text NOT NULL,
      sha256 text NOT NULL,
      rows integer NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (release_id, part)
    );
    CREATE TABLE ncci_ptp_edit (
      release_id integer NOT NULL REFERENCES ncci_ptp_release(id) ON DELETE CASCADE,
      part text NOT NULL,
      column1 text NOT NULL,
      column2 text NOT NULL,
      prior_1996 boolean NOT NULL,
      effective_date date NOT NULL,
      deletion_date date,
      modifier_indicator smallint NOT NULL CHECK (modifier_indicator IN (0, 1, 9)),
      rationale text NOT NULL,
      PRIMARY KEY (release_id, column1, column2, effective_date)
    );
    CREATE INDEX ncci_ptp_edit_column2 ON ncci_ptp_edit (release_id, column2);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE ncci_ptp_edit, ncci_ptp_release_file, ncci_ptp_release;');
}

import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * Medicare MUE tables: one release per service type (practitioner, outpatient hospital, DME)
 * and effective date (CMS publishes quarterly). Values are units per code per line (MAI 1) or
 * per date of service (MAI 2 policy, MAI 3 clinical).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE mue_release (
      id serial PRIMARY KEY,
      service text NOT NULL CHECK (service IN ('practitioner', 'outpatient', 'dme')),
      effective_from date NOT NULL,
      file_name text NOT NULL,
      sha256 text NOT NULL,
      rows integer NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (service, effective_from)
    );
    CREATE TABLE mue_value (
      release_id integer NOT NULL REFERENCES mue_release(id) ON DELETE CASCADE,
      code text NOT NULL,
      mue integer NOT NULL CHECK (mue >= 0),
      mai smallint NOT NULL CHECK (mai IN (1, 2, 3)),
      rationale text NOT NULL,
      PRIMARY KEY (release_id, code)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE mue_value, mue_release;');
}

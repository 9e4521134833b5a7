import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * CPT codes from the user's own licensed file (AMA copyright: medcoder never ships them). One
 * release per effective date; without one, CPT numbers known from NCCI/MUE are still accepted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE cpt_release (
      id serial PRIMARY KEY,
      effective_from date NOT NULL UNIQUE,
      label text NOT NULL,
      file_name text NOT NULL,
      sha256 text NOT NULL,
      codes integer NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE cpt_code (
      release_id integer NOT NULL REFERENCES cpt_release(id) ON DELETE CASCADE,
      code text NOT NULL,
      short_descriptor text NOT NULL,
      long_descriptor text NOT NULL,
      PRIMARY KEY (release_id, code)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE cpt_code, cpt_release;');
}

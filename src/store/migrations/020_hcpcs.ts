import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * HCPCS Level II releases (CMS annual/quarterly alpha-numeric file). One release per effective
 * date; procedure codes and modifiers are stored separately because the file carries both and a
 * claim line validates them differently. Dates in the file (added, action effective,
 * termination) are kept so a code can be checked against a date of service.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE hcpcs_release (
      id serial PRIMARY KEY,
      effective_from date NOT NULL UNIQUE,
      label text NOT NULL,
      file_name text NOT NULL,
      sha256 text NOT NULL,
      codes integer NOT NULL,
      modifiers integer NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE hcpcs_code (
      release_id integer NOT NULL REFERENCES hcpcs_release(id) ON DELETE CASCADE,
      code text NOT NULL,
      long_description text NOT NULL,
      short_description text NOT NULL,
      pricing_indicators text NOT NULL,
      coverage_code text,
      betos text,
      type_of_service text,
      added_date date,
      action_effective_date date,
      termination_date date,
      action_code text,
      PRIMARY KEY (release_id, code)
    );
    CREATE TABLE hcpcs_modifier (
      release_id integer NOT NULL REFERENCES hcpcs_release(id) ON DELETE CASCADE,
      modifier text NOT NULL,
      long_description text NOT NULL,
      short_description text NOT NULL,
      added_date date,
      action_effective_date date,
      termination_date date,
      action_code text,
      PRIMARY KEY (release_id, modifier)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE hcpcs_modifier, hcpcs_code, hcpcs_release;');
}

import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * ICD-10-PCS releases, one per effective date (a fiscal year, or a mid-year update), from the CMS
 * order file (codes, table headers, short and long titles) and codes file. The labels of each
 * table's characters are derived at import (codesets/icd10pcs/derive-labels.ts) and kept with how
 * each was found, so the builder and the finder read them without deriving again.
 *
 * `icd10pcs_label.context` is what a character's meaning depends on: nothing for the section
 * (position 1), the section for the body system (2), section and body system for the operation
 * (3), the table (first 3 characters) for positions 4-7.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE icd10pcs_release (
      id serial PRIMARY KEY,
      fiscal_year integer NOT NULL,
      effective_from date NOT NULL UNIQUE,
      effective_to date NOT NULL,
      label text NOT NULL,
      codes integer NOT NULL,
      tables integer NOT NULL,
      derivation jsonb NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE icd10pcs_release_file (
      release_id integer NOT NULL REFERENCES icd10pcs_release(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('order', 'codes')),
      file_name text NOT NULL,
      sha256 text NOT NULL,
      bytes bigint NOT NULL,
      PRIMARY KEY (release_id, kind)
    );
    CREATE TABLE icd10pcs_table (
      release_id integer NOT NULL REFERENCES icd10pcs_release(id) ON DELETE CASCADE,
      table_code text NOT NULL,
      seq integer NOT NULL,
      title text NOT NULL,
      PRIMARY KEY (release_id, table_code)
    );
    CREATE TABLE icd10pcs_code (
      release_id integer NOT NULL REFERENCES icd10pcs_release(id) ON DELETE CASCADE,
      code text NOT NULL,
      seq integer NOT NULL,
      short_title text NOT NULL,
      long_title text NOT NULL,
      PRIMARY KEY (release_id, code)
    );
    CREATE TABLE icd10pcs_label (
      release_id integer NOT NULL REFERENCES icd10pcs_release(id) ON DELETE CASCADE,
      context text NOT NULL,
      position smallint NOT NULL CHECK (position BETWEEN 1 AND 7),
      value text NOT NULL,
      label text NOT NULL,
      derivation text NOT NULL,
      PRIMARY KEY (release_id, context, position, value)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    'DROP TABLE icd10pcs_label, icd10pcs_code, icd10pcs_table, icd10pcs_release_file, icd10pcs_release;',
  );
}

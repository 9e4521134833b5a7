import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * ICD-10-CM release tables. A release is keyed by fiscal year and effective date and may be
 * partial (CMS and CDC publish the tabular, index, tables and order file separately); each
 * imported file is recorded so re-importing it is a no-op. Every other table is keyed by
 * release so several releases live side by side and a claim's date of service picks one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE icd10cm_release (
      id serial PRIMARY KEY,
      fiscal_year integer NOT NULL,
      effective_from date NOT NULL,
      effective_to date NOT NULL,
      label text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (fiscal_year, effective_from)
    );
    CREATE TABLE icd10cm_release_file (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      kind text NOT NULL,
      file_name text NOT NULL,
      sha256 text NOT NULL,
      bytes bigint NOT NULL,
      counts jsonb NOT NULL DEFAULT '{}',
      imported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (release_id, kind)
    );
    CREATE TABLE icd10cm_chapter (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      num integer NOT NULL,
      title text NOT NULL,
      first_code text,
      last_code text,
      PRIMARY KEY (release_id, num)
    );
    CREATE TABLE icd10cm_section (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      id text NOT NULL,
      chapter_num integer NOT NULL,
      seq integer NOT NULL,
      title text NOT NULL,
      PRIMARY KEY (release_id, id)
    );
    CREATE TABLE icd10cm_code (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      code text NOT NULL,
      parent text,
      chapter_num integer NOT NULL,
      section_id text NOT NULL,
      depth integer NOT NULL,
      seq integer NOT NULL,
      title text NOT NULL,
      source text NOT NULL CHECK (source IN ('tabular', 'derived')),
      billable_derived boolean NOT NULL,
      PRIMARY KEY (release_id, code)
    );
    CREATE INDEX icd10cm_code_parent ON icd10cm_code (release_id, parent);
    CREATE TABLE icd10cm_note (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      owner_type text NOT NULL CHECK (owner_type IN ('chapter', 'section', 'code')),
      owner text NOT NULL,
      kind text NOT NULL,
      seq integer NOT NULL,
      text text NOT NULL,
      PRIMARY KEY (release_id, owner_type, owner, kind, seq)
    );
    CREATE TABLE icd10cm_seventh (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      code text NOT NULL,
      char text NOT NULL,
      meaning text NOT NULL,
      PRIMARY KEY (release_id, code, char)
    );
    CREATE TABLE icd10cm_order (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      code text NOT NULL,
      order_no integer NOT NULL,
      billable boolean NOT NULL,
      short_title text NOT NULL,
      long_title text NOT NULL,
      PRIMARY KEY (release_id, code)
    );
    CREATE TABLE icd10cm_index_term (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('disease', 'eindex', 'drug', 'neoplasm')),
      id integer NOT NULL,
      parent_id integer,
      level integer NOT NULL,
      letter text NOT NULL,
      title text NOT NULL,
      nemod text,
      code text,
      manif text,
      see text,
      see_also text,
      see_cat text,
      subcat text,
      PRIMARY KEY (release_id, kind, id)
    );
    CREATE TABLE icd10cm_index_cell (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      kind text NOT NULL,
      term_id integer NOT NULL,
      col integer NOT NULL,
      code text NOT NULL,
      PRIMARY KEY (release_id, kind, term_id, col)
    );
    CREATE TABLE icd10cm_table_heading (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      kind text NOT NULL,
      col integer NOT NULL,
      head text NOT NULL,
      PRIMARY KEY (release_id, kind, col)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TABLE icd10cm_table_heading, icd10cm_index_cell, icd10cm_index_term, icd10cm_order,
      icd10cm_seventh, icd10cm_note, icd10cm_code, icd10cm_section, icd10cm_chapter,
      icd10cm_release_file, icd10cm_release;
  `,
  );
}

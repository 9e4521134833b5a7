import { type Kysely, sql } from 'kysely';

/**
 * The CDC codes addenda of a release: each code added to, deleted from or retitled in the list
 * of codes valid for submission since the previous fiscal year. The transitions report and
 * validation use it to say when a code came or went.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE icd10cm_addenda (
      release_id integer NOT NULL REFERENCES icd10cm_release(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      action text NOT NULL CHECK (action IN ('add', 'delete', 'revise')),
      code text NOT NULL,
      title text NOT NULL,
      previous_title text,
      PRIMARY KEY (release_id, seq)
    )`.execute(db);
  await sql`CREATE INDEX icd10cm_addenda_code ON icd10cm_addenda (code)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE icd10cm_addenda`.execute(db);
}

import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * 999 and 277CA acknowledgements as applied to our claims: one row per claim (or per batch
 * when a 999 names no claims we know), with the reasons given. A file is applied once (sha256).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE ack_file (
      id serial PRIMARY KEY,
      sha256 text NOT NULL UNIQUE,
      file_name text,
      applied_by text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE acknowledgement (
      id serial PRIMARY KEY,
      ack_file_id integer NOT NULL REFERENCES ack_file(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('999', '277CA')),
      batch_id integer REFERENCES claim_batch(id),
      claim_id integer REFERENCES claim(id),
      reference text NOT NULL,
      status text NOT NULL,
      reasons jsonb NOT NULL,
      applied boolean NOT NULL,
      note text
    );
    CREATE INDEX acknowledgement_claim ON acknowledgement (claim_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE acknowledgement, ack_file;');
}

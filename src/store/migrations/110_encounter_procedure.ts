import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * The coder's procedure lines for an encounter (E/M, HCPCS Level II, ICD-10-PCS), saved beside
 * the diagnosis codes: what the engine proposed (null for a line the coder added) and what the
 * coder finalised, with units, modifiers and the diagnoses each line points to, so the claim
 * builder takes the lines as reviewed and acceptance can be measured per line.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE encounter_procedure (
      encounter_id integer NOT NULL REFERENCES encounter(id) ON DELETE CASCADE,
      line integer NOT NULL CHECK (line > 0),
      system text NOT NULL CHECK (system IN ('CPT', 'HCPCS', 'ICD-10-PCS')),
      code text NOT NULL,
      status text NOT NULL CHECK (status IN ('accepted', 'rejected', 'replaced', 'added')),
      proposed text,
      title text NOT NULL DEFAULT '',
      units integer NOT NULL CHECK (units > 0 AND units <= 9999),
      modifiers jsonb NOT NULL,
      pointers jsonb NOT NULL,
      evidence jsonb NOT NULL,
      saved_by integer NOT NULL REFERENCES app_user(id),
      PRIMARY KEY (encounter_id, line)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE encounter_procedure;');
}

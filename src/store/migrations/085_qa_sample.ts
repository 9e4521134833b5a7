import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * Coding-quality audits (workflow/qa/): a sample of finished encounters drawn for one auditor,
 * and its items. A sample keeps what makes its draw reproducible (the criteria, the seed, the
 * size of the population it was drawn from and a hash of that population's ids); an item keeps
 * the coder's final codes as they stood when the sample was drawn, so a later correction of the
 * chart does not rewrite an audit that already happened. The auditor's own codes stay NULL until
 * the blind re-coding is submitted, and cannot change after that.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE qa_sample (
      id serial PRIMARY KEY,
      created_by integer NOT NULL REFERENCES app_user(id),
      auditor_id integer NOT NULL REFERENCES app_user(id),
      criteria jsonb NOT NULL,
      seed text NOT NULL,
      population integer NOT NULL CHECK (population >= 0),
      population_sha256 text NOT NULL,
      excluded_own integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX qa_sample_auditor ON qa_sample (auditor_id);
    CREATE TABLE qa_item (
      id serial PRIMARY KEY,
      sample_id integer NOT NULL REFERENCES qa_sample(id) ON DELETE CASCADE,
      position integer NOT NULL,
      encounter_id integer NOT NULL REFERENCES encounter(id),
      coder_id integer NOT NULL REFERENCES app_user(id),
      date_of_service date NOT NULL,
      coded_at timestamptz NOT NULL,
      charge_cents bigint,
      coder_codes jsonb NOT NULL,
      auditor_codes jsonb,
      submitted_at timestamptz,
      CONSTRAINT qa_item_submitted CHECK ((auditor_codes IS NULL) = (submitted_at IS NULL)),
      UNIQUE (sample_id, encounter_id),
      UNIQUE (sample_id, position)
    );
    CREATE INDEX qa_item_encounter ON qa_item (encounter_id);
    CREATE INDEX qa_item_coder ON qa_item (coder_id, date_of_service);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TABLE qa_item;
    DROP TABLE qa_sample;
    `,
  );
}

import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * Claims and their life cycle. The claim JSON is the validated model (src/claims/model.ts) as
 * written; the columns beside it are what the billing queries filter and join on. Every state
 * change is appended to claim_transition (never updated) so the history answers who/when/why.
 * claim_batch records the ISA/GS/ST control numbers of each 837 written; x12_control_counter
 * hands them out so a number is never reused by the same sender, even across restarts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE x12_control_counter (
      sender_id text PRIMARY KEY,
      last_number integer NOT NULL CHECK (last_number BETWEEN 0 AND 999999999)
    );
    CREATE TABLE claim_batch (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('professional', 'institutional')),
      sender_id text NOT NULL,
      receiver_id text NOT NULL,
      interchange_control integer NOT NULL,
      group_control integer NOT NULL,
      set_control integer NOT NULL,
      file_name text,
      sha256 text NOT NULL,
      claims integer NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (sender_id, interchange_control),
      UNIQUE (sender_id, group_control)
    );
    CREATE TABLE claim (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('professional', 'institutional')),
      patient_control_number text NOT NULL,
      payer_claim_number text,
      frequency text NOT NULL CHECK (frequency IN ('1', '7', '8')),
      status text NOT NULL,
      claim jsonb NOT NULL,
      total_charge_cents bigint NOT NULL,
      payer_id text NOT NULL,
      replaces_claim_id integer REFERENCES claim(id),
      batch_id integer REFERENCES claim_batch(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX claim_pcn ON claim (patient_control_number);
    CREATE INDEX claim_status ON claim (status);
    CREATE TABLE claim_line (
      claim_id integer NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
      line_number integer NOT NULL,
      procedure_code text NOT NULL,
      modifiers jsonb NOT NULL,
      charge_cents bigint NOT NULL,
      units numeric NOT NULL,
      service_date date NOT NULL,
      line_control_number text,
      PRIMARY KEY (claim_id, line_number)
    );
    CREATE TABLE claim_transition (
      id serial PRIMARY KEY,
      claim_id integer NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      event text NOT NULL,
      detail jsonb NOT NULL,
      reason text,
      by_whom text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX claim_transition_claim ON claim_transition (claim_id, id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE claim_transition, claim_line, claim, claim_batch, x12_control_counter;');
}

import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * The workbench: accounts, server-side sessions, encounters (note + patient + visit), the
 * engine's proposal next to the coder's final codes (so acceptance can be measured per code),
 * physician queries and the encounter's own history. The claim an encounter became is linked
 * by claim_id; its life cycle stays in claim_transition.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE app_user (
      id serial PRIMARY KEY,
      username text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'coder', 'auditor', 'biller')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE app_session (
      id_hash text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE TABLE encounter (
      id serial PRIMARY KEY,
      patient_name text NOT NULL,
      birth_date date NOT NULL,
      sex text NOT NULL CHECK (sex IN ('F', 'M', 'U')),
      date_of_service date NOT NULL,
      setting text NOT NULL CHECK (setting IN ('outpatient', 'inpatient')),
      payer text NOT NULL,
      place_of_service text NOT NULL,
      state text NOT NULL,
      assignee_id integer REFERENCES app_user(id),
      note_text text NOT NULL,
      note_format text NOT NULL,
      suggestion jsonb,
      claim_id integer REFERENCES claim(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX encounter_state ON encounter (state);
    CREATE INDEX encounter_assignee ON encounter (assignee_id);
    CREATE TABLE encounter_code (
      encounter_id integer NOT NULL REFERENCES encounter(id) ON DELETE CASCADE,
      code text NOT NULL,
      sequence integer NOT NULL,
      status text NOT NULL CHECK (status IN ('accepted', 'rejected', 'replaced', 'added')),
      proposed text,
      title text NOT NULL,
      evidence jsonb NOT NULL,
      saved_by integer NOT NULL REFERENCES app_user(id),
      PRIMARY KEY (encounter_id, sequence, code)
    );
    CREATE TABLE physician_query (
      id serial PRIMARY KEY,
      encounter_id integer NOT NULL REFERENCES encounter(id) ON DELETE CASCADE,
      element text NOT NULL,
      question text NOT NULL,
      affected_codes jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'sent', 'answered')),
      answer text,
      created_by integer NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      answered_at timestamptz
    );
    CREATE TABLE encounter_event (
      id serial PRIMARY KEY,
      encounter_id integer NOT NULL REFERENCES encounter(id) ON DELETE CASCADE,
      user_id integer REFERENCES app_user(id),
      action text NOT NULL,
      from_state text,
      to_state text,
      detail jsonb NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX encounter_event_encounter ON encounter_event (encounter_id);
    `,
  );
}

import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * Posted remittances (835 files and imported FHIR ExplanationOfBenefit resources). A file is
 * known by its sha256, and each remittance claim by its posting key (payer, trace, set, position,
 * CLP01/CLP07/CLP02), so posting the same file twice, or the same content re-sent in another
 * file, changes nothing. Denials are kept per line with group, CARC and RARCs for the worklist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE remittance (
      id serial PRIMARY KEY,
      sha256 text NOT NULL UNIQUE,
      file_name text,
      format text NOT NULL CHECK (format IN ('835', 'fhir-eob')),
      payer text NOT NULL,
      trace_numbers jsonb NOT NULL,
      total_paid_cents bigint NOT NULL,
      claims_posted integer NOT NULL,
      claims_skipped integer NOT NULL,
      unknown_claims jsonb NOT NULL,
      posted_by text NOT NULL,
      posted_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE claim_posting (
      id serial PRIMARY KEY,
      key text NOT NULL UNIQUE,
      remittance_id integer NOT NULL REFERENCES remittance(id) ON DELETE CASCADE,
      claim_id integer NOT NULL REFERENCES claim(id),
      outcome text NOT NULL CHECK (outcome IN ('paid', 'partially_paid', 'denied', 'reversal')),
      payer_claim_number text NOT NULL,
      paid_cents bigint NOT NULL,
      patient_responsibility_cents bigint NOT NULL,
      claim_adjustments jsonb NOT NULL
    );
    CREATE INDEX claim_posting_claim ON claim_posting (claim_id);
    CREATE TABLE line_posting (
      id serial PRIMARY KEY,
      claim_posting_id integer NOT NULL REFERENCES claim_posting(id) ON DELETE CASCADE,
      claim_id integer NOT NULL,
      line_number integer,
      match_method text NOT NULL,
      paid_cents bigint NOT NULL,
      contractual_cents bigint NOT NULL,
      patient_cents bigint NOT NULL,
      denied boolean NOT NULL,
      FOREIGN KEY (claim_id, line_number) REFERENCES claim_line(claim_id, line_number)
    );
    CREATE TABLE line_denial (
      id serial PRIMARY KEY,
      line_posting_id integer NOT NULL REFERENCES line_posting(id) ON DELETE CASCADE,
      claim_id integer NOT NULL REFERENCES claim(id),
      line_number integer,
      group_code text NOT NULL,
      carc text NOT NULL,
      rarcs jsonb NOT NULL,
      amount_cents bigint NOT NULL
    );
    CREATE INDEX line_denial_reason ON line_denial (group_code, carc);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE line_denial, line_posting, claim_posting, remittance;');
}

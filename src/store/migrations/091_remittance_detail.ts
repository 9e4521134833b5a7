import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * What a posted 835 said, kept for the biller to read back: each payment (payer, check/EFT trace
 * number, date, method, amount) on the remittance row, and each remittance claim as the payer
 * sent it (billed, paid, patient responsibility, claim and line adjustments with their CARCs,
 * RARCs, service lines), known claims or not. posting_key is the claim's posting key
 * (remits/posting.ts), which finds the claim_posting, and through it our claim. Remittances
 * posted before this migration have no rows here; their postings still say what was posted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE remittance ADD COLUMN payments jsonb NOT NULL DEFAULT '[]';
    CREATE TABLE remittance_claim (
      id serial PRIMARY KEY,
      remittance_id integer NOT NULL REFERENCES remittance(id) ON DELETE CASCADE,
      position integer NOT NULL,
      payment integer NOT NULL,
      posting_key text NOT NULL,
      patient_control_number text NOT NULL,
      payer_claim_number text NOT NULL,
      status_code text NOT NULL,
      charge_cents bigint NOT NULL,
      paid_cents bigint NOT NULL,
      patient_responsibility_cents bigint NOT NULL,
      detail jsonb NOT NULL,
      UNIQUE (remittance_id, position)
    );
    CREATE INDEX remittance_claim_key ON remittance_claim (posting_key);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP TABLE remittance_claim; ALTER TABLE remittance DROP COLUMN payments;');
}

import { type Kysely, sql } from 'kysely';

/**
 * One original claim per patient control number. CLM01 is how a payer's 835 and 277CA find our
 * claim again, so two originals sharing it make a payment land on whichever was newest. A
 * replacement (7) or void (8) repeats its original's number on purpose, so only frequency-1
 * claims are unique. A store that already holds duplicates is named, not silently changed: the
 * biller must decide which claim keeps the number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ pcn: string; ids: string }>`
    SELECT patient_control_number AS pcn, string_agg(id::text, ', ' ORDER BY id) AS ids
    FROM claim WHERE frequency = '1'
    GROUP BY patient_control_number HAVING count(*) > 1
    ORDER BY 1 LIMIT 20`.execute(db);
  if (rows.length)
    throw new Error(
      `original claims share a patient control number (${rows.map((r) => `${r.pcn}: claims ${r.ids}`).join('; ')}); give each its own number, then start again`,
    );
  await sql`CREATE UNIQUE INDEX claim_pcn_original ON claim (patient_control_number) WHERE frequency = '1'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX claim_pcn_original`.execute(db);
}

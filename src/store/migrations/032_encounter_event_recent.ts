import { type Kysely, sql } from 'kysely';

/**
 * The encounter view reads an encounter's latest events: with (encounter_id, id) that is a
 * backward index scan that stops after the few it needs, where the single-column index made it
 * fetch and sort every event of the encounter first. The new index serves everything the old
 * one did (same leading column), so the old one goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX encounter_event_recent ON encounter_event (encounter_id, id)`.execute(db);
  await sql`DROP INDEX encounter_event_encounter`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX encounter_event_encounter ON encounter_event (encounter_id)`.execute(db);
  await sql`DROP INDEX encounter_event_recent`.execute(db);
}

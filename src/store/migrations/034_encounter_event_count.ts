import { type Kysely, sql } from 'kysely';

/**
 * How many history events an encounter has, kept on the encounter row. The view shows that
 * total on every open, save and suggestion; counting the events there made each of those slower
 * as the chart aged (a busy chart collects an event per save). The statements that add an event
 * (encounters.ts: transition, recordEvent) raise the count in the same statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE encounter ADD COLUMN event_count integer NOT NULL DEFAULT 0`.execute(db);
  await sql`
    UPDATE encounter e
    SET event_count = (SELECT count(*) FROM encounter_event v WHERE v.encounter_id = e.id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE encounter DROP COLUMN event_count`.execute(db);
}

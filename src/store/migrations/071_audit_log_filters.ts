import { type Kysely, sql } from 'kysely';

/**
 * The audit-log viewer filters by actor, action and date and pages newest first by id; without
 * these indexes each page would scan the whole log, which only grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_log_username ON audit_log (username, id)`.execute(db);
  await sql`CREATE INDEX audit_log_action ON audit_log (action, id)`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX audit_log_at`.execute(db);
  await sql`DROP INDEX audit_log_action`.execute(db);
  await sql`DROP INDEX audit_log_username`.execute(db);
}

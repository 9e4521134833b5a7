import { type Kysely, sql } from 'kysely';

/**
 * The audit log: one row per read or change of an encounter, note, code or claim. Append-only:
 * a trigger refuses UPDATE and DELETE, and each row's hash covers the previous row's hash, so
 * even someone who disables the trigger cannot edit or remove a row without `medcoder audit
 * verify` naming it. (Statements run one by one: the function body holds semicolons.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at text NOT NULL,
      user_id integer,
      username text,
      ip text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      detail text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    )`.execute(db);
  await sql`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id)`.execute(db);
  await sql
    .raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`)
    .execute(db);
}

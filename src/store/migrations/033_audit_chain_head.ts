import { type Kysely, sql } from 'kysely';

/**
 * The head of the audit chain, taken under the lock that serialises appends, in one statement:
 * every audited request appends, and on the embedded store each statement is a round trip on
 * the server's only thread. A PL/pgSQL function because the hash must be read *after* the lock
 * is granted: in READ COMMITTED each statement of a VOLATILE function takes a fresh snapshot, so
 * the SELECT sees an append that committed while this transaction waited for the lock (a plain
 * `SELECT pg_advisory_xact_lock(k), (SELECT hash …)` reads with a snapshot from before the wait
 * and could fork the chain on PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS text
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(lock_key);
      RETURN (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1);
    END
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION audit_chain_head(bigint)`.execute(db);
}

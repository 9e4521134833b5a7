import { type Kysely, sql } from 'kysely';

/**
 * The keyed audit chain (src/workflow/audit-seal.ts). The SHA-256 chain of migration 031 can be
 * recomputed by anyone who can write the table, so each new row also carries an HMAC-SHA256 over
 * the previous row's MAC and its own fields, under a key kept outside the database, and its
 * position in the keyed chain (`seq`, which the anchors outside the store name).
 *
 * Rows written before this migration keep `seq`, `mac` and `key_id` NULL: they stay covered by
 * the SHA chain only. The first keyed row's MAC starts from the last unkeyed row's SHA hash, so
 * rewriting that older segment (and recomputing its hashes) still breaks the first MAC.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log ADD COLUMN seq bigint, ADD COLUMN mac text, ADD COLUMN key_id text`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq)`.execute(db);
  // Same reason as audit_chain_head (migration 033): the head is read after the lock is granted,
  // in a statement of its own, so a concurrent append that committed meanwhile is seen.
  await sql`
    CREATE FUNCTION audit_keyed_head(lock_key bigint)
    RETURNS TABLE (head_hash text, head_mac text, head_seq bigint, head_key_id text)
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(lock_key);
      RETURN QUERY SELECT a.hash, a.mac, a.seq, a.key_id FROM audit_log a ORDER BY a.id DESC LIMIT 1;
    END
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION audit_keyed_head(bigint)`.execute(db);
  await sql`DROP INDEX audit_log_seq`.execute(db);
  await sql`ALTER TABLE audit_log DROP COLUMN seq, DROP COLUMN mac, DROP COLUMN key_id`.execute(db);
}

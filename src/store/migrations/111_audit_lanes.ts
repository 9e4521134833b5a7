import { type Kysely, sql } from 'kysely';

/**
 * The audit log as several interleaved keyed chains ("lanes", src/workflow/audit.ts). With one
 * chain, every audited transaction held the chain's advisory lock from reading the head until
 * COMMIT, its WAL flush included, so on PostgreSQL audited transactions took turns however many
 * connections served them. Each lane is a chain of its own (SHA hash, MAC and `seq` counted per
 * lane) with a lock of its own, and an appender takes whichever lane is free.
 *
 * Rows written before this migration become lane 0 unchanged: lane 0's MAC input is the one they
 * were sealed with, and its head is where they left off. `seq` is unique per lane now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A constant default: PostgreSQL records it in the catalogue without rewriting the table.
  await sql`ALTER TABLE audit_log ADD COLUMN lane integer NOT NULL DEFAULT 0 CHECK (lane >= 0)`.execute(db);
  await sql`CREATE UNIQUE INDEX audit_log_lane_seq ON audit_log (lane, seq)`.execute(db);
  await sql`DROP INDEX audit_log_seq`.execute(db);
  // Takes the first lane whose lock is free (pg_try_advisory_xact_lock does not wait), and only
  // when every lane is busy waits for one picked at random, so waiters spread over the lanes;
  // then reads that lane's head, in one round trip. A PL/pgSQL function for the reason of
  // migrations 033 and 070: the head is read in a statement after the lock is granted, whose
  // fresh snapshot sees the previous holder's commit. Lanes are tried from 0, so a log without
  // concurrent appenders stays one chain (lane 0). A transaction that already holds a lane finds
  // it free on its next append (advisory locks are re-entrant), so it never waits holding one:
  // appenders cannot deadlock. Lane 0 with no keyed entry yet continues from the entries written
  // before the keyed chain (migration 070); any other lane starts from nothing.
  await sql`
    CREATE FUNCTION audit_lane_head(lock_key integer, lanes integer)
    RETURNS TABLE (head_lane integer, head_hash text, head_mac text, head_seq bigint, head_key_id text)
    LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      chosen integer;
    BEGIN
      FOR l IN 0 .. lanes - 1 LOOP
        IF pg_try_advisory_xact_lock(lock_key, l) THEN
          chosen := l;
          EXIT;
        END IF;
      END LOOP;
      IF chosen IS NULL THEN
        chosen := floor(random() * lanes)::integer;
        PERFORM pg_advisory_xact_lock(lock_key, chosen);
      END IF;
      RETURN QUERY SELECT chosen, a.hash, a.mac, a.seq, a.key_id FROM audit_log a
        WHERE a.lane = chosen AND a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
      IF NOT FOUND AND chosen = 0 THEN
        RETURN QUERY SELECT chosen, a.hash, a.mac, a.seq, a.key_id FROM audit_log a
          WHERE a.lane = 0 ORDER BY a.id DESC LIMIT 1;
      END IF;
      IF NOT FOUND THEN
        RETURN QUERY SELECT chosen, NULL::text, NULL::text, NULL::bigint, NULL::text;
      END IF;
    END
    $$`.execute(db);
  // A server still running the code from before this migration (during a rolling restart) calls
  // audit_keyed_head: it now appends to lane 0 under lane 0's lock, in lane 0's MAC format (the
  // format that code writes), instead of chaining from whichever lane's row came last.
  await sql`
    CREATE OR REPLACE FUNCTION audit_keyed_head(lock_key bigint)
    RETURNS TABLE (head_hash text, head_mac text, head_seq bigint, head_key_id text)
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(lock_key::integer, 0);
      RETURN QUERY SELECT a.hash, a.mac, a.seq, a.key_id FROM audit_log a
        WHERE a.lane = 0 AND a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
      IF NOT FOUND THEN
        RETURN QUERY SELECT a.hash, a.mac, a.seq, a.key_id FROM audit_log a
          WHERE a.lane = 0 ORDER BY a.id DESC LIMIT 1;
      END IF;
    END
    $$`.execute(db);
}

/**
 * Back to one chain. Refused while any entry lies in a lane other than 0: the single-chain code
 * would read the lanes as one chain in id order and report every such entry as tampered, and the
 * lanes' positions would collide in the single `seq` index.
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::integer AS n FROM audit_log WHERE lane <> 0`.execute(db);
  const n = rows[0]?.n ?? 0;
  if (n > 0)
    throw new Error(
      `audit_log holds ${n} entries in lanes other than 0, which the single-chain audit log cannot verify: keep migration 111`,
    );
  await sql`
    CREATE OR REPLACE FUNCTION audit_keyed_head(lock_key bigint)
    RETURNS TABLE (head_hash text, head_mac text, head_seq bigint, head_key_id text)
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(lock_key);
      RETURN QUERY SELECT a.hash, a.mac, a.seq, a.key_id FROM audit_log a ORDER BY a.id DESC LIMIT 1;
    END
    $$`.execute(db);
  await sql`DROP FUNCTION audit_lane_head(integer, integer)`.execute(db);
  await sql`CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq)`.execute(db);
  await sql`DROP INDEX audit_log_lane_seq`.execute(db);
  await sql`ALTER TABLE audit_log DROP COLUMN lane`.execute(db);
}

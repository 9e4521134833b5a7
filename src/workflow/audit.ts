import { createHash, createHmac } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { reusableInsert, reusableQuery } from '../store/reusable-query.js';
import type { Database } from '../store/schema.js';
import type { AuditLogTable } from '../store/schema-workflow.js';
import { type Anchor, anchorLane } from './audit-anchor.js';
import { keyFileTooOpen } from './audit-key.js';
import { assertSealedWith, auditSealOf } from './audit-seal.js';
import '../store/schema-audit-lane.js';

/**
 * The append-only, tamper-evident audit log. Two chains run through it:
 * - each entry's SHA-256 `hash` covers its fields and the previous entry's hash (migration 031).
 *   Anyone who can write the table can recompute it, so it only catches careless edits;
 * - each entry's `mac` is an HMAC-SHA256, under a key kept outside the database
 *   (audit-key.ts), over the previous entry's MAC and its own fields with its position `seq`.
 *   Editing a row and recomputing every later hash does not produce valid MACs without the key.
 * Removing the newest entries leaves a shorter chain that still fits together; anchors of the
 * head written outside the store (audit-anchor.ts) catch that. Entries written before the keyed
 * chain existed (migration 070) keep a NULL MAC; the first keyed entry chains from the last of
 * their hashes, so they are covered from then on too.
 *
 * Lanes (migration 111): the log is AUDIT_LANES chains interleaved in one table, each with its
 * own hash and MAC links, its own `seq` from 1, its own head and its own advisory lock. Appending
 * holds a chain's lock until COMMIT (its WAL flush included), so with one chain every audited
 * transaction on PostgreSQL waited for the previous one's commit; now an appender takes a lane
 * no other transaction holds and only waits when all are busy. Every chain property holds per
 * lane: an edited, inserted or removed row breaks its lane's links and MACs, the anchors record
 * every lane's head, and the lane is part of each MAC's input, so a row moved to another lane no
 * longer verifies. The log before lanes is lane 0, whose MAC input stays what it was.
 */

export interface AuditActor {
  userId: number | null;
  username: string | null;
  ip: string | null;
}

export interface AuditEntryInput {
  action: string;
  entityType:
    | 'encounter'
    | 'note'
    | 'code'
    | 'claim'
    | 'query'
    | 'remittance'
    | 'user'
    | 'session'
    /** A request the server refused (401/403). */
    | 'request'
    /** The audit log itself: reads of it are audited too. */
    | 'audit'
    /** Coding-quality audits (workflow/qa/): a sample by its id; the QA reports with none. */
    | 'qa';
  entityId: string | number | null;
  detail?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);
// Any constant: with the lane number, the key of the transaction-scoped advisory lock that
// serialises appends to that lane.
const AUDIT_LOCK = 0x6d656463;
/**
 * How many lanes appenders spread over: 8 unless MEDCODER_AUDIT_LANES says otherwise (1–64).
 * One server's PostgreSQL pool holds 8 connections (store/db.ts), so at most 8 of its
 * transactions are open at once: with 8 lanes none of them waits for another's commit to append,
 * and a 9th lane would never be taken. Fewer bring the waits back under load (1 is the single
 * chain from before lanes); several servers sharing one database may want more. Idle lanes cost
 * nothing (lanes are tried from 0, so a quiet log stays one chain), a used one an anchor line.
 * The number is an argument of the head function, not part of the schema: changing it needs no
 * migration, and verification and anchoring take the lanes the table holds, whatever their
 * number. PGlite has one connection, so everything lands in lane 0 there.
 */
export const AUDIT_LANES = auditLanes(process.env);

export function auditLanes(env: NodeJS.ProcessEnv): number {
  const text = env.MEDCODER_AUDIT_LANES?.trim();
  if (!text) return 8;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`MEDCODER_AUDIT_LANES must be a whole number from 1 to 64, not "${text}"`);
  return n;
}

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** The stored fields the hash covers (everything but the id and the chain columns). */
type HashedFields = Omit<
  Selectable<AuditLogTable>,
  'id' | 'prev_hash' | 'hash' | 'seq' | 'mac' | 'key_id' | 'lane'
>;

/** The covered fields in a fixed order (a row's column order must never matter). */
function coveredFields(f: HashedFields): unknown[] {
  return [f.at, f.user_id, f.username, f.ip, f.action, f.entity_type, f.entity_id, f.detail];
}

export function entryHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson(coveredFields(f));
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/**
 * The MAC of a keyed entry: over the previous entry's MAC (in its lane) and the entry, its lane
 * and seq included. Lane 0 keeps the input of the single chain it continues, [seq, ...fields],
 * so the entries sealed before lanes still verify; every other lane prefixes its number,
 * [lane, seq, ...fields]. The two shapes differ in length, so each lane's inputs are its own: a
 * row moved from any lane to any other, lane 0 included, fails its MAC in the new place.
 */
export function entryMac(secret: Buffer, prevMac: string, seq: number, f: HashedFields, lane = 0): string {
  const body = canonicalJson(lane === 0 ? [seq, ...coveredFields(f)] : [lane, seq, ...coveredFields(f)]);
  return createHmac('sha256', secret).update(`${prevMac}\n${body}`).digest('hex');
}

/** A lane taken and its head read, as audit_lane_head returns them (migration 111). */
export interface LaneHead {
  head_lane: number;
  head_hash: string | null;
  head_mac: string | null;
  head_seq: number | string | null;
  head_key_id: string | null;
}

/**
 * audit_lane_head(lockKey, lanes) as a FROM item, for a statement of a change that takes its
 * audit lane itself, one round trip fewer than appendAudit's own read. The arguments are
 * LANE_HEAD_ARGS, passed as values (a reusableQuery's arguments); the head it returns goes to
 * sealAuditRows or appendAuditAfterHead. Only in a transaction's last statements, after its row
 * locks: a lane held while waiting for a row another appender holds could deadlock when there
 * are fewer lanes than connections.
 */
export const laneHeadFrom = (lockKey: unknown, lanes: unknown) =>
  sql<LaneHead>`audit_lane_head(${lockKey}, ${lanes})`;
export const LANE_HEAD_ARGS: readonly [number, number] = [AUDIT_LOCK, AUDIT_LANES];

// Every audited change runs these two: built once (reusable-query.ts). The first takes a free
// lane's lock and reads that lane's head in one round trip (migrations 033, 070 and 111 say why
// it is a function).
const laneHeadQuery = reusableQuery((db, lockKey: number, lanes: number) =>
  db.selectFrom(laneHeadFrom(lockKey, lanes).as('h')).selectAll(),
);
const newestKeyId = reusableQuery((db) =>
  db.selectFrom('audit_log').select('key_id').where('key_id', 'is not', null).orderBy('id', 'desc').limit(1),
);
/** The audit_log columns an append writes (sealAuditRows' rows have each of them). */
export const AUDIT_COLUMNS = [
  'at',
  'user_id',
  'username',
  'ip',
  'action',
  'entity_type',
  'entity_id',
  'detail',
  'prev_hash',
  'hash',
  'seq',
  'mac',
  'key_id',
  'lane',
] as const;
const auditInsert = reusableInsert('audit_log', AUDIT_COLUMNS);

/** An audit_log row as an append inserts it. */
export type SealedAuditRow = HashedFields & {
  prev_hash: string;
  hash: string;
  seq: number;
  mac: string;
  key_id: string;
  lane: number;
};

/**
 * The sealed rows that append `entries` (in order) to the lane whose head the caller's
 * transaction has taken (audit_lane_head: appendAudit, or a change's own statement through
 * laneHeadFrom). Refused (AuditKeyError) when the key file is missing or holds another key than
 * the chain's.
 */
export async function sealAuditRows(
  trx: Kysely<Database>,
  actor: AuditActor,
  entries: readonly AuditEntryInput[],
  head: LaneHead | undefined,
): Promise<SealedAuditRow[]> {
  const key = await auditSealOf(trx).key(trx, true);
  // A lane's first keyed entry has no head of its own to name the key: the log's newest keyed
  // entry does (a replaced key file must not start sealing a fresh lane).
  assertSealedWith(key, head?.head_key_id ?? (await newestKeyId.execute(trx))[0]?.key_id ?? null);
  const lane = Number(head?.head_lane ?? 0);
  let prev = head?.head_hash ?? GENESIS_HASH;
  let prevMac = head?.head_mac ?? prev;
  let seq = Number(head?.head_seq ?? 0);
  const at = new Date().toISOString();
  return entries.map((e) => {
    const fields: HashedFields = {
      at,
      user_id: actor.userId,
      username: actor.username,
      ip: actor.ip,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId === null ? null : String(e.entityId),
      detail: canonicalJson(e.detail ?? {}),
    };
    seq++;
    const hash = entryHash(prev, fields);
    const mac = entryMac(key.secret, prevMac, seq, fields, lane);
    const row = { ...fields, prev_hash: prev, hash, seq, mac, key_id: key.id, lane };
    prev = hash;
    prevMac = mac;
    return row;
  });
}

/**
 * After a change's own statement inserted sealAuditRows' rows inside the transaction `trx`:
 * counts them towards the next anchor, written once the transaction has had time to commit.
 */
export function auditAppended(trx: Kysely<Database>, n: number): void {
  const seal = auditSealOf(trx);
  if (seal.noteAppended(n)) seal.anchorSoon();
}

/**
 * Appends entries (in order) to one lane of the log. Runs inside the caller's transaction when
 * given one, so an audited change and its audit entry commit or roll back together; the lane's
 * advisory lock, held until the transaction ends, keeps anyone else off that lane meanwhile, so
 * no lane ever forks, while concurrent appenders take other lanes. Refused (AuditKeyError) when
 * the key file is missing or holds another key than the chain's: an entry the chain cannot
 * verify would be worse than none.
 */
export async function appendAudit(
  db: Kysely<Database>,
  actor: AuditActor,
  entries: readonly AuditEntryInput[],
): Promise<void> {
  if (entries.length === 0) return;
  const run = async (trx: Kysely<Database>) => {
    // The key first: a store whose key file is missing is refused before it takes a lane.
    await auditSealOf(trx).key(trx, true);
    const [head] = await laneHeadQuery.execute(trx, AUDIT_LOCK, AUDIT_LANES);
    await appendAuditAt(trx, actor, entries, head);
  };
  if (db.isTransaction) {
    await run(db);
    auditAppended(db, entries.length);
  } else {
    const seal = auditSealOf(db);
    await db.transaction().execute(run);
    if (seal.noteAppended(entries.length)) await seal.anchor().catch(() => seal.anchorSoon());
  }
}

/** Inserts entries after `head`, a lane the transaction `trx` holds (no anchor bookkeeping). */
async function appendAuditAt(
  trx: Kysely<Database>,
  actor: AuditActor,
  entries: readonly AuditEntryInput[],
  head: LaneHead | undefined,
): Promise<void> {
  await auditInsert.execute(trx, await sealAuditRows(trx, actor, entries, head));
}

/**
 * In a transaction whose statement took a lane and read its head (laneHeadFrom): appends the
 * entries to that lane, and counts them towards the next anchor.
 */
export async function appendAuditAfterHead(
  trx: Kysely<Database>,
  actor: AuditActor,
  entries: readonly AuditEntryInput[],
  head: LaneHead,
): Promise<void> {
  if (entries.length === 0) return;
  await appendAuditAt(trx, actor, entries, head);
  auditAppended(trx, entries.length);
}

export interface AuditProblem {
  /** The first row that does not fit; null when the problem is the chain's end (truncation). */
  id: number | null;
  reason: string;
  /**
   * tampered: a row was edited, inserted or removed; truncated: entries are missing from the end;
   * unverifiable: the key or anchor file is missing, replaced or damaged.
   */
  kind: 'tampered' | 'truncated' | 'unverifiable';
}

export interface AuditLaneVerification {
  lane: number;
  /** Keyed entries of the lane that verified: its last position, as positions run from 1 without gaps. */
  lastSeq: number;
  /** The lane's last anchored position (0: none). */
  anchoredSeq: number;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries that verified (before the problem, if any). */
  checked: number;
  /** Of those, entries written before the keyed chain (SHA chain only). */
  unkeyed: number;
  /**
   * Keyed entries that verified, over all lanes (the sum of the lanes' last positions; on a log
   * that never had two appenders at once, lane 0's last position).
   */
  lastSeq: number;
  /** Every lane that holds entries or anchors, in lane order. */
  lanes: AuditLaneVerification[];
  /** Anchors read from the anchor file, and where it is. */
  anchors: number;
  anchorFile: string;
  keyFile: string;
  problem?: AuditProblem;
  /** The hash of the newest entry that verified (by id, whatever its lane). */
  lastHash: string;
  /**
   * The anchor written after this verification, if a head was not anchored yet: lane 0's, or the
   * lowest lane's that moved (every lane's is in `anchoredLanes`).
   */
  anchored?: Anchor;
  anchoredLanes?: Anchor[];
  /** Things to fix that do not make the log untrustworthy yet (a key file others can read). */
  warnings: string[];
}

/** Where verification stands in one lane: the links the lane's next entry must continue. */
interface LaneState {
  prev: string;
  prevMac: string;
  lastSeq: number;
}

/**
 * Re-computes every lane's chains, walking the log in id order (within a lane, id order is seq
 * order: the lane's lock is held from reading its head to COMMIT) and checks them against the
 * anchors; stops at the first row that does not fit. A clean result writes an anchor of each
 * lane's head that moved, so a later truncation is caught even if the process that appended
 * never wrote one.
 */
export async function verifyAuditChain(db: Kysely<Database>, batch = 5000): Promise<AuditVerification> {
  const seal = auditSealOf(db);
  const { anchors, unreadable } = seal.anchors.read();
  const result: AuditVerification = {
    ok: true,
    checked: 0,
    unkeyed: 0,
    lastSeq: 0,
    lanes: [],
    anchors: anchors.length,
    anchorFile: seal.anchors.where,
    keyFile: seal.keyLocation,
    lastHash: GENESIS_HASH,
    warnings: [],
  };
  const lanes = new Map<number, LaneState>();
  const anchoredAt = new Map<string, Anchor[]>();
  const lastAnchor = new Map<number, Anchor>();
  for (const a of anchors) {
    const lane = anchorLane(a);
    const at = `${lane}:${a.seq}`;
    anchoredAt.set(at, [...(anchoredAt.get(at) ?? []), a]);
    if (a.seq > (lastAnchor.get(lane)?.seq ?? 0)) lastAnchor.set(lane, a);
  }
  const laneSummary = () =>
    [...new Set([...lanes.keys(), ...lastAnchor.keys()])]
      .sort((a, b) => a - b)
      .map((lane) => ({
        lane,
        lastSeq: lanes.get(lane)?.lastSeq ?? 0,
        anchoredSeq: lastAnchor.get(lane)?.seq ?? 0,
      }));
  const fail = (id: number | null, reason: string, kind: AuditProblem['kind'] = 'tampered') => ({
    ...result,
    lanes: laneSummary(),
    ok: false,
    problem: { id, reason, kind },
  });
  if (unreadable.length > 0) {
    const u = unreadable[0]!;
    return fail(
      null,
      `the anchor file ${seal.anchors.where} is damaged: line ${u.line} is not an anchor`,
      'unverifiable',
    );
  }
  const key = await seal.key(db, false);
  if (key && seal.paths.keyFile && keyFileTooOpen(seal.paths.keyFile))
    result.warnings.push(
      `the audit key file ${seal.paths.keyFile} can be read by others than its owner (chmod 600 it)`,
    );

  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const r of rows) {
      const id = Number(r.id);
      const lane = Number(r.lane);
      let st = lanes.get(lane);
      if (!st) {
        st = { prev: GENESIS_HASH, prevMac: GENESIS_HASH, lastSeq: 0 };
        lanes.set(lane, st);
      }
      const where = lane === 0 ? '' : ` in lane ${lane}`;
      if (r.prev_hash !== st.prev)
        return fail(
          id,
          `its previous-hash link does not match the row before it${where} (a row was removed or inserted)`,
        );
      if (entryHash(st.prev, r) !== r.hash)
        return fail(id, 'its content no longer matches its hash (the row was edited)');
      if (r.mac === null) {
        if (result.lastSeq > 0)
          return fail(id, 'it has no MAC but follows keyed entries (it was written without the key)');
        if (lane !== 0)
          return fail(
            id,
            `it has no MAC but lies in lane ${lane}: the entries from before the keyed chain are all in lane 0`,
          );
        result.unkeyed++;
        st.prevMac = r.hash;
      } else {
        if (!key)
          return fail(
            id,
            `the audit key file ${seal.keyLocation} is missing, so keyed entries cannot be checked`,
            'unverifiable',
          );
        if (r.key_id !== key.id)
          return fail(
            id,
            `it was sealed with key ${r.key_id}, but the key file ${seal.keyLocation} holds key ${key.id}`,
            'unverifiable',
          );
        const seq = Number(r.seq);
        if (seq !== st.lastSeq + 1)
          return fail(
            id,
            `its position ${seq}${where} does not follow ${st.lastSeq} (keyed entries were removed or inserted)`,
          );
        if (entryMac(key.secret, st.prevMac, seq, r, lane) !== r.mac)
          return fail(
            id,
            `its MAC does not match: the row was edited or moved to another lane (even if the SHA hashes after it were recomputed)`,
          );
        const differs = anchoredAt.get(`${lane}:${seq}`)?.find((a) => a.mac !== r.mac);
        if (differs)
          return fail(
            id,
            `entry ${seq}${where} is not the one anchored at ${differs.time} (the chain was rewritten)`,
          );
        st.lastSeq = seq;
        st.prevMac = r.mac;
        result.lastSeq++;
      }
      st.prev = r.hash;
      result.lastHash = r.hash;
      result.checked++;
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  for (const [lane, last] of [...lastAnchor].sort(([a], [b]) => a - b)) {
    const reached = lanes.get(lane)?.lastSeq ?? 0;
    if (last.seq > reached)
      return fail(
        null,
        `lane ${lane} of the chain ends at entry ${reached} but the anchor written at ${last.time} records entry ${last.seq}: ${last.seq - reached} entries were removed from its end`,
        'truncated',
      );
  }
  result.lanes = laneSummary();
  const written = await seal.anchor();
  if (written.length > 0) {
    result.anchored = written[0];
    result.anchoredLanes = written;
  }
  return result;
}

export { type AuditRow, listAudit } from './audit-search.js';

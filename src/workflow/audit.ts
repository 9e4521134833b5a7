import { createHash, createHmac } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { reusableInsert, reusableQuery } from '../store/reusable-query.js';
import type { Database } from '../store/schema.js';
import type { AuditLogTable } from '../store/schema-workflow.js';
import type { Anchor } from './audit-anchor.js';
import { keyFileTooOpen } from './audit-key.js';
import { assertSealedWith, auditSealOf } from './audit-seal.js';

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
// Any constant: the key of the transaction-scoped advisory lock that serialises appends.
const AUDIT_LOCK = 0x6d656463;

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
type HashedFields = Omit<Selectable<AuditLogTable>, 'id' | 'prev_hash' | 'hash' | 'seq' | 'mac' | 'key_id'>;

/** The covered fields in a fixed order (a row's column order must never matter). */
function coveredFields(f: HashedFields): unknown[] {
  return [f.at, f.user_id, f.username, f.ip, f.action, f.entity_type, f.entity_id, f.detail];
}

export function entryHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson(coveredFields(f));
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** The MAC of a keyed entry: over the previous entry's MAC and the entry, its seq included. */
export function entryMac(secret: Buffer, prevMac: string, seq: number, f: HashedFields): string {
  const body = canonicalJson([seq, ...coveredFields(f)]);
  return createHmac('sha256', secret).update(`${prevMac}\n${body}`).digest('hex');
}

// Every audited change runs these two: built once (reusable-query.ts). The first takes the
// append lock and reads the chain's head in one round trip (migrations 033 and 070 say why it is
// a function).
const chainHeadQuery = reusableQuery((db, lockKey: number) =>
  db
    .selectFrom(
      sql<{
        head_hash: string | null;
        head_mac: string | null;
        head_seq: number | null;
        head_key_id: string | null;
      }>`audit_keyed_head(${lockKey})`.as('h'),
    )
    .selectAll(),
);
const auditInsert = reusableInsert('audit_log', [
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
]);

/**
 * Appends entries (in order) to the chain. Runs inside the caller's transaction when given one,
 * so an audited change and its audit entry commit or roll back together; the advisory lock
 * makes concurrent appenders take turns, so the chain never forks. Refused (AuditKeyError) when
 * the key file is missing or holds another key than the chain's: an entry the chain cannot
 * verify would be worse than none.
 */
export async function appendAudit(
  db: Kysely<Database>,
  actor: AuditActor,
  entries: readonly AuditEntryInput[],
): Promise<void> {
  if (entries.length === 0) return;
  const seal = auditSealOf(db);
  const run = async (trx: Kysely<Database>) => {
    const key = await seal.key(trx, true);
    const [head] = await chainHeadQuery.execute(trx, AUDIT_LOCK);
    assertSealedWith(key, head?.head_key_id ?? null);
    let prev = head?.head_hash ?? GENESIS_HASH;
    let prevMac = head?.head_mac ?? prev;
    let seq = Number(head?.head_seq ?? 0);
    const at = new Date().toISOString();
    const rows = entries.map((e) => {
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
      const mac = entryMac(key.secret, prevMac, seq, fields);
      const row = { ...fields, prev_hash: prev, hash, seq, mac, key_id: key.id };
      prev = hash;
      prevMac = mac;
      return row;
    });
    await auditInsert.execute(trx, rows);
  };
  if (db.isTransaction) {
    await run(db);
    if (seal.noteAppended(entries.length)) seal.anchorSoon();
  } else {
    await db.transaction().execute(run);
    if (seal.noteAppended(entries.length)) await seal.anchor().catch(() => seal.anchorSoon());
  }
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

export interface AuditVerification {
  ok: boolean;
  /** Entries that verified (before the problem, if any). */
  checked: number;
  /** Of those, entries written before the keyed chain (SHA chain only). */
  unkeyed: number;
  /** The keyed chain's last position verified. */
  lastSeq: number;
  /** Anchors read from the anchor file, and where it is. */
  anchors: number;
  anchorFile: string;
  keyFile: string;
  problem?: AuditProblem;
  lastHash: string;
  /** The anchor written after this verification, if the head was not anchored yet. */
  anchored?: Anchor;
  /** Things to fix that do not make the log untrustworthy yet (a key file others can read). */
  warnings: string[];
}

/**
 * Re-computes both chains in id order and checks them against the anchors; stops at the first
 * row that does not fit. A clean result writes an anchor of the head, so a later truncation is
 * caught even if the process that appended never wrote one.
 */
export async function verifyAuditChain(db: Kysely<Database>, batch = 5000): Promise<AuditVerification> {
  const seal = auditSealOf(db);
  const { anchors, unreadable } = seal.anchors.read();
  const result: AuditVerification = {
    ok: true,
    checked: 0,
    unkeyed: 0,
    lastSeq: 0,
    anchors: anchors.length,
    anchorFile: seal.anchors.where,
    keyFile: seal.keyLocation,
    lastHash: GENESIS_HASH,
    warnings: [],
  };
  const fail = (id: number | null, reason: string, kind: AuditProblem['kind'] = 'tampered') => ({
    ...result,
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
  const anchored = new Map<number, Anchor[]>();
  for (const a of anchors) anchored.set(a.seq, [...(anchored.get(a.seq) ?? []), a]);
  const key = await seal.key(db, false);
  if (key && seal.paths.keyFile && keyFileTooOpen(seal.paths.keyFile))
    result.warnings.push(
      `the audit key file ${seal.paths.keyFile} can be read by others than its owner (chmod 600 it)`,
    );

  let prev = GENESIS_HASH;
  let prevMac = GENESIS_HASH;
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
      if (r.prev_hash !== prev)
        return fail(
          id,
          'its previous-hash link does not match the row before it (a row was removed or inserted)',
        );
      if (entryHash(prev, r) !== r.hash)
        return fail(id, 'its content no longer matches its hash (the row was edited)');
      if (r.mac === null) {
        if (result.lastSeq > 0)
          return fail(id, 'it has no MAC but follows keyed entries (it was written without the key)');
        result.unkeyed++;
        prevMac = r.hash;
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
        if (seq !== result.lastSeq + 1)
          return fail(
            id,
            `its position ${seq} does not follow ${result.lastSeq} (keyed entries were removed or inserted)`,
          );
        if (entryMac(key.secret, prevMac, seq, r) !== r.mac)
          return fail(
            id,
            'its MAC does not match: the row was edited (even if the SHA hashes after it were recomputed)',
          );
        const differs = anchored.get(seq)?.find((a) => a.mac !== r.mac);
        if (differs)
          return fail(
            id,
            `entry ${seq} is not the one anchored at ${differs.time} (the chain was rewritten)`,
          );
        result.lastSeq = seq;
        prevMac = r.mac;
      }
      prev = r.hash;
      result.lastHash = r.hash;
      result.checked++;
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  const last = anchors.reduce<Anchor | undefined>((m, a) => (!m || a.seq > m.seq ? a : m), undefined);
  if (last && last.seq > result.lastSeq)
    return fail(
      null,
      `the chain ends at entry ${result.lastSeq} but the anchor written at ${last.time} records entry ${last.seq}: ${last.seq - result.lastSeq} entries were removed from the end`,
      'truncated',
    );
  const written = await seal.anchor();
  if (written) result.anchored = written;
  return result;
}

export { type AuditRow, listAudit } from './audit-search.js';

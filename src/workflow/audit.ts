import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { reusableInsert, reusableQuery } from '../store/reusable-query.js';
import type { Database } from '../store/schema.js';
import type { AuditLogTable } from '../store/schema-workflow.js';

/**
 * The append-only, hash-chained audit log. Each entry's hash covers its own fields and the
 * previous entry's hash, so changing, inserting or removing a row breaks the chain from that
 * row on, and `verifyAuditChain` names the first row that no longer fits.
 */

export interface AuditActor {
  userId: number | null;
  username: string | null;
  ip: string | null;
}

export interface AuditEntryInput {
  action: string;
  entityType: 'encounter' | 'note' | 'code' | 'claim' | 'query' | 'remittance' | 'user' | 'session';
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
type HashedFields = Omit<Selectable<AuditLogTable>, 'id' | 'prev_hash' | 'hash'>;

export function entryHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson([
    f.at,
    f.user_id,
    f.username,
    f.ip,
    f.action,
    f.entity_type,
    f.entity_id,
    f.detail,
  ]);
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

// Every audited change runs these two: built once (reusable-query.ts). The first takes the
// append lock and reads the chain's last hash in one round trip (migration 033 says why it is a
// function).
const chainHeadQuery = reusableQuery((db, lockKey: number) =>
  db.selectNoFrom(sql<string | null>`audit_chain_head(${lockKey})`.as('hash')),
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
]);

/**
 * Appends entries (in order) to the chain. Runs inside the caller's transaction when given one,
 * so an audited change and its audit entry commit or roll back together; the advisory lock
 * makes concurrent appenders take turns, so the chain never forks.
 */
export async function appendAudit(
  db: Kysely<Database>,
  actor: AuditActor,
  entries: readonly AuditEntryInput[],
): Promise<void> {
  if (entries.length === 0) return;
  const run = async (trx: Kysely<Database>) => {
    const [head] = await chainHeadQuery.execute(trx, AUDIT_LOCK);
    let prev = head?.hash ?? GENESIS_HASH;
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
      const hash = entryHash(prev, fields);
      const row = { ...fields, prev_hash: prev, hash };
      prev = hash;
      return row;
    });
    await auditInsert.execute(trx, rows);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

export interface AuditProblem {
  id: number;
  reason: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row that breaks the chain, with why. */
  problem?: AuditProblem;
  lastHash: string;
}

/** Re-computes every hash in id order; stops at the first row whose hash or link is wrong. */
export async function verifyAuditChain(db: Kysely<Database>, batch = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let checked = 0;
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
      if (r.prev_hash !== prev) {
        return {
          ok: false,
          checked,
          lastHash: prev,
          problem: {
            id: r.id,
            reason: 'its previous-hash link does not match the row before it (a row was removed or inserted)',
          },
        };
      }
      const expect = entryHash(prev, r);
      if (expect !== r.hash) {
        return {
          ok: false,
          checked,
          lastHash: prev,
          problem: { id: r.id, reason: 'its content no longer matches its hash (the row was edited)' },
        };
      }
      prev = r.hash;
      checked++;
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1]!.id);
  }
  return { ok: true, checked, lastHash: prev };
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  detail: unknown;
  hash: string;
}

/** Newest first; `entity` is a type (`encounter`) or a type and id (`encounter:12`). */
export async function listAudit(db: Kysely<Database>, entity?: string, limit = 100): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (entity) {
    const [type, id] = entity.split(':', 2);
    q = q.where('entity_type', '=', type!);
    if (id !== undefined) q = q.where('entity_id', '=', id);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    userId: r.user_id,
    username: r.username,
    ip: r.ip,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail),
    hash: r.hash,
  }));
}

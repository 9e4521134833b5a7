import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { isRealDate } from './encounters.js';
import { invalid } from './errors.js';

import '../store/schema-audit-lane.js';

/**
 * Reading the audit log: newest first, filtered by who, what and when, a page at a time. Pages
 * are cut by id (`before`: entries older than that one), not by offset, so a page costs the
 * same deep in a log that only grows, and entries appended meanwhile never shift the next page.
 */
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
  /** The keyed chain (lane) the entry belongs to: 0 unless others were appending at the same time. */
  lane: number;
  /** Position in its lane's keyed chain (null for entries from before it). */
  seq: number | null;
  hash: string;
}

export interface AuditFilter {
  /** Username of the actor, exactly. */
  actor?: string;
  action?: string;
  /** An entity type (`encounter`) or a type and id (`encounter:12`). */
  entity?: string;
  /** First and last day (YYYY-MM-DD, UTC, inclusive). */
  from?: string;
  to?: string;
  /** Only entries older than this id (the previous page's `nextBefore`). */
  before?: number;
  limit?: number;
}

export interface AuditPage {
  entries: AuditRow[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

const DAY_MS = 86_400_000;

export async function searchAudit(db: Kysely<Database>, f: AuditFilter = {}): Promise<AuditPage> {
  for (const field of ['from', 'to'] as const) {
    const value = f[field];
    if (value !== undefined && !isRealDate(value))
      throw invalid('invalid_date', `${field} ${value} is not a calendar date (YYYY-MM-DD)`, field);
  }
  if (f.from && f.to && f.from > f.to)
    throw invalid('invalid_range', `from ${f.from} is after to ${f.to}`, 'from');
  const limit = f.limit ?? 100;
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (f.actor !== undefined) q = q.where('username', '=', f.actor);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.entity) {
    const [type, id] = f.entity.split(':', 2);
    q = q.where('entity_type', '=', type!);
    if (id !== undefined) q = q.where('entity_id', '=', id);
  }
  // `at` is an ISO timestamp in UTC: text order is time order.
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) {
    const next = new Date(Date.parse(`${f.to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    q = q.where('at', '<', next);
  }
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  const rows = await q.execute();
  const more = rows.length > limit;
  const entries = rows.slice(0, limit).map((r) => ({
    id: Number(r.id),
    at: r.at,
    userId: r.user_id,
    username: r.username,
    ip: r.ip,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail) as unknown,
    lane: Number(r.lane),
    seq: r.seq === null ? null : Number(r.seq),
    hash: r.hash,
  }));
  return { entries, nextBefore: more ? entries[entries.length - 1]!.id : null };
}

/** Newest first; `entity` is a type (`encounter`) or a type and id (`encounter:12`). */
export async function listAudit(db: Kysely<Database>, entity?: string, limit = 100): Promise<AuditRow[]> {
  return (await searchAudit(db, { ...(entity ? { entity } : {}), limit })).entries;
}

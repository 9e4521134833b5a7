import { join, resolve } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Store, StoreOptions } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { type Anchor, type AnchorLog, anchorLane, fileAnchorLog, memoryAnchorLog } from './audit-anchor.js';
import { type AuditKey, AuditKeyError, createKeyFile, ephemeralKey, readKeyFile } from './audit-key.js';
import '../store/schema-audit.js';
import '../store/schema-audit-lane.js';

/**
 * What seals one store's audit chain: its key file and its anchor file, both outside the
 * database. `openStore` binds a seal to each store it opens (sealStore); appendAudit and
 * verifyAuditChain find it from whatever they are handed, the store or one of its transactions.
 *
 * Where the files live (environment variables override):
 * - embedded store in a folder: `audit.key` and `audit-anchors.jsonl` in that folder;
 * - PostgreSQL: in MEDCODER_AUDIT_DIR, else MEDCODER_DATA, else ./data, the anchor file named
 *   for the database and schema (`audit-anchors.<db>.<schema>.jsonl`), as several stores may
 *   share the folder;
 * - MEDCODER_AUDIT_KEY_FILE / MEDCODER_AUDIT_ANCHOR_FILE: exact paths (point them at storage the
 *   database's users cannot reach);
 * - an in-memory embedded store (memory://) keeps a key and anchors that die with the process.
 */
export interface AuditSealPaths {
  /** Undefined: an in-process key. */
  keyFile?: string;
  /** Undefined: in-process anchors. */
  anchorFile?: string;
}

/** An anchor every this many entries (and at close and after each successful verify). */
export const ANCHOR_EVERY = 100;

export function auditSealPaths(options: StoreOptions, env: NodeJS.ProcessEnv = process.env): AuditSealPaths {
  let keyFile: string | undefined;
  let anchorFile: string | undefined;
  if (options.url) {
    const dir = env.MEDCODER_AUDIT_DIR || env.MEDCODER_DATA || resolve('data');
    keyFile = join(dir, 'audit.key');
    anchorFile = join(
      dir,
      `audit-anchors.${fileSafe(databaseName(options.url))}.${options.schema ?? 'public'}.jsonl`,
    );
  } else {
    const dataDir = options.dataDir ?? resolve('data');
    if (dataDir.startsWith('memory://')) return {};
    keyFile = join(dataDir, 'audit.key');
    anchorFile = join(dataDir, 'audit-anchors.jsonl');
  }
  return {
    keyFile: env.MEDCODER_AUDIT_KEY_FILE || keyFile,
    anchorFile: env.MEDCODER_AUDIT_ANCHOR_FILE || anchorFile,
  };
}

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  } catch {
    return 'postgres';
  }
}

function fileSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_');
}

export class AuditSeal {
  readonly anchors: AnchorLog;
  #key: AuditKey | undefined;
  #pending = 0;
  /** Per lane, the last position anchored (read from the anchor file on first use). */
  #lastAnchored: Map<number, number> | undefined;
  #anchoring: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(
    /** The store itself (never a transaction): anchors name only committed entries. */
    private readonly base: Kysely<Database>,
    readonly paths: AuditSealPaths,
    readonly anchorEvery = ANCHOR_EVERY,
  ) {
    this.anchors = paths.anchorFile ? fileAnchorLog(paths.anchorFile) : memoryAnchorLog();
  }

  get keyLocation(): string {
    return this.paths.keyFile ?? '(in memory)';
  }

  /**
   * The key, read from its file on first use. With `create`, a missing file is created (0600) —
   * unless the log already holds keyed entries: a new key would make them unverifiable, so the
   * append is refused until the right file is restored.
   */
  async key(db: Kysely<Database>, create: true): Promise<AuditKey>;
  async key(db: Kysely<Database>, create: false): Promise<AuditKey | undefined>;
  async key(db: Kysely<Database>, create: boolean): Promise<AuditKey | undefined> {
    if (this.#key) return this.#key;
    const path = this.paths.keyFile;
    if (!path) {
      this.#key = ephemeralKey();
      return this.#key;
    }
    const found = readKeyFile(path);
    if (found) {
      this.#key = found;
      return found;
    }
    if (!create) return undefined;
    const keyed = await db
      .selectFrom('audit_log')
      .select('id')
      .where('mac', 'is not', null)
      .limit(1)
      .execute();
    if (keyed.length > 0)
      throw new AuditKeyError(
        `the audit key file ${path} is missing but the audit log already holds keyed entries: restore that file (a new key would leave them unverifiable)`,
      );
    this.#key = createKeyFile(path);
    return this.#key;
  }

  /** Counts entries appended; true when an anchor is due. */
  noteAppended(n: number): boolean {
    this.#pending += n;
    return this.#pending >= this.anchorEvery;
  }

  /**
   * Writes the committed head of each lane that moved since its last anchor to the anchor file
   * (together, one sync); the anchors written. Reads through the store, not a transaction, so it
   * never anchors an entry that may still roll back. Calls run one after another.
   */
  anchor(): Promise<Anchor[]> {
    const next = this.#anchoring.then(() => this.#anchorOnce());
    this.#anchoring = next.catch(() => {});
    return next;
  }

  /** An anchor once the caller's transaction has had a chance to commit. */
  anchorSoon(): void {
    setImmediate(() => {
      // After close, the store is gone; close() anchored what was pending.
      if (!this.#closed) this.anchor().catch((e) => warn(e));
    });
  }

  async #anchorOnce(): Promise<Anchor[]> {
    if (!this.#lastAnchored) {
      const last = new Map<number, number>();
      for (const a of this.anchors.read().anchors)
        last.set(anchorLane(a), Math.max(a.seq, last.get(anchorLane(a)) ?? 0));
      this.#lastAnchored = last;
    }
    const lastAnchored = this.#lastAnchored;
    this.#pending = 0;
    const time = new Date().toISOString();
    const fresh: Anchor[] = (await laneHeads(this.base))
      .filter((h) => h.seq > (lastAnchored.get(h.lane) ?? 0))
      .map((h) =>
        h.lane === 0 ? { seq: h.seq, mac: h.mac, time } : { lane: h.lane, seq: h.seq, mac: h.mac, time },
      );
    if (fresh.length === 0) return [];
    await this.anchors.append(fresh);
    for (const a of fresh) lastAnchored.set(anchorLane(a), a.seq);
    return fresh;
  }

  /** At shutdown: anchor what this process appended since the last anchor. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#anchoring;
    if (this.#pending > 0) await this.anchor().catch((e) => warn(e));
  }
}

/**
 * The keyed head (last position and MAC) of every lane that has one, lane by lane. The lanes are
 * found by skipping through the (lane, seq) index — one probe a lane — rather than assumed to be
 * 0..AUDIT_LANES-1, so a lane written under another lane count is anchored too.
 */
async function laneHeads(db: Kysely<Database>): Promise<Array<{ lane: number; seq: number; mac: string }>> {
  const { rows } = await sql<{ lane: number; seq: string | number; mac: string }>`
    WITH RECURSIVE lanes(lane) AS (
      SELECT min(lane) FROM audit_log WHERE seq IS NOT NULL
      UNION ALL
      SELECT (SELECT min(a.lane) FROM audit_log a WHERE a.lane > l.lane AND a.seq IS NOT NULL)
      FROM lanes l WHERE l.lane IS NOT NULL
    )
    SELECT l.lane, h.seq, h.mac FROM lanes l
    CROSS JOIN LATERAL (
      SELECT a.seq, a.mac FROM audit_log a
      WHERE a.lane = l.lane AND a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1
    ) h
    ORDER BY l.lane`.execute(db);
  return rows.filter((r) => r.mac).map((r) => ({ lane: Number(r.lane), seq: Number(r.seq), mac: r.mac }));
}

function warn(e: unknown): void {
  process.emitWarning(`could not write an audit anchor: ${(e as Error).message}`, 'AuditAnchorWarning');
}

// Keyed by the Kysely instance's dialect adapter, which its transactions share.
const seals = new WeakMap<object, AuditSeal>();

/** Binds a seal to a freshly opened store; its close() writes a last anchor first. */
export function sealStore(store: Store, options: StoreOptions, env: NodeJS.ProcessEnv = process.env): Store {
  const seal = new AuditSeal(store.db, auditSealPaths(options, env));
  seals.set(store.db.getExecutor().adapter, seal);
  return {
    ...store,
    async close() {
      try {
        await seal.close();
      } finally {
        await store.close();
      }
    },
  };
}

/** Refuses a key that is not the one the chain's newest keyed entry was sealed with. */
export function assertSealedWith(key: AuditKey, headKeyId: string | null): void {
  if (headKeyId && headKeyId !== key.id)
    throw new AuditKeyError(
      `the audit key in ${key.path} (${key.id}) is not the key the audit log was sealed with (${headKeyId}): restore the right key file`,
    );
}

/**
 * For start-up (the server): loads the key, creating it for a log that has no keyed entries
 * yet, and checks it is the chain's key, so a missing or replaced key file stops the start with
 * the reason instead of failing every audited request afterwards.
 */
export async function checkAuditKey(db: Kysely<Database>): Promise<void> {
  const key = await auditSealOf(db).key(db, true);
  const head = await db
    .selectFrom('audit_log')
    .select('key_id')
    .where('key_id', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  assertSealedWith(key, head?.key_id ?? null);
}

export function auditSealOf(db: Kysely<Database>): AuditSeal {
  const seal = seals.get(db.getExecutor().adapter);
  if (!seal) throw new AuditKeyError('this store was not opened by openStore, so its audit log has no key');
  return seal;
}

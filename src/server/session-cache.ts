import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { findSession, type Session } from '../workflow/accounts.js';

/**
 * Sessions remembered in memory for a few seconds, so a coder's burst of requests (open an
 * encounter, search as they type, save) costs one session lookup in the store instead of one per
 * request. Logging out forgets the session at once in this process; anything else that ends a
 * session in the store (another server process, a deactivated account) takes effect within
 * `ttlMs`, which is why the TTL is short. A cached session never outlives its own expiry.
 *
 * A session in use is re-read in the background once its entry is half way through the TTL,
 * while requests go on being answered from memory; a request waits for the store only for a
 * session it has not seen for a whole TTL. Waiting was the slowest thing a busy coder's request
 * did: on the embedded store the lookup queues behind every transaction in flight, and then the
 * request queued again for its own work, twice the wait. And when an entry expired, every request
 * that arrived during that lookup missed too and ran a lookup of its own (50 coders' load: the
 * slowest 2% of saves, at twice the median). Lookups of one token in flight are shared.
 */
export interface SessionCacheOptions {
  ttlMs?: number;
  /** Entries kept at most; the oldest are dropped first (bounds memory under token spraying). */
  maxEntries?: number;
  now?: () => number;
  /** Reads a session from the store (tests count or hold the reads). */
  lookup?: (db: Kysely<Database>, token: string) => Promise<Session | undefined>;
}

interface Entry {
  session: Session;
  /** Served until then: read from the store at most a TTL before, and never past its expiry. */
  until: number;
  /** From then on, a request starts a background re-read. */
  refreshAt: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class SessionCache {
  readonly #db: Kysely<Database>;
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #lookup: NonNullable<SessionCacheOptions['lookup']>;
  // Keyed by the token's sha256 (the store's key), never the token itself.
  readonly #entries = new Map<string, Entry>();
  // Reads in flight, by the same key: one read per token however many requests want it.
  readonly #reads = new Map<string, Promise<Session | undefined>>();

  constructor(db: Kysely<Database>, options: SessionCacheOptions = {}) {
    this.#db = db;
    this.#ttlMs = options.ttlMs ?? 5000;
    this.#max = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#lookup = options.lookup ?? findSession;
  }

  /** The live session for a cookie token, from memory when fresh, else from the store. */
  async find(token: string): Promise<Session | undefined> {
    if (!token || token.length > 100) return undefined;
    const key = sha256(token);
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) {
      // A failed background read changes nothing: the entry still expires at `until`.
      if (now >= hit.refreshAt && !this.#reads.has(key)) this.#read(key, token).catch(() => {});
      return hit.session;
    }
    this.#entries.delete(key);
    return this.#reads.get(key) ?? this.#read(key, token);
  }

  /** Reads the session from the store and remembers it; shared by every caller meanwhile. */
  #read(key: string, token: string): Promise<Session | undefined> {
    const started = this.#now();
    const read = this.#lookup(this.#db, token).then(
      (session) => {
        // Forgotten (logged out) while the read was in flight: what it read is not remembered.
        if (this.#reads.get(key) !== read) return session;
        this.#reads.delete(key);
        this.#remember(key, session, started);
        return session;
      },
      (err: unknown) => {
        if (this.#reads.get(key) === read) this.#reads.delete(key);
        throw err;
      },
    );
    this.#reads.set(key, read);
    return read;
  }

  #remember(key: string, session: Session | undefined, readAt: number): void {
    this.#entries.delete(key);
    // Only sessions that exist are cached: an unknown token always goes to the store, so a
    // session created by another process is seen at once; one ended there is dropped here.
    if (!session) return;
    // The TTL counts from when the read started: what it saw is at least that old.
    const until = Math.min(readAt + this.#ttlMs, session.expiresAt.getTime());
    if (until <= this.#now()) return;
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { session, until, refreshAt: readAt + this.#ttlMs / 2 });
  }

  /** Forgets a session (logout), so the next request with its cookie is refused. */
  forget(idHash: string): void {
    this.#entries.delete(idHash);
    this.#reads.delete(idHash);
  }

  get size(): number {
    return this.#entries.size;
  }
}

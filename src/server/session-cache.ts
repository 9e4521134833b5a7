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
 */
export interface SessionCacheOptions {
  ttlMs?: number;
  /** Entries kept at most; the oldest are dropped first (bounds memory under token spraying). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  session: Session;
  until: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class SessionCache {
  readonly #db: Kysely<Database>;
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  // Keyed by the token's sha256 (the store's key), never the token itself.
  readonly #entries = new Map<string, Entry>();

  constructor(db: Kysely<Database>, options: SessionCacheOptions = {}) {
    this.#db = db;
    this.#ttlMs = options.ttlMs ?? 5000;
    this.#max = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The live session for a cookie token, from memory when fresh, else from the store. */
  async find(token: string): Promise<Session | undefined> {
    if (!token || token.length > 100) return undefined;
    const key = sha256(token);
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.session;
    this.#entries.delete(key);
    const session = await findSession(this.#db, token);
    // Only sessions that exist are cached: an unknown token always goes to the store, so a
    // session created by another process is seen at once.
    if (session) {
      const until = Math.min(now + this.#ttlMs, session.expiresAt.getTime());
      if (this.#entries.size >= this.#max) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      this.#entries.set(key, { session, until });
    }
    return session;
  }

  /** Forgets a session (logout), so the next request with its cookie is refused. */
  forget(idHash: string): void {
    this.#entries.delete(idHash);
  }

  get size(): number {
    return this.#entries.size;
  }
}

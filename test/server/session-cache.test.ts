import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/server/session-cache.js';
import type { Store } from '../../src/store/index.js';
import {
  createSession,
  createUser,
  deleteSession,
  findSession,
  type PublicUser,
} from '../../src/workflow/accounts.js';
import { openScratch, scratchStores } from '../support/stores.js';

describe('SessionCache', () => {
  let store: Store;
  let user: PublicUser;
  beforeAll(async () => {
    store = await openScratch(scratchStores()[0]!);
    user = await createUser(store.db, {
      username: 'coder',
      password: 'correct horse battery',
      role: 'coder',
    });
  });
  afterAll(() => store?.close());

  it('answers from memory within the TTL, from the store after it, and forgets on logout', async () => {
    let now = Date.now();
    const cache = new SessionCache(store.db, { ttlMs: 5000, now: () => now });
    const { token } = await createSession(store.db, user, null);
    const first = await cache.find(token);
    expect(first?.user.username).toBe('coder');
    // Deleted in the store behind the cache's back (another process): still cached for the TTL...
    await deleteSession(store.db, first!.idHash);
    expect(await cache.find(token)).toBeDefined();
    // ...and gone once the TTL has passed.
    now += 5001;
    expect(await cache.find(token)).toBeUndefined();

    const second = await createSession(store.db, user, null);
    const s = await cache.find(second.token);
    cache.forget(s!.idHash);
    await deleteSession(store.db, s!.idHash);
    expect(await cache.find(second.token)).toBeUndefined();
  });

  it('never serves a session past its own expiry, nor caches unknown tokens', async () => {
    let now = Date.now();
    const cache = new SessionCache(store.db, { ttlMs: 3_600_000, now: () => now });
    const short = await createSession(store.db, user, null, 1 / 3600); // one second
    expect(await cache.find(short.token)).toBeDefined();
    now = short.expires.getTime() + 1;
    await new Promise((r) => setTimeout(r, 1100)); // the store's own check uses the real clock
    expect(await cache.find(short.token)).toBeUndefined();
    expect(await cache.find('no-such-token')).toBeUndefined();
    expect(await cache.find('x'.repeat(101))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries sessions', async () => {
    const cache = new SessionCache(store.db, { maxEntries: 2 });
    for (let i = 0; i < 4; i++) await cache.find((await createSession(store.db, user, null)).token);
    expect(cache.size).toBe(2);
  });

  /** A lookup that counts store reads and holds each until `release()`. */
  function heldLookup() {
    const open = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      return { promise, resolve };
    };
    let gate = open();
    const held = {
      reads: 0,
      lookup: async (...args: Parameters<typeof findSession>) => {
        held.reads++;
        await gate.promise;
        return findSession(...args);
      },
      release() {
        gate.resolve();
        gate = open();
      },
    };
    return held;
  }
  const settled = () => new Promise((r) => setTimeout(r, 20));
  const PENDING = Symbol('pending');
  const answeredNow = <T>(p: Promise<T>) => Promise.race([p, settled().then(() => PENDING)]);

  it('shares one store read among the requests that arrive while it is in flight', async () => {
    const held = heldLookup();
    const cache = new SessionCache(store.db, { lookup: held.lookup });
    const { token } = await createSession(store.db, user, null);
    const finds = Array.from({ length: 20 }, () => cache.find(token));
    await settled();
    held.release();
    const sessions = await Promise.all(finds);
    expect(held.reads).toBe(1);
    expect(sessions.every((s) => s?.user.username === 'coder')).toBe(true);
  });

  it('re-reads a session in use half way through the TTL without making requests wait', async () => {
    let now = Date.now();
    const held = heldLookup();
    const cache = new SessionCache(store.db, { ttlMs: 5000, now: () => now, lookup: held.lookup });
    const { token } = await createSession(store.db, user, null);
    const first = cache.find(token);
    held.release();
    const session = await first;
    expect(held.reads).toBe(1);

    // Past half the TTL: answered from memory at once while one re-read runs behind it.
    now += 3000;
    expect(await answeredNow(cache.find(token))).toEqual(session);
    expect(await answeredNow(cache.find(token))).toEqual(session);
    expect(held.reads).toBe(2);
    held.release();
    await settled();
    // The re-read at +3000 keeps the entry until +8000: at +6000, past the first read's TTL, the
    // request is still answered at once (and, past the new half-way mark, starts the next re-read).
    now += 3000;
    expect(await answeredNow(cache.find(token))).toEqual(session);
    expect(held.reads).toBe(3);

    // A session ended in the store is dropped by the re-read that finds it gone.
    await deleteSession(store.db, session!.idHash);
    held.release();
    await settled();
    expect(cache.size).toBe(0);
    const after = cache.find(token);
    held.release();
    expect(await after).toBeUndefined();
  });

  it('does not remember what a read in flight at logout found', async () => {
    const held = heldLookup();
    const cache = new SessionCache(store.db, { lookup: held.lookup });
    const { token } = await createSession(store.db, user, null);
    const reading = cache.find(token);
    await settled();
    const idHash = (await findSession(store.db, token))!.idHash;
    cache.forget(idHash);
    held.release();
    await reading;
    expect(cache.size).toBe(0);
    const next = cache.find(token);
    held.release();
    await next;
    expect(held.reads).toBe(2);
  });
});

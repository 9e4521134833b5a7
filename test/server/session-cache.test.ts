import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/server/session-cache.js';
import type { Store } from '../../src/store/index.js';
import { createSession, createUser, deleteSession, type PublicUser } from '../../src/workflow/accounts.js';
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
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { createUser } from '../../src/workflow/accounts.js';
import { LOCKOUT, lockWindowMs, recordLoginFailure } from '../../src/workflow/lockout.js';
import { attemptLogin } from '../../src/workflow/login.js';
import { openScratch, scratchStores } from '../support/stores.js';

describe('lockout window', () => {
  it('is none below the threshold, then doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => lockWindowMs(n))).toEqual([0, 0, 0, 0]);
    expect(lockWindowMs(5)).toBe(LOCKOUT.baseMs);
    expect(lockWindowMs(6)).toBe(2 * LOCKOUT.baseMs);
    expect(lockWindowMs(8)).toBe(8 * LOCKOUT.baseMs);
    expect(lockWindowMs(12)).toBe(LOCKOUT.maxMs);
    expect(lockWindowMs(10_000)).toBe(LOCKOUT.maxMs);
  });
});

const PASSWORD = 'lockout test passphrase';

describe.each(scratchStores())('per-account lockout ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
    await createUser(store.db, { username: 'locky', password: PASSWORD, role: 'coder' });
    await createUser(store.db, { username: 'racer', password: PASSWORD, role: 'coder' });
  }, 60_000);
  afterAll(async () => store?.close());

  const audit = (username: string) =>
    store.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'detail'])
      .where('username', '=', username)
      .orderBy('id')
      .execute();

  it('locks after 5 failures, refuses even the right password while locked, doubles, and a success resets', async () => {
    const t0 = new Date('2026-01-01T10:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < 4; i++)
      expect(await attemptLogin(store.db, 'locky', 'wrong guess', null, t0)).toEqual({
        ok: false,
        reason: 'bad_credentials',
      });
    expect(await attemptLogin(store.db, 'locky', 'wrong guess', null, t0)).toEqual({
      ok: false,
      reason: 'bad_credentials',
    });
    const locked = await attemptLogin(store.db, 'LOCKY', PASSWORD, null, at(30_000));
    expect(locked).toEqual({ ok: false, reason: 'locked', until: at(LOCKOUT.baseMs) });
    // After the window, a wrong guess locks again for twice as long.
    expect((await attemptLogin(store.db, 'locky', 'wrong guess', null, at(61_000))).ok).toBe(false);
    const again = await attemptLogin(store.db, 'locky', PASSWORD, null, at(62_000));
    expect(again).toEqual({ ok: false, reason: 'locked', until: at(61_000 + 2 * LOCKOUT.baseMs) });
    // Once it runs out the right password works and clears the count.
    const ok = await attemptLogin(store.db, 'locky', PASSWORD, null, at(61_000 + 2 * LOCKOUT.baseMs + 1));
    expect(ok.ok).toBe(true);
    const row = await store.db
      .selectFrom('app_user')
      .select(['failed_logins', 'locked_until'])
      .where('username', '=', 'locky')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });

    const entries = await audit('locky');
    expect(entries.map((e) => e.action)).toEqual([
      ...Array(5).fill('login-failed'),
      'lock',
      'login-refused',
      'login-failed',
      'lock',
      'login-refused',
      'login',
    ]);
    expect(JSON.parse(entries[5]!.detail)).toEqual({
      failures: 5,
      lockedUntil: at(LOCKOUT.baseMs).toISOString(),
    });
  });

  it('counts concurrent failures each once (the count is taken under the row lock)', async () => {
    const { id } = await store.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'racer')
      .executeTakeFirstOrThrow();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => recordLoginFailure(store.db, id)));
    expect(outcomes.map((o) => o.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('an unknown or disabled account fails like a wrong password and is audit-logged', async () => {
    expect(await attemptLogin(store.db, 'nobody', PASSWORD, '10.0.0.1')).toEqual({
      ok: false,
      reason: 'bad_credentials',
    });
    await store.db.updateTable('app_user').set({ active: false }).where('username', '=', 'racer').execute();
    expect(await attemptLogin(store.db, 'racer', PASSWORD, null)).toEqual({
      ok: false,
      reason: 'bad_credentials',
    });
    expect((await audit('nobody')).map((e) => JSON.parse(e.detail).reason)).toEqual(['unknown-user']);
    expect((await audit('racer')).at(-1)).toMatchObject({ action: 'login-failed' });
    expect(JSON.parse((await audit('racer')).at(-1)!.detail).reason).toBe('disabled');
  });
});

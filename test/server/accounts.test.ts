import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT } from '../../src/workflow/lockout.js';
import { scratchStores } from '../support/stores.js';
import { call, login, PASSWORD, type Session, type TestApp, testApp } from './harness.js';

/**
 * Account management through the API: the admin's actions (create, disable/enable, role,
 * password reset) and their effect on live sessions, one's own password change, the password
 * policy at every door, the per-account lockout, and an audit row for each action and refusal.
 */
describe.each(scratchStores())('accounts ($name)', (spec) => {
  let t: TestApp;
  let admin: Session;
  let coder: Session;

  beforeAll(async () => {
    t = await testApp(spec);
    admin = await login(t.app, 'admin');
    coder = await login(t.app, 'coder');
  }, 120_000);
  afterAll(async () => t?.close());

  const auditOf = (action: string) =>
    t.store.db
      .selectFrom('audit_log')
      .select(['username', 'entity_type', 'entity_id', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  const create = (username: string, password: string, role = 'coder') =>
    call(t.app, admin, 'POST', '/api/users', { username, password, role });

  it('lists accounts with their state for an admin only; a coder is refused and audit-logged', async () => {
    const list = await call(t.app, admin, 'GET', '/api/users');
    expect(list.statusCode).toBe(200);
    expect(list.json().users.find((u: { username: string }) => u.username === 'coder')).toMatchObject({
      role: 'coder',
      active: true,
      lockedUntil: null,
      failedLogins: 0,
    });
    for (const [method, url, body] of [
      ['GET', '/api/users', undefined],
      ['POST', '/api/users', { username: 'sneaky', password: 'a fine long password', role: 'admin' }],
      ['POST', `/api/users/${admin.userId}/disable`, undefined],
      ['PUT', `/api/users/${coder.userId}/role`, { role: 'admin' }],
      ['PUT', `/api/users/${admin.userId}/password`, { password: 'a fine long password' }],
    ] as const) {
      const res = await call(t.app, coder, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const refused = (await auditOf('refused')).filter((r) => r.username === 'coder');
    expect(refused.map((r) => JSON.parse(r.detail).route)).toEqual([
      '/api/users',
      '/api/users',
      '/api/users/:id/disable',
      '/api/users/:id/role',
      '/api/users/:id/password',
    ]);
  });

  it('creating an account applies the password policy', async () => {
    for (const [password, why] of [
      ['1111111111', /at least 12/],
      ['111111111111', /repeated/],
      ['1234567890123', /sequence/],
      ['newbie-is-my-name', /username/],
      ['Password2024!', /common/],
    ] as const) {
      const res = await create('newbie', password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'weak_password', field: 'password' });
      expect(res.json().error.message).toMatch(why);
    }
    const ok = await create('newbie', 'mangrove lantern quietly');
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await auditOf('create')).at(-1)).toMatchObject({ username: 'admin', entity_type: 'user' });
  });

  it('disabling ends the sessions at once and stops logins; enabling lets the account back in', async () => {
    const newbie = await login(t.app, 'newbie', 'mangrove lantern quietly');
    const off = await call(t.app, admin, 'POST', `/api/users/${newbie.userId}/disable`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().users.find((u: { id: number }) => u.id === newbie.userId).active).toBe(false);
    expect((await call(t.app, newbie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await expect(login(t.app, 'newbie', 'mangrove lantern quietly')).rejects.toThrow(/401/);
    const on = await call(t.app, admin, 'POST', `/api/users/${newbie.userId}/enable`);
    expect(on.statusCode).toBe(200);
    await login(t.app, 'newbie', 'mangrove lantern quietly');
    const [disable] = await auditOf('disable');
    expect(disable).toMatchObject({
      username: 'admin',
      entity_type: 'user',
      entity_id: String(newbie.userId),
    });
    expect(JSON.parse(disable!.detail)).toEqual({
      username: 'newbie',
      from: true,
      to: false,
      endedSessions: 1,
    });
    expect(await auditOf('enable')).toHaveLength(1);
  });

  it('a role change applies at once (the old session ends) and is audit-logged', async () => {
    const newbie = await login(t.app, 'newbie', 'mangrove lantern quietly');
    const res = await call(t.app, admin, 'PUT', `/api/users/${newbie.userId}/role`, { role: 'biller' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await call(t.app, newbie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await login(t.app, 'newbie', 'mangrove lantern quietly');
    expect((await call(t.app, again, 'GET', '/api/auth/me')).json().user.role).toBe('biller');
    expect(JSON.parse((await auditOf('role-change'))[0]!.detail)).toMatchObject({
      from: 'coder',
      to: 'biller',
    });
  });

  it('the last active admin cannot be disabled or demoted', async () => {
    const off = await call(t.app, admin, 'POST', `/api/users/${admin.userId}/disable`);
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('last_admin');
    const demote = await call(t.app, admin, 'PUT', `/api/users/${admin.userId}/role`, { role: 'coder' });
    expect(demote.statusCode).toBe(409);
    expect((await call(t.app, admin, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('an admin reset applies the policy, ends sessions and clears a lockout', async () => {
    const newbie = await login(t.app, 'newbie', 'mangrove lantern quietly');
    const { userId } = newbie;
    const weak = await call(t.app, admin, 'PUT', `/api/users/${userId}/password`, { password: '1234567890' });
    expect(weak.statusCode).toBe(400);
    for (let i = 0; i < LOCKOUT.threshold; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'newbie', password: 'not the password' },
      });
    const reset = await call(t.app, admin, 'PUT', `/api/users/${userId}/password`, {
      password: 'orchard window copper',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await call(t.app, newbie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await expect(login(t.app, 'newbie', 'mangrove lantern quietly')).rejects.toThrow(/401/);
    await login(t.app, 'newbie', 'orchard window copper');
    expect(await auditOf('password-reset')).toHaveLength(1);
  });

  it('locks an account after repeated failures: 429 even with the right password, audit-logged', async () => {
    const codes: number[] = [];
    for (let i = 0; i < LOCKOUT.threshold; i++)
      codes.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'auditor', password: 'wrong password!' },
          })
        ).statusCode,
      );
    expect(codes).toEqual(Array(LOCKOUT.threshold).fill(401));
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'auditor', password: PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect((await auditOf('lock')).at(-1)).toMatchObject({ username: 'auditor', entity_type: 'user' });
    expect((await auditOf('login-refused')).at(-1)).toMatchObject({ username: 'auditor' });
    const list = await call(t.app, admin, 'GET', '/api/users');
    expect(
      list.json().users.find((u: { username: string }) => u.username === 'auditor').lockedUntil,
    ).not.toBeNull();
    // An admin lifts it; the unlock is audit-logged with what it lifted.
    const { id } = list.json().users.find((u: { username: string }) => u.username === 'auditor');
    const unlocked = await call(t.app, admin, 'POST', `/api/users/${id}/unlock`);
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().users.find((u: { id: number }) => u.id === id)).toMatchObject({
      lockedUntil: null,
      failedLogins: 0,
    });
    expect(JSON.parse((await auditOf('unlock'))[0]!.detail)).toMatchObject({
      username: 'auditor',
      failures: LOCKOUT.threshold,
    });
    await login(t.app, 'auditor');
    expect((await call(t.app, coder, 'POST', `/api/users/${id}/unlock`)).statusCode).toBe(403);
  });

  it('a user changes their own password: the current one is required, the policy applies, other sessions end', async () => {
    const elsewhere = await login(t.app, 'biller');
    const here = await login(t.app, 'biller');
    const wrong = await call(t.app, here, 'POST', '/api/auth/password', {
      currentPassword: 'not my password',
      password: 'bright meadow lantern',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('wrong_password');
    const refusal = (await auditOf('refused')).at(-1)!;
    expect(refusal.username).toBe('biller');
    expect(JSON.parse(refusal.detail)).toMatchObject({
      route: '/api/auth/password',
      reason: 'wrong-current-password',
    });
    // The wrong guess counts toward the lockout like a failed login.
    const row = await t.store.db
      .selectFrom('app_user')
      .select('failed_logins')
      .where('username', '=', 'biller')
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(1);
    const weak = await call(t.app, here, 'POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      password: 'biller biller biller',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/username/);
    const ok = await call(t.app, here, 'POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      password: 'bright meadow lantern',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(t.app, here, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(t.app, elsewhere, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await login(t.app, 'biller', 'bright meadow lantern');
    expect((await auditOf('password-change')).at(-1)).toMatchObject({
      username: 'biller',
      entity_type: 'user',
    });
  });
});

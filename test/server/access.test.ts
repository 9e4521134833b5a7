import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/workflow/accounts.js';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * Walks the whole route table: every route except health, login and the web app's files must
 * answer 401 without a session, 403 to a role it does not list, and (for changes) 403 without
 * the CSRF header — all before the body is even validated.
 */
const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login', 'GET /*']);

const concrete = (url: string) =>
  url.replace(/:id/g, '1').replace(/:code/g, 'E11.9').replace(/\*$/, 'index.html');

describe.each(scratchStores())('access control on every route ($name)', (spec) => {
  let t: TestApp;
  const sessions: Record<string, Session> = {};
  beforeAll(async () => {
    t = await testApp(spec);
    for (const role of ROLES) sessions[role] = await login(t.app, role);
  }, 120_000);
  afterAll(async () => t?.close());

  it('every API route declares a schema and roles; only health and login are public', () => {
    const table = t.app.routeTable;
    expect(table.length).toBeGreaterThan(25);
    for (const r of table) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.has(key)) expect(r.auth, key).toBe('public');
      else expect(r.auth, key).not.toBe('public');
    }
  });

  it('unauthenticated → 401 on every non-public route', async () => {
    let checked = 0;
    for (const r of t.app.routeTable) {
      if (PUBLIC.has(`${r.method} ${r.url}`)) continue;
      const res = await call(
        t.app,
        null,
        r.method as 'GET',
        concrete(r.url),
        r.method === 'GET' ? undefined : {},
      );
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('a forged or expired cookie is 401 too', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/encounters',
      headers: { cookie: 'medcoder_session=forged' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('wrong role → 403 on every route that does not list the role', async () => {
    let checked = 0;
    for (const r of t.app.routeTable) {
      if (r.auth === 'public' || !r.auth || typeof r.auth !== 'object') continue;
      const roles = (r.auth as { roles: readonly string[] }).roles;
      for (const role of ROLES.filter((x) => !roles.includes(x))) {
        const res = await call(
          t.app,
          sessions[role]!,
          r.method as 'GET',
          concrete(r.url),
          r.method === 'GET' ? undefined : {},
        );
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('missing or wrong CSRF header → 403 on every state-changing route, even for an allowed role', async () => {
    let checked = 0;
    for (const r of t.app.routeTable) {
      if (r.method === 'GET' || r.auth === 'public' || typeof r.auth !== 'object') continue;
      const role = (r.auth as { roles: readonly string[] }).roles[0]!;
      const s = sessions[role]!;
      for (const header of [undefined, 'wrong-token']) {
        const res = await t.app.inject({
          method: r.method as 'POST',
          url: concrete(r.url),
          headers: { cookie: s.cookie, ...(header ? { 'x-csrf-token': header } : {}) },
          payload: {},
        });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
        expect(res.json().error.code).toBe('csrf');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('public routes answer without a session; the OpenAPI document lists the API', async () => {
    const health = await call(t.app, null, 'GET', '/api/health');
    expect(health.json()).toEqual({ ok: true, store: spec.name });
    const docs = await call(t.app, sessions.coder!, 'GET', '/api/docs/json');
    expect(docs.statusCode).toBe(200);
    const paths = Object.keys(docs.json().paths);
    expect(paths).toContain('/api/encounters/{id}/codes');
    expect(paths).toContain('/api/remits');
  });

  it('logout ends the session server-side', async () => {
    const s = await login(t.app, 'coder');
    expect((await call(t.app, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await call(t.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  it('the 4th attempt in a minute from one address is refused with 429, without checking the password', async () => {
    const t = await testApp(scratchStores()[0]!, { loginRateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'coder', password: 'wrong password' },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  }, 60_000);
});

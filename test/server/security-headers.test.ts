import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import type { Store } from '../../src/store/index.js';
import { createUser } from '../../src/workflow/accounts.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { call, login, PASSWORD, testEngines } from './harness.js';

/**
 * Every answer carries the browser-side defences (CSP without inline scripts, no framing,
 * nosniff, no referrer), and every /api answer — patient data — is never cached.
 */
function expectBrowserDefences(res: LightMyRequestResponse): void {
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
}

describe('security headers', () => {
  let dist: string;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'medcoder-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")');
    store = await openScratch(scratchStores()[0]!);
    app = await buildServer({ store, engines: await testEngines(), webDist: dist });
    await createUser(store.db, { username: 'coder', password: PASSWORD, role: 'coder' });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('API answers: defences and no-store, whether served, refused or unknown', async () => {
    const session = await login(app, 'coder');
    const answers = [
      await call(app, session, 'GET', '/api/encounters'),
      await call(app, null, 'GET', '/api/encounters'),
      await call(app, session, 'GET', '/api/users'),
      await call(app, session, 'GET', '/api/no-such-route'),
      await call(app, null, 'GET', '/api/health'),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 403, 404, 200]);
    for (const res of answers) {
      expectBrowserDefences(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // The login answer carries the CSRF token: not cached either.
    const loginRes = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'coder', password: PASSWORD },
    });
    expect(loginRes.headers['cache-control']).toBe('no-store');
  });

  it('the web app: the same defences, and its files keep their own caching', async () => {
    const index = await app.inject({ method: 'GET', url: '/' });
    expectBrowserDefences(index);
    expect(index.headers['cache-control']).toBe('no-cache');
    const js = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expectBrowserDefences(js);
    expect(js.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('the API docs page may use inline styles, but still no inline scripts or framing', async () => {
    const session = await login(app, 'coder');
    const docs = await call(app, session, 'GET', '/api/docs/static/index.html');
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });
});

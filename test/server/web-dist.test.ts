import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import type { Store } from '../../src/store/index.js';
import { createUser } from '../../src/workflow/accounts.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { call, login, testEngines } from './harness.js';

/** The server serves a built web app (a tiny stand-in for web/dist) beside the API. */
const INDEX = '<!doctype html><title>workbench test</title><div id="root"></div>';

describe('web app at / (webDist)', () => {
  let dist: string;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'medcoder-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")');
    store = await openScratch(scratchStores()[0]!);
    app = await buildServer({ store, engines: await testEngines(), webDist: dist });
    await createUser(store.db, { username: 'coder', password: 'correct horse battery', role: 'coder' });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and files with their types, without a session', async () => {
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    expect(root.body).toBe(INDEX);
    const js = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toBe('console.log("app")');
  });

  it('falls back to index.html for client-side routes (SPA), never leaving the folder', async () => {
    for (const url of ['/encounters/12', '/claims?state=denied', '/deep/link/', '/..%2f..%2fetc%2fpasswd']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
    }
  });

  it('keeps /api 404s JSON, with or without a session', async () => {
    const anon = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    const s = await login(app, 'coder');
    for (const url of ['/api/nope', '/api/encounters/1/nothing', '/api']) {
      const res = await call(app, s, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/application\/json/);
      expect(res.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ ok: true });
  });

  it('without a webDist folder, / is a JSON error (unknown URLs need a session), not a page', async () => {
    const bare = await buildServer({ store, engines: await testEngines() });
    try {
      const res = await bare.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    } finally {
      await bare.close();
    }
  });
});

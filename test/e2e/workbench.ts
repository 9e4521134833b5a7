import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import type { ReasonCodeLists } from '../../src/remits/carc-rarc.js';
import { buildServer } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createUser } from '../../src/workflow/accounts.js';
import { type Engines, loadEngines } from '../../src/workflow/context.js';
import { importedStores, openScratch, type TestStoreSpec } from '../support/stores.js';

const root = resolve(import.meta.dirname, '..', '..');

export const PASSWORD = 'e2e correct horse battery';
export const USERS = ['admin', 'coder', 'biller'] as const;

export interface Workbench {
  baseUrl: string;
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/** Builds the web app as `npm run build:web` does, into a private folder so parallel runs never clash. */
async function buildWebApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'medcoder-e2e-web-'));
  // Vitest sets NODE_ENV=test, which would make Vite emit development JSX against React's
  // production runtime; build exactly as `npm run build:web` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

async function engines(): Promise<Engines> {
  const store = await openStore(importedStores()[0]!.options);
  try {
    return await loadEngines(store);
  } finally {
    await store.close();
  }
}

/**
 * The real server on an ephemeral loopback port, over an empty scratch store (in-memory PGlite,
 * or a fresh PostgreSQL schema; the engines come from the imported test store), serving a fresh
 * build of the web app, with one account per role the tests use.
 */
/** The day the browser tests file their claims (see startWorkbench). */
export const FILING_DATE = '2025-04-20';

export async function startWorkbench(
  spec: TestStoreSpec,
  options: { reasonCodes?: ReasonCodeLists } = {},
): Promise<Workbench> {
  const [webDist, loaded] = await Promise.all([buildWebApp(), engines()]);
  const store = await openScratch(spec);
  // The filing date the scrubber gate judges timely filing by: the tests' encounters are dated
  // in March-April 2025, so they are filed a few weeks later, whenever the suite runs.
  const app = await buildServer({
    store,
    engines: loaded,
    webDist,
    loginRateLimit: 1000,
    today: () => FILING_DATE,
    ...(options.reasonCodes ? { reasonCodes: options.reasonCodes } : {}),
  });
  for (const role of USERS) await createUser(store.db, { username: role, password: PASSWORD, role });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl: address,
    app,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(webDist, { recursive: true, force: true });
    },
  };
}

/** A signed-in API client for seeding, speaking to the server over HTTP as the browser does. */
export async function apiAs(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}

/** The synthetic demo note (diabetes with CKD, hypertension, insulin, history of colon cancer). */
export function demoNote(): string {
  return readFileSync(join(root, 'samples', 'demo-note.txt'), 'utf8');
}

/** Accepts every code still to review with its button, waiting for each save. */
export async function acceptPending(page: Page): Promise<void> {
  for (;;) {
    const pending = page.locator('.code-list > li[data-status=pending]');
    if ((await pending.count()) === 0) return;
    const code = await pending.first().getAttribute('data-code');
    await pending.first().getByRole('button', { name: 'Accept' }).click();
    await expect
      .poll(() => page.locator(`.code-list > li[data-code="${code}"]`).getAttribute('data-status'))
      .not.toBe('pending');
  }
}

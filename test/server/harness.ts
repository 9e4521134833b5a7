import type { FastifyInstance, InjectOptions } from 'fastify';
import type { ReasonCodeLists } from '../../src/remits/carc-rarc.js';
import { buildServer } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createUser } from '../../src/workflow/accounts.js';
import { type Engines, loadEngines } from '../../src/workflow/context.js';
import type { Practice } from '../../src/workflow/practice.js';
import { importedStores, openScratch, type TestStoreSpec } from '../support/stores.js';

/**
 * Test harness: the engines are loaded once per test file from the imported test store, and
 * each app gets its own empty scratch store (PGlite in memory, or a fresh PostgreSQL schema),
 * so tests can write freely. Requests go through app.inject (no ports).
 */
let engines: Promise<Engines> | undefined;

export function testEngines(): Promise<Engines> {
  engines ??= (async () => {
    const store = await openStore(importedStores()[0]!.options);
    try {
      return await loadEngines(store);
    } finally {
      await store.close();
    }
  })();
  return engines;
}

export const PASSWORD = 'correct horse battery';
export const ROLE_USERS = ['admin', 'supervisor', 'coder', 'biller', 'auditor', 'provider'] as const;

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

export async function testApp(
  spec: TestStoreSpec,
  options: {
    loginRateLimit?: number;
    today?: () => string;
    practice?: Practice;
    reasonCodes?: ReasonCodeLists;
  } = {},
): Promise<TestApp> {
  const store = await openScratch(spec);
  const app = await buildServer({
    store,
    engines: await testEngines(),
    loginRateLimit: options.loginRateLimit ?? 1000,
    today: options.today ?? (() => '2025-06-30'),
    ...(options.practice ? { practice: options.practice } : {}),
    ...(options.reasonCodes ? { reasonCodes: options.reasonCodes } : {}),
  });
  for (const role of ROLE_USERS) await createUser(store.db, { username: role, password: PASSWORD, role });
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: number;
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'medcoder_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    cookie: `medcoder_session=${cookie.value}`,
    csrf: res.json().csrfToken,
    userId: res.json().user.id,
  };
}

/** A request as the browser makes it: session cookie and, for changes, the CSRF header. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
}

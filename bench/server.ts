/**
 * Workbench server under load: autocannon, 50 concurrent connections on loopback for 30 s per
 * route, against the three routes a coder hits all day — code search (search-as-you-type),
 * suggest (the coding engine on a note, stored, audited) and save codes (validated against the
 * terminology, written with history and audit rows in one transaction). Each request is a
 * logged-in coder's (session cookie + CSRF header), so authentication and auditing are part of
 * every figure. Runs on the embedded store (a PGlite data folder) and, with DATABASE_URL, on
 * PostgreSQL (a throw-away schema). The engines load from the imported test store.
 *
 * Run: npx tsx bench/server.ts [--seconds 30] [--connections 50]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildServer } from '../src/server/app.js';
import { openStore, type Store, type StoreOptions } from '../src/store/index.js';
import { createUser } from '../src/workflow/accounts.js';
import { type Engines, loadEngines } from '../src/workflow/context.js';
import { DEMO_ENCOUNTERS } from '../src/workflow/demo/notes.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 30);
const CONNECTIONS = arg('connections', 50);
const ENCOUNTERS = 60;
const PASSWORD = 'bench password 123';
const SEARCHES = [
  'diabetes',
  'type 2 diabetes with ckd',
  'hypertens',
  'pneumonia',
  'fracture radius',
  'copd exac',
  'knee osteoarthritis',
  'atrial fib',
];

interface RouteFigures {
  route: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function prepare(store: Store, engines: Engines) {
  const app = await buildServer({ store, engines, loginRateLimit: 1000, secureCookies: false });
  await createUser(store.db, { username: 'benchcoder', password: PASSWORD, role: 'coder' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'benchcoder', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const ids: number[] = [];
  const saves = new Map<number, string>();
  const notes = DEMO_ENCOUNTERS.filter((d) => d.text);
  for (let i = 0; i < ENCOUNTERS; i++) {
    const d = notes[i % notes.length]!;
    const res = await fetch(`${address}/api/encounters`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        note: d.text,
        patient: { displayName: `Bench, Patient ${i}`, birthDate: d.birthDate, sex: d.sex },
        visit: { dateOfService: d.dateOfService, setting: d.setting, payer: d.payer },
      }),
    });
    const { id } = (await res.json()) as { id: number };
    const view = (await (
      await fetch(`${address}/api/encounters/${id}/suggest`, { method: 'POST', headers })
    ).json()) as {
      suggestion: { codes: Array<{ code: string }> };
    };
    const codes = view.suggestion.codes.map((c, k) => ({
      code: c.code,
      sequence: k + 1,
      status: k === 0 ? 'accepted' : 'rejected',
      proposed: c.code,
    }));
    ids.push(id);
    saves.set(id, JSON.stringify({ codes }));
  }
  return { app, address, headers, ids, saves };
}

async function load(
  address: string,
  headers: Record<string, string>,
  route: string,
  next: () => { method: 'GET' | 'POST' | 'PUT'; path: string; body?: string },
): Promise<RouteFigures> {
  const result = await autocannon({
    url: address,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }],
  });
  return {
    route,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function run(label: string, options: StoreOptions, engines: Engines): Promise<RouteFigures[]> {
  const store = await openStore(options);
  const { app, address, headers, ids, saves } = await prepare(store, engines);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const out: RouteFigures[] = [];
  try {
    out.push(
      await load(address, headers, 'GET /api/terminology/search', () => ({
        method: 'GET',
        path: `/api/terminology/search?q=${encodeURIComponent(pick(SEARCHES))}&limit=20`,
      })),
    );
    out.push(
      await load(address, headers, 'POST /api/encounters/:id/suggest', () => ({
        method: 'POST',
        path: `/api/encounters/${pick(ids)}/suggest`,
      })),
    );
    out.push(
      await load(address, headers, 'PUT /api/encounters/:id/codes', () => {
        const id = pick(ids);
        return { method: 'PUT', path: `/api/encounters/${id}/codes`, body: saves.get(id)! };
      }),
    );
    const { n } = await store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(`\n${label}: ${Number(n)} audit entries written`);
  } finally {
    await app.close();
    await store.close();
  }
  console.log('| store | route | requests | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const f of out)
    console.log(`| ${label} | ${f.route} | ${f.requests} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.errors} |`);
  return out;
}

// A PGlite folder must not be open in two processes: load the engines from a private copy.
const copy = mkdtempSync(join(tmpdir(), 'medcoder-bench-codesets-'));
cpSync(process.env.MEDCODER_DATA ?? resolve('.test-data', 'pglite'), copy, {
  recursive: true,
  filter: (p) => !/(postmaster\.pid|pg_internal\.init)$/.test(p),
});
const source = await openStore({ dataDir: copy });
const engines = await loadEngines(source).finally(async () => {
  await source.close();
  rmSync(copy, { recursive: true, force: true });
});
console.log(
  `engines loaded in ${engines.loadMs} ms; ${CONNECTIONS} connections, ${SECONDS} s per route, loopback`,
);

const dir = mkdtempSync(join(tmpdir(), 'medcoder-bench-server-'));
try {
  await run('PGlite', { dataDir: dir }, engines);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const schema = `bench_server_${process.pid}`;
  try {
    await run('PostgreSQL', { url: process.env.DATABASE_URL, schema }, engines);
  } finally {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}

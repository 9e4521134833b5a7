/**
 * Workbench server under load: autocannon, 50 concurrent connections on loopback for 30 s per
 * route, against the three routes a coder hits all day — code search (search-as-you-type),
 * suggest (the coding engine on a note, stored, audited) and save codes (validated against the
 * terminology, written with history and audit rows in one transaction). Each request is a
 * logged-in coder's (session cookie + CSRF header), so authentication and auditing are part of
 * every figure. Runs on the embedded store (a PGlite data folder) and, with DATABASE_URL, on
 * PostgreSQL (a throw-away schema). The engines load from the imported test store.
 *
 * Every response that is not 2xx is tallied by status and error code with one sample body, and
 * autocannon's own errors (connection resets, its 10 s timeout) are counted apart, so a failure
 * figure can be explained; the server logs errors (500s) to stderr. User and system CPU of this
 * process (server and load generator share it) are printed per route.
 *
 * Run: npx tsx bench/server.ts [--seconds 30] [--connections 50] [--only search,suggest,save]
 *      [--store pglite|postgres]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildServer } from '../src/server/app.js';
import { openStore, type Store, type StoreOptions } from '../src/store/index.js';
import { createUser } from '../src/workflow/accounts.js';
import { verifyAuditChain } from '../src/workflow/audit.js';
import { type Engines, loadEngines } from '../src/workflow/context.js';
import { DEMO_ENCOUNTERS } from '../src/workflow/demo/notes.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 30);
const CONNECTIONS = arg('connections', 50);
const ENCOUNTERS = 60;
const flag = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ONLY = new Set((flag('only') ?? 'search,suggest,save').split(','));
const STORES = new Set((flag('store') ?? 'pglite,postgres').split(','));
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
  max: number;
  errors: number;
  /** Non-2xx responses by "status code", with a sample body. */
  failures: Map<string, { n: number; sample: string }>;
  /** autocannon's own errors (resets, refused) and timeouts (no answer in 10 s). */
  socketErrors: number;
  timeouts: number;
  userCpuMs: number;
  systemCpuMs: number;
  /** Event-loop stalls (engine runs, PGlite's synchronous queries, GC): p99 and max in ms. */
  loopP99: number;
  loopMax: number;
}

async function prepare(store: Store, engines: Engines) {
  const app = await buildServer({
    store,
    engines,
    loginRateLimit: 1000,
    secureCookies: false,
    logger: { level: 'error' },
  });
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
  const failures = new Map<string, { n: number; sample: string }>();
  const cpu = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const result = await autocannon({
    url: address,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...next() }),
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) return;
          let code = '';
          try {
            code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
          } catch {}
          const key = `${status} ${code}`.trim();
          const f = failures.get(key) ?? { n: 0, sample: body.slice(0, 300) };
          f.n++;
          failures.set(key, f);
        },
      },
    ],
  });
  const used = process.cpuUsage(cpu);
  loop.disable();
  return {
    route,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    // autocannon counts a timeout in `errors` too: adding `timeouts` would count it twice.
    errors: result.errors + result.non2xx,
    failures,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    userCpuMs: Math.round(used.user / 1000),
    systemCpuMs: Math.round(used.system / 1000),
    loopP99: Math.round(loop.percentile(99) / 1e6),
    loopMax: Math.round(loop.max / 1e6),
  };
}

async function run(label: string, options: StoreOptions, engines: Engines): Promise<RouteFigures[]> {
  const store = await openStore(options);
  const { app, address, headers, ids, saves } = await prepare(store, engines);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const out: RouteFigures[] = [];
  try {
    if (ONLY.has('search'))
      out.push(
        await load(address, headers, 'GET /api/terminology/search', () => ({
          method: 'GET',
          path: `/api/terminology/search?q=${encodeURIComponent(pick(SEARCHES))}&limit=20`,
        })),
      );
    if (ONLY.has('suggest'))
      out.push(
        await load(address, headers, 'POST /api/encounters/:id/suggest', () => ({
          method: 'POST',
          path: `/api/encounters/${pick(ids)}/suggest`,
        })),
      );
    if (ONLY.has('save'))
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
    const chain = await verifyAuditChain(store.db);
    console.log(
      `\n${label}: ${Number(n)} audit entries written; chain ${chain.ok ? `verifies (${chain.checked} rows)` : `BROKEN at row ${chain.problem?.id}: ${chain.problem?.reason}`}`,
    );
  } finally {
    await app.close();
    await store.close();
  }
  console.log('| store | route | requests | req/s | p50 ms | p99 ms | max ms | errors | user CPU s |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of out)
    console.log(
      `| ${label} | ${f.route} | ${f.requests} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.max} | ${f.errors} | ${(f.userCpuMs / 1000).toFixed(1)} |`,
    );
  for (const f of out) {
    console.log(
      `${label} ${f.route}: user CPU ${f.userCpuMs} ms, system ${f.systemCpuMs} ms; event-loop delay p99 ${f.loopP99} ms, max ${f.loopMax} ms; socket errors ${f.socketErrors}, timeouts ${f.timeouts}`,
    );
    for (const [key, v] of f.failures) console.log(`  ${v.n} × ${key}: ${v.sample}`);
  }
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

if (STORES.has('pglite')) {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-bench-server-'));
  try {
    await run('PGlite', { dataDir: dir }, engines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.env.DATABASE_URL && STORES.has('postgres')) {
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

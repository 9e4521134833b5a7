/**
 * Workbench server under load: autocannon, 50 concurrent connections on loopback for 30 s per
 * route, against the three routes a coder hits all day — code search (search-as-you-type),
 * suggest (the coding engine on a note, stored, audited) and save codes (validated against the
 * terminology, written with history and audit rows in one transaction). Each request is a
 * logged-in coder's (session cookie + CSRF header), so authentication and auditing are part of
 * every figure; each connection is a coder of its own, with their own session, as 50 coders are
 * (one session shared by every connection hid what a session costs when it is looked up). Runs on
 * the embedded store (a PGlite data folder) and, with DATABASE_URL, on PostgreSQL (a throw-away
 * schema). The engines load from the imported test store.
 *
 * Every response that is not 2xx is tallied by status and error code with one sample body, and
 * autocannon's own errors (connection resets, its 10 s timeout) are counted apart, so a failure
 * figure can be explained; the server logs errors (500s) to stderr. The load generator runs in a
 * child process (bench/support/load-client.ts), as real clients are not on the server's thread;
 * the server's user and system CPU and the client's CPU are printed per route.
 *
 * Run: npx tsx bench/server.ts (or, as served, `npm run build && node dist/bench/server.js`) [--seconds 30] [--warmup 5] [--connections 50] [--only search,suggest,save]
 *      [--store pglite|postgres] [--engine-threads N] [--encounters 500] [--notes demo|cases] [--work shared|own]
 */
import { fork } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadCases } from '../eval/cases.js';
import { engineThreadsFromEnv } from '../src/coding/engine-threads.js';
import { buildServer } from '../src/server/app.js';
import { openStore, type Store, type StoreOptions } from '../src/store/index.js';
import { LOCK_FILE } from '../src/store/pglite-lock.js';
import { createUser } from '../src/workflow/accounts.js';
import { verifyAuditChain } from '../src/workflow/audit.js';
import { type Engines, loadEngines } from '../src/workflow/context.js';
import { DEMO_ENCOUNTERS } from '../src/workflow/demo/notes.js';
import type { LoadFigures, LoadPlan, Request } from './support/load-client.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 30);
// Unmeasured load before each route's run (see LoadPlan.warmupSeconds); --warmup 0 measures cold.
const WARMUP = arg('warmup', 5);
const CONNECTIONS = arg('connections', 50);
// Engine threads, as `medcoder serve` starts them (MEDCODER_ENGINE_THREADS or one per core).
const THREADS = arg('engine-threads', engineThreadsFromEnv());
// 50 coders with 10 charts each: by the end of a 30 s run each chart has been suggested or saved
// ~20 times, a busy chart's history. (With 60 charts each collected hundreds of history rows,
// and the view, which returns the whole history, slowed the run down as it went.)
const ENCOUNTERS = arg('encounters', 500);
const flag = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
// Run from source (tsx) or from the build `medcoder serve` runs (`npm run build`, then
// `node dist/bench/server.js`): tsx compiles with esbuild's keepNames, which wraps every closure
// the server and the engine create in a naming call, so the build is the figure users get.
const FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts');
const ONLY = new Set((flag('only') ?? 'search,suggest,save').split(','));
// The notes the encounters carry: `demo`, the workbench's 5 short demo notes (0.4-0.6 KB, the
// figures in BENCHMARKS.md until 2026-12-07), or `cases`, the team's 70 evaluation notes in
// eval/cases (0.8-3 KB, each a different visit): with 5 notes the engine's remembered lookups
// all repeat, as they would not in a day's real charts.
const NOTES = flag('notes') ?? 'demo';
// Which encounters a coder works: `shared`, every coder draws from all of them at random (the
// figures in BENCHMARKS.md until 2026-12-07; about 5% of suggests then meet another coder's
// change to the same chart in flight and go the locked way), or `own`, each coder takes its
// share of them (encounter i to coder i mod connections) and works only those, as a team under
// the ownership rule does (an encounter is worked by its assignee).
const WORK = flag('work') ?? 'shared';
if (WORK !== 'shared' && WORK !== 'own') throw new Error(`--work shared|own, not ${WORK}`);
if (NOTES !== 'demo' && NOTES !== 'cases') throw new Error(`--notes demo|cases, not ${NOTES}`);
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

interface RouteFigures extends LoadFigures {
  route: string;
  /** User and system CPU of the server process (the load generator runs in its own). */
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
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // One coder per connection, each logged in through the route a browser uses.
  const coders: Array<Record<string, string>> = [];
  const coderIds: number[] = [];
  for (let i = 1; i <= CONNECTIONS; i++) {
    const username = `benchcoder${i}`;
    coderIds.push((await createUser(store.db, { username, password: PASSWORD, role: 'coder' })).id);
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    coders.push({ cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' });
  }
  const headers = coders[0]!;
  const ids: number[] = [];
  const saves = new Map<number, string>();
  // One date in the FY2023 release the engine reads, so every run codes the same way.
  const BENCH_DATE_OF_SERVICE = '2023-03-02';
  const notes =
    NOTES === 'demo'
      ? DEMO_ENCOUNTERS.filter((d) => d.text)
      : loadCases(resolve('eval', 'cases')).map((c) => ({
          text: c.text,
          // The case's age on the bench's date of service.
          birthDate: `${2023 - c.age - 1}-06-15`,
          sex: c.sex,
          setting: c.setting,
          payer: 'Medicare',
        }));
  for (let i = 0; i < ENCOUNTERS; i++) {
    const d = notes[i % notes.length]!;
    const res = await fetch(`${address}/api/encounters`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        note: d.text,
        patient: { displayName: `Bench, Patient ${i}`, birthDate: d.birthDate, sex: d.sex },
        visit: { dateOfService: BENCH_DATE_OF_SERVICE, setting: d.setting, payer: d.payer },
      }),
    });
    const { id } = (await res.json()) as { id: number };
    if (WORK === 'own') {
      // The coder takes it, through the route a coder uses.
      const k = i % CONNECTIONS;
      const taken = await fetch(`${address}/api/encounters/${id}/assign`, {
        method: 'POST',
        headers: coders[k]!,
        body: JSON.stringify({ userId: coderIds[k] }),
      });
      if (!taken.ok) throw new Error(`benchcoder${k + 1} could not take encounter ${id}: ${taken.status}`);
    }
    const view = (await (
      await fetch(`${address}/api/encounters/${id}/suggest`, {
        method: 'POST',
        headers: WORK === 'own' ? coders[i % CONNECTIONS]! : headers,
      })
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
  return { app, address, coders, ids, saves };
}

/** With --work own, each coder's requests: those for the encounters it took (prepare). */
function ownWork(ids: readonly number[], request: (id: number) => Request): Request[][] | undefined {
  if (WORK !== 'own') return undefined;
  const byCoder: Request[][] = Array.from({ length: CONNECTIONS }, () => []);
  for (const [i, id] of ids.entries()) byCoder[i % CONNECTIONS]!.push(request(id));
  return byCoder;
}

/** Runs one route's load from a child process (bench/support/load-client.ts) while this one serves. */
async function load(
  address: string,
  coders: Array<Record<string, string>>,
  route: string,
  requests: Request[],
  byCoder?: Request[][],
): Promise<RouteFigures> {
  const cpu = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const child = fork(
    fileURLToPath(new URL(`./support/load-client.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url)),
    [],
    {
      execArgv: FROM_SOURCE ? ['--import', 'tsx'] : [],
    },
  );
  const plan: LoadPlan = {
    address,
    coders,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    requests,
    ...(byCoder ? { byCoder } : {}),
  };
  const figures = await new Promise<LoadFigures>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadFigures));
    child.once('exit', (code) => reject(new Error(`load client exited with ${code} before reporting`)));
    child.send(plan);
  });
  const used = process.cpuUsage(cpu);
  loop.disable();
  return {
    route,
    ...figures,
    userCpuMs: Math.round(used.user / 1000),
    systemCpuMs: Math.round(used.system / 1000),
    loopP99: Math.round(loop.percentile(99) / 1e6),
    loopMax: Math.round(loop.max / 1e6),
  };
}

async function run(label: string, options: StoreOptions, engines: Engines): Promise<RouteFigures[]> {
  const store = await openStore(options);
  const { app, address, coders, ids, saves } = await prepare(store, engines);
  const out: RouteFigures[] = [];
  try {
    if (ONLY.has('search'))
      out.push(
        await load(
          address,
          coders,
          'GET /api/terminology/search',
          SEARCHES.map((q) => ({
            method: 'GET',
            path: `/api/terminology/search?q=${encodeURIComponent(q)}&limit=20`,
          })),
        ),
      );
    if (ONLY.has('suggest'))
      out.push(
        await load(
          address,
          coders,
          'POST /api/encounters/:id/suggest',
          ids.map((id) => ({ method: 'POST', path: `/api/encounters/${id}/suggest` })),
          ownWork(ids, (id) => ({ method: 'POST', path: `/api/encounters/${id}/suggest` })),
        ),
      );
    if (ONLY.has('save'))
      out.push(
        await load(
          address,
          coders,
          'PUT /api/encounters/:id/codes',
          ids.map((id) => ({ method: 'PUT', path: `/api/encounters/${id}/codes`, body: saves.get(id)! })),
          ownWork(ids, (id) => ({
            method: 'PUT',
            path: `/api/encounters/${id}/codes`,
            body: saves.get(id)!,
          })),
        ),
      );
    const { n, users } = await store.db
      .selectFrom('audit_log')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('user_id').distinct().as('users'),
      ])
      .executeTakeFirstOrThrow();
    const chain = await verifyAuditChain(store.db);
    console.log(
      `\n${label}: ${Number(n)} audit entries written by ${Number(users)} users; chain ${chain.ok ? `verifies (${chain.checked} rows)` : `BROKEN at row ${chain.problem?.id}: ${chain.problem?.reason}`}`,
    );
  } finally {
    await app.close();
    await store.close();
  }
  console.log(
    '| store | route | requests | req/s | p50 ms | p99 ms | max ms | errors | server user CPU s | client CPU s |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of out)
    console.log(
      `| ${label} | ${f.route} | ${f.requests} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.max} | ${f.errors} | ${(f.userCpuMs / 1000).toFixed(1)} | ${(f.clientCpuMs / 1000).toFixed(1)} |`,
    );
  for (const f of out) {
    console.log(
      `${label} ${f.route}: user CPU ${f.userCpuMs} ms, system ${f.systemCpuMs} ms; event-loop delay p99 ${f.loopP99} ms, max ${f.loopMax} ms; latency p2.5/50/75/90/97.5/99 ${f.spread.join('/')} ms; socket errors ${f.socketErrors}, timeouts ${f.timeouts}`,
    );
    for (const v of f.failures) console.log(`  ${v.n} × ${v.key}: ${v.sample}`);
  }
  return out;
}

// A PGlite folder must not be open in two processes: load the engines from a private copy,
// without the owner's lock file (the test store may be open in a test run meanwhile).
const copy = mkdtempSync(join(tmpdir(), 'medcoder-bench-codesets-'));
cpSync(process.env.MEDCODER_DATA ?? resolve('.test-data', 'pglite'), copy, {
  recursive: true,
  filter: (p) => !/(postmaster\.pid|pg_internal\.init)$/.test(p) && basename(p) !== LOCK_FILE,
});
const source = await openStore({ dataDir: copy });
const engines = await loadEngines(source, { engineThreads: THREADS }).finally(async () => {
  await source.close();
  rmSync(copy, { recursive: true, force: true });
});
console.log(
  `engines loaded in ${engines.loadMs} ms (coding on ${THREADS} engine threads); ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARMUP} s of warm-up, loopback; ${NOTES} notes`,
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
await engines.close();

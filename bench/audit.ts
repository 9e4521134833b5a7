/**
 * The audit log's cost: appends (one entry per call in its own transaction, as an anonymous
 * refusal or a login writes; a save appends inside its own transaction), the MAC against the SHA
 * hash per row, and `audit verify` over the chain with anchors. Embedded store in a folder, and
 * PostgreSQL too when DATABASE_URL is set (a scratch schema, dropped after), where appenders also
 * run 8 at a time (the pool's connections), each holding its transaction open for a little work
 * after the append as a save does: that is what lanes (migration 111) are for. Compare with
 * MEDCODER_AUDIT_LANES=1, the single chain from before lanes.
 * Run: npx tsx bench/audit.ts [appends]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type StoreOptions } from '../src/store/index.js';
import { AUDIT_LANES, appendAudit, entryHash, entryMac, verifyAuditChain } from '../src/workflow/audit.js';

const APPENDS = Number(process.argv[2] ?? 3000);
const actor = { userId: 1, username: 'coder', ip: '127.0.0.1' };
const row = {
  at: new Date().toISOString(),
  user_id: 1,
  username: 'coder',
  ip: '127.0.0.1',
  action: 'save',
  entity_type: 'code',
  entity_id: '12',
  detail: '{"codes":["E11.9","I10"]}',
};

function perRow(label: string, fn: (i: number) => void): void {
  const n = 100_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  console.log(`${label}: ${(((performance.now() - t) / n) * 1000).toFixed(2)} µs per row`);
}

perRow('SHA-256 hash (entryHash)', () => entryHash('a'.repeat(64), row));
const key = Buffer.alloc(32, 7);
perRow('HMAC-SHA256 (entryMac)', (i) => entryMac(key, 'a'.repeat(64), i, row));

const WORKERS = 8;
// Work after the append in the same transaction (a save writes its codes and history rows after
// auditing): 1 ms, during which the appender holds its lane.
const WORK_MS = 1;

/** Appends by WORKERS transactions at a time; per-append latency percentiles and throughput. */
async function concurrent(store: Awaited<ReturnType<typeof openStore>>, total: number): Promise<string> {
  const latencies: number[] = [];
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        await store.db.transaction().execute(async (trx) => {
          await appendAudit(trx, actor, [{ action: 'save', entityType: 'code', entityId: i }]);
          await sql`SELECT pg_sleep(${WORK_MS / 1000})`.execute(trx);
        });
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  return `${WORKERS} at a time (+${WORK_MS} ms work in the transaction), ${AUDIT_LANES} lanes: ${Math.round(total / seconds).toLocaleString('en-US')} appends/s, transaction p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`;
}

async function run(name: string, options: StoreOptions, parallel = false): Promise<void> {
  const store = await openStore(options);
  try {
    for (let i = 0; i < 200; i++)
      await appendAudit(store.db, actor, [{ action: 'read', entityType: 'encounter', entityId: i }]);
    let t = performance.now();
    for (let i = 0; i < APPENDS; i++)
      await appendAudit(store.db, actor, [{ action: 'read', entityType: 'encounter', entityId: i }]);
    const append = ((performance.now() - t) / APPENDS) * 1000;
    const together = parallel ? await concurrent(store, APPENDS) : undefined;
    t = performance.now();
    const result = await verifyAuditChain(store.db);
    const verify = performance.now() - t;
    if (!result.ok) throw new Error(`chain did not verify: ${result.problem?.reason}`);
    console.log(
      `${name}: append ${append.toFixed(0)} µs per call; verify ${result.checked} entries in ${verify.toFixed(0)} ms ` +
        `(${Math.round(result.checked / (verify / 1000)).toLocaleString('en-US')} entries/s, ${result.anchors} anchors, ` +
        `${result.lanes.length} lanes: ${result.lanes.map((l) => l.lastSeq).join('/')})`,
    );
    if (together) console.log(`${name}: ${together}`);
  } finally {
    await store.close();
  }
}

const auditDir = mkdtempSync(join(tmpdir(), 'medcoder-bench-audit-'));
process.env.MEDCODER_AUDIT_DIR = auditDir;
try {
  const folder = join(auditDir, 'pglite');
  await run('PGlite (folder, key and anchor files)', { dataDir: folder });
  if (process.env.DATABASE_URL) {
    const schema = `bench_audit_${process.pid}`;
    try {
      await run('PostgreSQL', { url: process.env.DATABASE_URL, schema }, true);
    } finally {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
} finally {
  rmSync(auditDir, { recursive: true, force: true });
}

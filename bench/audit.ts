/**
 * The audit log's cost: appends (one entry per call in its own transaction, as an anonymous
 * refusal or a login writes; a save appends inside its own transaction), the MAC against the SHA
 * hash per row, and `audit verify` over the chain with anchors. Embedded store in memory, and
 * PostgreSQL too when DATABASE_URL is set (a scratch schema, dropped after).
 * Run: npx tsx bench/audit.ts [appends]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type StoreOptions } from '../src/store/index.js';
import { appendAudit, entryHash, entryMac, verifyAuditChain } from '../src/workflow/audit.js';

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

async function run(name: string, options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  try {
    for (let i = 0; i < 200; i++)
      await appendAudit(store.db, actor, [{ action: 'read', entityType: 'encounter', entityId: i }]);
    let t = performance.now();
    for (let i = 0; i < APPENDS; i++)
      await appendAudit(store.db, actor, [{ action: 'read', entityType: 'encounter', entityId: i }]);
    const append = ((performance.now() - t) / APPENDS) * 1000;
    t = performance.now();
    const result = await verifyAuditChain(store.db);
    const verify = performance.now() - t;
    if (!result.ok) throw new Error(`chain did not verify: ${result.problem?.reason}`);
    console.log(
      `${name}: append ${append.toFixed(0)} µs per call; verify ${result.checked} entries in ${verify.toFixed(0)} ms ` +
        `(${Math.round(result.checked / (verify / 1000)).toLocaleString('en-US')} entries/s, ${result.anchors} anchors)`,
    );
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
      await run('PostgreSQL', { url: process.env.DATABASE_URL, schema });
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

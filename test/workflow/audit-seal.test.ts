import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import type { Database } from '../../src/store/schema.js';
import { appendAudit, entryHash, GENESIS_HASH, verifyAuditChain } from '../../src/workflow/audit.js';
import { parseAnchors } from '../../src/workflow/audit-anchor.js';
import { AuditKeyError } from '../../src/workflow/audit-key.js';
import { auditSealPaths } from '../../src/workflow/audit-seal.js';
import { testEngines } from '../server/harness.js';
import { cli } from '../support/cli.js';
import { openScratch } from '../support/stores.js';

/**
 * The keyed audit chain against the two attacks the SHA chain alone let through: rewriting a
 * row and recomputing every later hash, and deleting the newest rows. Each case opens a store
 * whose key and anchors are files (a PGlite folder, a PostgreSQL schema), closes it and reopens
 * it as a later process would.
 */
const actor = { userId: 7, username: 'tester', ip: '127.0.0.1' };

interface Target {
  name: 'pglite' | 'postgres';
  options: () => StoreOptions;
  env: (o: StoreOptions) => NodeJS.ProcessEnv;
}

const dirs: string[] = [];
const targets: Target[] = [
  {
    name: 'pglite',
    options: () => {
      const dir = mkdtempSync(join(tmpdir(), 'medcoder-audit-seal-'));
      dirs.push(dir);
      return { dataDir: dir };
    },
    env: (o) => ({ MEDCODER_DATA: o.dataDir, DATABASE_URL: '' }),
  },
];
let n = 0;
if (process.env.DATABASE_URL)
  targets.push({
    name: 'postgres',
    options: () => ({ url: process.env.DATABASE_URL, schema: `t_seal_${process.pid}_${n++}` }),
    env: (o) => ({ MEDCODER_PG_SCHEMA: o.schema, MEDCODER_AUDIT_DIR: process.env.MEDCODER_AUDIT_DIR }),
  });

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs `body` on a fresh store of the target, then removes it (schema, anchors, folder). A
 * PostgreSQL store gets an audit folder of its own: these tests delete and replace key files,
 * which other test processes' scratch schemas share.
 */
async function withStore(t: Target, body: (o: StoreOptions) => Promise<void>): Promise<void> {
  const options = t.options();
  const shared = process.env.MEDCODER_AUDIT_DIR;
  if (t.name === 'postgres') {
    process.env.MEDCODER_AUDIT_DIR = mkdtempSync(join(tmpdir(), 'medcoder-audit-seal-pg-'));
    dirs.push(process.env.MEDCODER_AUDIT_DIR);
  }
  try {
    await body(options);
  } finally {
    if (t.name === 'postgres') await (await openScratch({ name: 'postgres', options })).close();
    process.env.MEDCODER_AUDIT_DIR = shared;
  }
}

async function appendMany(db: Kysely<Database>, count: number, per = 10): Promise<void> {
  for (let i = 0; i < count; i += per)
    await appendAudit(
      db,
      actor,
      Array.from({ length: Math.min(per, count - i) }, (_, k) => ({
        action: 'read',
        entityType: 'encounter' as const,
        entityId: i + k,
      })),
    );
}

async function unlock(db: Kysely<Database>): Promise<void> {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db);
}

/** What someone with database rights but not the key does: edit a row, recompute every hash after it. */
async function rewriteWithShaRecomputed(db: Kysely<Database>, id: number, username: string): Promise<void> {
  await unlock(db);
  await db.updateTable('audit_log').set({ username }).where('id', '=', id).execute();
  const before = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('id', '<', id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = before?.hash ?? GENESIS_HASH;
  const rows = await db.selectFrom('audit_log').selectAll().where('id', '>=', id).orderBy('id').execute();
  for (const r of rows) {
    const hash = entryHash(prev, r);
    await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
    prev = hash;
  }
}

async function verifyWith(options: StoreOptions) {
  const store = await openStore(options);
  try {
    return await verifyAuditChain(store.db);
  } finally {
    await store.close();
  }
}

async function ids(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
  return rows.map((r) => Number(r.id));
}

describe.each(targets)('keyed audit chain ($name)', (t) => {
  it('keeps its key in a 0600 file outside the database and verifies a clean chain', async () => {
    await withStore(t, async (options) => {
      let store = await openStore(options);
      await appendMany(store.db, 25);
      await store.close();
      const { keyFile } = auditSealPaths(options);
      const key = readFileSync(keyFile!, 'utf8').trim();
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(keyFile!).mode & 0o777).toBe(0o600);
      expect(await verifyWith(options)).toMatchObject({ ok: true, warnings: [] });
      chmodSync(keyFile!, 0o644);
      expect((await verifyWith(options)).warnings).toEqual([expect.stringMatching(/can be read by others/)]);
      chmodSync(keyFile!, 0o600);
      store = await openStore(options);
      try {
        const dump = JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute());
        expect(dump).not.toContain(key);
        const result = await verifyAuditChain(store.db);
        expect(result).toMatchObject({ ok: true, checked: 25, unkeyed: 0, lastSeq: 25 });
        // Closing the store anchored the head, so verification had nothing new to anchor.
        expect(result.anchors).toBeGreaterThanOrEqual(1);
        expect(result.anchored).toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });

  it('an edited row with every later SHA hash recomputed fails the MAC at that row', async () => {
    await withStore(t, async (options) => {
      let store = await openStore(options);
      await appendMany(store.db, 20);
      await store.close();
      store = await openStore(options);
      try {
        const target = (await ids(store.db))[6]!;
        await rewriteWithShaRecomputed(store.db, target, 'mallory');
        const result = await verifyAuditChain(store.db);
        expect(result.ok).toBe(false);
        expect(result.checked).toBe(6);
        expect(result.problem).toMatchObject({ id: target, kind: 'tampered' });
        expect(result.problem!.reason).toMatch(/MAC does not match/);
      } finally {
        await store.close();
      }
    });
  });

  it('deleting the last 500 of 600 entries is caught by the anchors', async () => {
    await withStore(t, async (options) => {
      let store = await openStore(options);
      await appendMany(store.db, 600);
      await store.close();
      const { anchorFile } = auditSealPaths(options);
      const { anchors } = parseAnchors(readFileSync(anchorFile!, 'utf8'));
      // Every 100 entries while appending, and the head at close.
      expect(anchors.map((a) => a.seq)).toContain(600);
      expect(anchors.length).toBeGreaterThanOrEqual(5);
      store = await openStore(options);
      try {
        await unlock(store.db);
        const keep = (await ids(store.db))[99]!;
        await store.db.deleteFrom('audit_log').where('id', '>', keep).execute();
        const result = await verifyAuditChain(store.db);
        expect(result).toMatchObject({
          ok: false,
          checked: 100,
          lastSeq: 100,
          problem: { id: null, kind: 'truncated' },
        });
        expect(result.problem!.reason).toMatch(
          /ends at entry 100 .* records entry 600: 500 entries were removed/,
        );
        // A failed verification writes no anchor (it would bless the shortened chain).
        expect(parseAnchors(readFileSync(anchorFile!, 'utf8')).anchors.length).toBe(anchors.length);
      } finally {
        await store.close();
      }
    });
  });

  it('a missing or replaced key file: verification names it and appends are refused', async () => {
    await withStore(t, async (options) => {
      let store = await openStore(options);
      await appendMany(store.db, 3);
      await store.close();
      const { keyFile } = auditSealPaths(options);
      const original = readFileSync(keyFile!, 'utf8');
      rmSync(keyFile!);
      store = await openStore(options);
      try {
        const missing = await verifyAuditChain(store.db);
        expect(missing.ok).toBe(false);
        expect(missing.problem).toMatchObject({ kind: 'unverifiable' });
        expect(missing.problem!.reason).toMatch(/key file .* is missing/);
        await expect(
          appendAudit(store.db, actor, [{ action: 'read', entityType: 'claim', entityId: 1 }]),
        ).rejects.toThrow(AuditKeyError);
      } finally {
        await store.close();
      }
      writeFileSync(keyFile!, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
      store = await openStore(options);
      try {
        const wrong = await verifyAuditChain(store.db);
        expect(wrong.problem!.reason).toMatch(/sealed with key [0-9a-f]{16}, but the key file/);
        await expect(
          appendAudit(store.db, actor, [{ action: 'read', entityType: 'claim', entityId: 1 }]),
        ).rejects.toThrow(/not the key the audit log was sealed with/);
        expect(await ids(store.db)).toHaveLength(3);
      } finally {
        await store.close();
      }
      writeFileSync(keyFile!, original);
      store = await openStore(options);
      try {
        expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 3 });
      } finally {
        await store.close();
      }
    });
  });

  it('rows from before the keyed chain stay verifiable, and the first MAC covers them', async () => {
    await withStore(t, async (options) => {
      const store: Store = await openStore(options);
      try {
        // Rows as the pre-070 code wrote them: SHA chain only.
        let prev = GENESIS_HASH;
        for (let i = 1; i <= 3; i++) {
          const f = {
            at: `2026-01-0${i}T00:00:00.000Z`,
            user_id: null,
            username: 'old',
            ip: null,
            action: 'read',
            entity_type: 'encounter',
            entity_id: String(i),
            detail: '{}',
          };
          const hash = entryHash(prev, f);
          await store.db
            .insertInto('audit_log')
            .values({ ...f, prev_hash: prev, hash })
            .execute();
          prev = hash;
        }
        await appendMany(store.db, 4);
        expect(await verifyAuditChain(store.db)).toMatchObject({
          ok: true,
          checked: 7,
          unkeyed: 3,
          lastSeq: 4,
        });
        const first = (await ids(store.db))[0]!;
        await rewriteWithShaRecomputed(store.db, first, 'mallory');
        const result = await verifyAuditChain(store.db);
        expect(result.ok).toBe(false);
        // The legacy rows still fit their (recomputed) SHA chain; the first keyed MAC does not.
        expect(result.problem).toMatchObject({ id: (await ids(store.db))[3] });
        expect(result.problem!.reason).toMatch(/MAC does not match/);
      } finally {
        await store.close();
      }
    });
  });

  it('a damaged anchor file fails verification instead of being skipped', async () => {
    await withStore(t, async (options) => {
      const store = await openStore(options);
      try {
        await appendMany(store.db, 2);
        // A clean verification anchors the head (none was due yet).
        expect(await verifyAuditChain(store.db)).toMatchObject({
          ok: true,
          anchors: 0,
          anchored: { seq: 2 },
        });
        const { anchorFile } = auditSealPaths(options);
        writeFileSync(anchorFile!, `${readFileSync(anchorFile!, 'utf8')}{"seq": 9, "mac": "zz"\n`);
        const result = await verifyAuditChain(store.db);
        expect(result).toMatchObject({ ok: false, problem: { id: null } });
        expect(result.problem!.reason).toMatch(/damaged: line 2/);
      } finally {
        await store.close();
      }
    });
  });

  it('medcoder audit verify exits 1 on a truncated log', async () => {
    await withStore(t, async (options) => {
      let store = await openStore(options);
      await appendMany(store.db, 120);
      await store.close();
      store = await openStore(options);
      await unlock(store.db);
      const keep = (await ids(store.db))[109]!;
      await store.db.deleteFrom('audit_log').where('id', '>', keep).execute();
      await store.close();
      const bad = await cli(['audit', 'verify'], t.env(options));
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(
        /audit log TRUNCATED: lane 0 of the chain ends at entry 110 .* 10 entries were removed/,
      );
    });
  }, 120_000); // One CLI process (Node, tsx and, embedded, PGlite) on a loaded 2-core machine.
});

describe.each(targets)('server start-up and the audit key ($name)', (t) => {
  it('a missing key file with keyed entries stops buildServer naming the file', async () => {
    await withStore(t, async (options) => {
      let store = await openStore(options);
      await appendMany(store.db, 2);
      await store.close();
      const { keyFile } = auditSealPaths(options);
      rmSync(keyFile!);
      store = await openStore(options);
      try {
        await expect(buildServer({ store, engines: await testEngines() })).rejects.toThrow(
          /audit key file .* is missing but the audit log already holds keyed entries/,
        );
        expect(existsSync(keyFile!)).toBe(false);
      } finally {
        await store.close();
      }
    });
  });
});

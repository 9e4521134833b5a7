import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { appendAudit, verifyAuditChain } from '../../src/workflow/audit.js';
import { cli } from '../support/cli.js';
import { openScratch, scratchStores } from '../support/stores.js';

const actor = { userId: null, username: 'tester', ip: '127.0.0.1' };

describe.each(scratchStores())('audit chain under concurrency ($name)', (spec) => {
  it('60 concurrent appenders (in their own transactions and alone) never fork the chain', async () => {
    const store = await openScratch(spec);
    try {
      const jobs = Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? appendAudit(store.db, actor, [{ action: 'read', entityType: 'encounter', entityId: i }])
          : store.db.transaction().execute(async (trx) => {
              // Some work in the transaction before the append, as a real change has.
              await sql`SELECT pg_sleep(${(i % 5) / 1000})`.execute(trx);
              await appendAudit(
                trx,
                actor,
                Array.from({ length: 1 + (i % 3) }, (_, k) => ({
                  action: 'save',
                  entityType: 'code' as const,
                  entityId: i,
                  detail: { k },
                })),
              );
            }),
      );
      await Promise.all(jobs);
      const expected = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 1 + (i % 3))).reduce(
        (a, b) => a + b,
      );
      const result = await verifyAuditChain(store.db);
      expect(result).toMatchObject({ ok: true, checked: expected });
      // Each lane is a chain of its own (its first entry starts from the genesis hash): no two
      // entries of one lane follow the same entry.
      const forks = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (
          SELECT lane, prev_hash FROM audit_log GROUP BY lane, prev_hash HAVING count(*) > 1) f`.execute(
        store.db,
      );
      expect(forks.rows[0]!.n).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('a rolled-back change leaves no audit entry and the chain still verifies', async () => {
    const store = await openScratch(spec);
    try {
      await appendAudit(store.db, actor, [{ action: 'read', entityType: 'claim', entityId: 1 }]);
      await expect(
        store.db.transaction().execute(async (trx) => {
          await appendAudit(trx, actor, [{ action: 'save', entityType: 'claim', entityId: 1 }]);
          throw new Error('change refused');
        }),
      ).rejects.toThrow('change refused');
      await appendAudit(store.db, actor, [{ action: 'read', entityType: 'claim', entityId: 2 }]);
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 2 });
    } finally {
      await store.close();
    }
  });
});

describe('medcoder audit verify (CLI)', () => {
  const targets: Array<{ name: string; options: StoreOptions; env: NodeJS.ProcessEnv }> = [];
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-audit-cli-'));
  targets.push({ name: 'pglite', options: { dataDir: dir }, env: { MEDCODER_DATA: dir, DATABASE_URL: '' } });
  if (process.env.DATABASE_URL) {
    const schema = `t_audit_cli_${process.pid}`;
    targets.push({
      name: 'postgres',
      options: { url: process.env.DATABASE_URL, schema },
      env: { MEDCODER_PG_SCHEMA: schema },
    });
  }

  it.each(targets)(
    'exits 0 on an intact chain and 1 naming the edited row ($name)',
    async (t) => {
      const spec = { name: t.name as 'pglite' | 'postgres', options: t.options };
      // openStore, not openScratch: closing a PostgreSQL scratch store drops its schema.
      let store = await openStore(t.options);
      let tamperedId = 0;
      try {
        for (let i = 1; i <= 5; i++)
          await appendAudit(store.db, actor, [{ action: 'read', entityType: 'encounter', entityId: i }]);
        await store.close();
        // A PGlite folder must not be open in two processes: the child opens it while we are closed.
        const intact = await cli(['audit', 'verify'], t.env);
        expect(intact.code, intact.stderr).toBe(0);
        expect(intact.stdout).toMatch(/audit log intact: 5 entries/);
        // Sequential appends stay in one lane, and the summary says where it ends.
        expect(intact.stdout).toMatch(/1 lane \(lane 0 at entry 5\)/);

        store = await openStore(t.options);
        const third = await store.db
          .selectFrom('audit_log')
          .select('id')
          .orderBy('id')
          .offset(2)
          .limit(1)
          .executeTakeFirstOrThrow();
        tamperedId = Number(third.id);
        // Someone with database rights disables the append-only trigger and edits a row.
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(store.db);
        await sql`UPDATE audit_log SET username = 'mallory' WHERE id = ${tamperedId}`.execute(store.db);
        await store.close();
        const bad = await cli(['audit', 'verify'], t.env);
        expect(bad.code).toBe(1);
        expect(bad.stderr).toContain(`TAMPERED at entry ${tamperedId}`);
        expect(bad.stderr).toMatch(/edited/);
        const json = await cli(['audit', 'verify', '--json'], t.env);
        expect(json.code).toBe(1);
        expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, checked: 2, problem: { id: tamperedId } });
      } finally {
        if (t.name === 'postgres') {
          // Reopen through openScratch so close() drops the schema.
          const s = await openScratch(spec);
          await s.close();
        } else rmSync(dir, { recursive: true, force: true });
      }
    },
    // Three CLI processes, each starting Node, tsx and (embedded) a PGlite instance: on a loaded
    // 2-core machine that took more than a minute.
    180_000,
  );
});

import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import * as m111 from '../../src/store/migrations/111_audit_lanes.js';
import type { Database } from '../../src/store/schema.js';
import {
  appendAudit,
  auditLanes,
  entryHash,
  GENESIS_HASH,
  verifyAuditChain,
} from '../../src/workflow/audit.js';
import { auditSealOf } from '../../src/workflow/audit-seal.js';
import { openScratch, scratchStores, type TestStoreSpec } from '../support/stores.js';

/**
 * The audit log's lanes (migration 111): concurrent appenders each take a chain of their own, and
 * every attack the single chain caught is caught inside any lane — plus moving rows between
 * lanes. Lanes need concurrent transactions, which only PostgreSQL has (PGlite runs one
 * connection, so its log is lane 0 alone); the lane-0 cases run on both stores.
 */
const actor = { userId: 3, username: 'tester', ip: '127.0.0.1' };
const AUDIT_LOCK = 0x6d656463;
const stores = scratchStores();
const postgres = stores.filter((s) => s.name === 'postgres');

async function withScratch(spec: TestStoreSpec, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await openScratch(spec);
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/**
 * `lanes` transactions each append `perLane` entries (one call each) and commit only once all
 * have appended, so each holds the lane it took while the others look for one: they end up in
 * lanes 0..lanes-1, one each. (At most 8: the pool's connections.)
 */
async function appendInLanes(db: Kysely<Database>, lanes: number, perLane: number): Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => {
    release = r;
  });
  await Promise.all(
    Array.from({ length: lanes }, (_, i) =>
      db.transaction().execute(async (trx) => {
        for (let k = 0; k < perLane; k++)
          await appendAudit(trx, actor, [{ action: 'save', entityType: 'code', entityId: i, detail: { k } }]);
        if (++arrived === lanes) release();
        await all;
      }),
    ),
  );
}

async function appendMany(db: Kysely<Database>, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await appendAudit(db, actor, [{ action: 'read', entityType: 'encounter', entityId: i }]);
}

async function unlock(db: Kysely<Database>): Promise<void> {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db);
}

async function laneRows(db: Kysely<Database>, lane: number) {
  return db.selectFrom('audit_log').selectAll().where('lane', '=', lane).orderBy('id').execute();
}

describe('the number of lanes', () => {
  it('is 8 unless MEDCODER_AUDIT_LANES names a whole number from 1 to 64', () => {
    expect(auditLanes({})).toBe(8);
    expect(auditLanes({ MEDCODER_AUDIT_LANES: ' 1 ' })).toBe(1);
    expect(auditLanes({ MEDCODER_AUDIT_LANES: '64' })).toBe(64);
    for (const bad of ['0', '65', '2.5', 'eight'])
      expect(() => auditLanes({ MEDCODER_AUDIT_LANES: bad })).toThrow(/from 1 to 64/);
  });
});

describe.each(postgres)('audit lanes under concurrency ($name)', (spec) => {
  it('appenders that overlap take different lanes, each counted from 1, and the whole log verifies', async () => {
    await withScratch(spec, async (store) => {
      await appendInLanes(store.db, 5, 3);
      // Alone again: back to lane 0.
      await appendMany(store.db, 2);
      const { rows } = await sql<{ lane: number; seqs: string }>`
        SELECT lane, string_agg(seq::text, ',' ORDER BY id) AS seqs FROM audit_log
        GROUP BY lane ORDER BY lane`.execute(store.db);
      expect(rows).toEqual([
        { lane: 0, seqs: '1,2,3,4,5' },
        { lane: 1, seqs: '1,2,3' },
        { lane: 2, seqs: '1,2,3' },
        { lane: 3, seqs: '1,2,3' },
        { lane: 4, seqs: '1,2,3' },
      ]);
      const result = await verifyAuditChain(store.db);
      expect(result).toMatchObject({ ok: true, checked: 17, unkeyed: 0, lastSeq: 17 });
      expect(result.lanes.map((l) => [l.lane, l.lastSeq])).toEqual([
        [0, 5],
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 3],
      ]);
      // The clean verification anchored every lane's head at once.
      expect(result.anchoredLanes?.map((a) => [a.lane ?? 0, a.seq])).toEqual([
        [0, 5],
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 3],
      ]);
    });
  });

  it('removing the newest entry of one lane is caught by that lane’s anchor', async () => {
    await withScratch(spec, async (store) => {
      await appendInLanes(store.db, 3, 4);
      const anchored = await auditSealOf(store.db).anchor();
      expect(anchored.map((a) => [a.lane ?? 0, a.seq])).toEqual([
        [0, 4],
        [1, 4],
        [2, 4],
      ]);
      await unlock(store.db);
      await store.db.deleteFrom('audit_log').where('lane', '=', 2).where('seq', '=', 4).execute();
      const result = await verifyAuditChain(store.db);
      expect(result).toMatchObject({ ok: false, checked: 11, problem: { id: null, kind: 'truncated' } });
      expect(result.problem!.reason).toMatch(
        /lane 2 of the chain ends at entry 3 but the anchor .* records entry 4: 1 entries were removed/,
      );
      // A failed verification anchors nothing (it would bless the shortened lane).
      expect(auditSealOf(store.db).anchors.read().anchors).toHaveLength(3);
    });
  });

  it('a whole lane moved to an unused lane fails its first MAC (the lane is in the MAC input)', async () => {
    await withScratch(spec, async (store) => {
      await appendInLanes(store.db, 3, 4);
      // No anchor yet (12 entries): only the MAC can tell. Every hash link, position and MAC
      // chains exactly as before in the new lane.
      const moved = await laneRows(store.db, 2);
      await unlock(store.db);
      await store.db.updateTable('audit_log').set({ lane: 5 }).where('lane', '=', 2).execute();
      const result = await verifyAuditChain(store.db);
      expect(result.ok).toBe(false);
      expect(result.problem).toMatchObject({ id: Number(moved[0]!.id), kind: 'tampered' });
      expect(result.problem!.reason).toMatch(
        /MAC does not match: the row was edited or moved to another lane/,
      );
    });
  });

  it('a lane moved into lane 0 (emptied first) fails its first MAC too', async () => {
    await withScratch(spec, async (store) => {
      await appendInLanes(store.db, 2, 3);
      const moved = await laneRows(store.db, 1);
      await unlock(store.db);
      await store.db.deleteFrom('audit_log').where('lane', '=', 0).execute();
      await store.db.updateTable('audit_log').set({ lane: 0 }).where('lane', '=', 1).execute();
      const result = await verifyAuditChain(store.db);
      expect(result.problem).toMatchObject({ id: Number(moved[0]!.id), kind: 'tampered' });
      expect(result.problem!.reason).toMatch(/MAC does not match/);
    });
  });

  it('deleting a middle entry of one lane is caught, with or without the SHA links recomputed', async () => {
    await withScratch(spec, async (store) => {
      await appendInLanes(store.db, 3, 4);
      const lane1 = await laneRows(store.db, 1);
      await unlock(store.db);
      await store.db.deleteFrom('audit_log').where('id', '=', lane1[1]!.id).execute();
      let result = await verifyAuditChain(store.db);
      expect(result.problem).toMatchObject({ id: Number(lane1[2]!.id), kind: 'tampered' });
      expect(result.problem!.reason).toMatch(/previous-hash link does not match the row before it in lane 1/);
      // Relink the lane's SHA chain over the gap: the positions (and MACs) still give it away.
      let prev = lane1[0]!.hash;
      for (const r of lane1.slice(2)) {
        const hash = entryHash(prev, r);
        await store.db
          .updateTable('audit_log')
          .set({ prev_hash: prev, hash })
          .where('id', '=', r.id)
          .execute();
        prev = hash;
      }
      result = await verifyAuditChain(store.db);
      expect(result.problem).toMatchObject({ id: Number(lane1[2]!.id), kind: 'tampered' });
      expect(result.problem!.reason).toMatch(/position 3 in lane 1 does not follow 1/);
    });
  });

  it('the migration cannot be undone while lanes other than 0 hold entries', async () => {
    await withScratch(spec, async (store) => {
      await appendInLanes(store.db, 2, 1);
      await expect(m111.down(store.db as unknown as Kysely<unknown>)).rejects.toThrow(
        /holds 1 entries in lanes other than 0/,
      );
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 2 });
    });
  });
});

describe.each(stores)('audit lane 0 and the log from before lanes ($name)', (spec) => {
  it('lane 0 moved to an unused lane fails its first MAC', async () => {
    await withScratch(spec, async (store) => {
      await appendMany(store.db, 4);
      const moved = await laneRows(store.db, 0);
      await unlock(store.db);
      await store.db.updateTable('audit_log').set({ lane: 6 }).execute();
      const result = await verifyAuditChain(store.db);
      expect(result.problem).toMatchObject({ id: Number(moved[0]!.id), kind: 'tampered' });
      expect(result.problem!.reason).toMatch(/MAC does not match/);
    });
  });

  it('deleting a middle entry of lane 0 is caught', async () => {
    await withScratch(spec, async (store) => {
      await appendMany(store.db, 5);
      const rows = await laneRows(store.db, 0);
      await unlock(store.db);
      await store.db.deleteFrom('audit_log').where('id', '=', rows[2]!.id).execute();
      const result = await verifyAuditChain(store.db);
      expect(result).toMatchObject({ ok: false, checked: 2, problem: { id: Number(rows[3]!.id) } });
      expect(result.problem!.reason).toMatch(/a row was removed or inserted/);
    });
  });

  it('a chain and anchor written before migration 111 verify as lane 0, which new entries continue', async () => {
    await withScratch(spec, async (store) => {
      const db = store.db;
      const seal = auditSealOf(db);
      const key = await seal.key(db, true);
      // Undo the migration on the fresh store, then write entries as the code before it did:
      // the single chain's head under its lock (audit_keyed_head, restored by the undo), a MAC
      // over [seq, ...fields] (computed here, independently of entryMac), no lane column.
      await m111.down(db as unknown as Kysely<unknown>);
      await db.transaction().execute(async (trx) => {
        for (let i = 1; i <= 3; i++) {
          const { rows } = await sql<{
            head_hash: string | null;
            head_mac: string | null;
            head_seq: number | null;
          }>`
            SELECT * FROM audit_keyed_head(${AUDIT_LOCK})`.execute(trx);
          const head = rows[0];
          const prev = head?.head_hash ?? GENESIS_HASH;
          const prevMac = head?.head_mac ?? prev;
          const seq = Number(head?.head_seq ?? 0) + 1;
          const f = {
            at: `2026-11-0${i}T00:00:00.000Z`,
            user_id: 3,
            username: 'before-lanes',
            ip: null,
            action: 'read',
            entity_type: 'encounter',
            entity_id: String(i),
            detail: '{}',
          };
          const body = JSON.stringify([
            seq,
            f.at,
            f.user_id,
            f.username,
            f.ip,
            f.action,
            f.entity_type,
            f.entity_id,
            f.detail,
          ]);
          const mac = createHmac('sha256', key.secret).update(`${prevMac}\n${body}`).digest('hex');
          const hash = entryHash(prev, f);
          await sql`
            INSERT INTO audit_log (at, user_id, username, ip, action, entity_type, entity_id, detail,
              prev_hash, hash, seq, mac, key_id)
            VALUES (${f.at}, ${f.user_id}, ${f.username}, ${f.ip}, ${f.action}, ${f.entity_type},
              ${f.entity_id}, ${f.detail}, ${prev}, ${hash}, ${seq}, ${mac}, ${key.id})`.execute(trx);
          // An anchor as they were written then: no lane.
          if (i === 3) await seal.anchors.append([{ seq, mac, time: '2026-11-03T00:00:00.000Z' }]);
        }
      });
      await m111.up(db as unknown as Kysely<unknown>);

      // Already anchored: nothing new to anchor.
      const before = await verifyAuditChain(db);
      expect(before).toMatchObject({
        ok: true,
        checked: 3,
        lastSeq: 3,
        lanes: [{ lane: 0, lastSeq: 3, anchoredSeq: 3 }],
      });
      expect(before.anchored).toBeUndefined();
      // The anchor from before lanes still guards lane 0's end.
      const last = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      await unlock(db);
      await db.deleteFrom('audit_log').where('id', '=', last.id).execute();
      const truncated = await verifyAuditChain(db);
      expect(truncated).toMatchObject({ ok: false, problem: { kind: 'truncated' } });
      expect(truncated.problem!.reason).toMatch(/lane 0 of the chain ends at entry 2 .* records entry 3/);
      await sql`INSERT INTO audit_log SELECT * FROM json_populate_record(null::audit_log, ${JSON.stringify(last)})`.execute(
        db,
      );

      await appendMany(db, 2);
      const result = await verifyAuditChain(db);
      expect(result).toMatchObject({ ok: true, checked: 5, lastSeq: 5, lanes: [{ lane: 0, lastSeq: 5 }] });
      const seqs = await db.selectFrom('audit_log').select(['lane', 'seq']).orderBy('id').execute();
      expect(seqs.map((r) => [r.lane, Number(r.seq)])).toEqual([
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
        [0, 5],
      ]);
    });
  });
});

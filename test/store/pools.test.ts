import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { openScratch, scratchStores } from '../support/stores.js';

/**
 * Both stores run statements with parameters prepared (named; src/store/prepared.ts), so these
 * tests check what preparing could break: repeated use, errors inside and after transactions,
 * value types, statements too large to prepare; and, on the embedded store, callers taking turns
 * on its one connection.
 */
describe.each(scratchStores())('pool on $name', (spec) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  const open = async () => {
    store = await openScratch(spec);
    await sql`CREATE TABLE pool_t (id int PRIMARY KEY, day date, n bigint, doc jsonb, at timestamptz)`.execute(
      store.db,
    );
    return store.db;
  };

  it('runs the same statement many times with different values and types', async () => {
    const db = await open();
    for (let i = 1; i <= 50; i++)
      await db
        .insertInto('pool_t' as never)
        .values({
          id: i,
          day: '2024-02-29',
          n: i * 1000,
          doc: JSON.stringify({ i }),
          at: new Date(0),
        } as never)
        .execute();
    const rows = await sql<{ id: number; day: string; n: number; doc: { i: number }; at: Date }>`
      SELECT * FROM pool_t WHERE id > ${47} ORDER BY id`.execute(db);
    expect(rows.rows.map((r) => [r.id, r.day, r.n, r.doc.i, r.at.toISOString()])).toEqual([
      [48, '2024-02-29', 48000, 48, '1970-01-01T00:00:00.000Z'],
      [49, '2024-02-29', 49000, 49, '1970-01-01T00:00:00.000Z'],
      [50, '2024-02-29', 50000, 50, '1970-01-01T00:00:00.000Z'],
    ]);
  });

  it('rolls back a transaction whose prepared statement fails, and the statement still works after', async () => {
    const db = await open();
    const insert = (id: number) => sql`INSERT INTO pool_t (id) VALUES (${id})`.execute(db);
    await insert(1);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO pool_t (id) VALUES (${2})`.execute(trx);
        await sql`INSERT INTO pool_t (id) VALUES (${1})`.execute(trx); // duplicate key
      }),
    ).rejects.toThrow(/duplicate key/);
    await insert(3);
    const { rows } = await sql<{ id: number }>`SELECT id FROM pool_t WHERE id > ${0} ORDER BY id`.execute(db);
    expect(rows.map((r) => r.id)).toEqual([1, 3]);
  });

  it('runs statements too large to prepare (thousands of parameters) unnamed', async () => {
    const db = await open();
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, n: i }));
    await db
      .insertInto('pool_t' as never)
      .values(rows as never)
      .execute();
    const { rows: count } = await sql<{
      c: number;
    }>`SELECT count(*)::int AS c FROM pool_t WHERE n >= ${0}`.execute(db);
    expect(count[0]!.c).toBe(2000);
  });
});

describe('embedded store pool', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });
  const open = async () => {
    store = await openScratch(scratchStores().find((s) => s.name === 'pglite')!);
    await sql`CREATE TABLE pool_t (id int PRIMARY KEY, n bigint)`.execute(store.db);
    return store.db;
  };

  it('gives the connection to one caller at a time: concurrent transactions never interleave', async () => {
    const db = await open();
    await sql`INSERT INTO pool_t (id, n) VALUES (1, 0)`.execute(db);
    // Read-modify-write without a lock: only correct if each transaction runs alone.
    await Promise.all(
      Array.from({ length: 40 }, () =>
        db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`SELECT n FROM pool_t WHERE id = ${1}`.execute(trx);
          await sql`UPDATE pool_t SET n = ${rows[0]!.n + 1} WHERE id = ${1}`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`SELECT n FROM pool_t WHERE id = ${1}`.execute(db);
    expect(rows[0]!.n).toBe(40);
  });

  it('does not zero-fill new WAL segments (a stall on the server thread; fsync is off anyway)', async () => {
    const db = await open();
    const { rows } = await sql<{ wal_init_zero: string }>`SHOW wal_init_zero`.execute(db);
    expect(rows[0]!.wal_init_zero).toBe('off');
  });
});

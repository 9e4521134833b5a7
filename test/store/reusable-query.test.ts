import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { reusableInsert, reusableQuery } from '../../src/store/reusable-query.js';
import type { Database } from '../../src/store/schema.js';
import { openScratch, scratchStores } from '../support/stores.js';

// A scratch table typed as the store's own: the helpers are generic over Database's tables.
type Db = Kysely<Database & { reuse_t: { id: number; name: string | null; at: Date | null } }>;
const asDb = (db: Kysely<Database>) => db as unknown as Db;

describe.each(scratchStores())('reusable queries on $name', (spec) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const open = async () => {
    store = await openScratch(spec);
    await sql`CREATE TABLE reuse_t (id int PRIMARY KEY, name text, at timestamptz)`.execute(store.db);
    return store.db;
  };

  it('builds once and runs with each call’s values, in and out of transactions', async () => {
    const db = await open();
    let builds = 0;
    const byId = reusableQuery((d, id: number) => {
      builds++;
      return asDb(d).selectFrom('reuse_t').select(['id', 'name']).where('id', '=', id);
    });
    const insert = reusableQuery((d, id: number, name: string | null, at: Date) =>
      asDb(d).insertInto('reuse_t').values({ id, name, at }),
    );
    await insert.execute(db, 1, 'one', new Date(1000));
    await db.transaction().execute(async (trx) => {
      await insert.execute(trx, 2, null, new Date(2000));
    });
    expect(await byId.execute(db, 1)).toEqual([{ id: 1, name: 'one' }]);
    expect(await byId.execute(db, 2)).toEqual([{ id: 2, name: null }]);
    expect(await byId.execute(db, 3)).toEqual([]);
    expect(builds).toBe(1);
    const { rows } = await sql<{ at: Date }>`SELECT at FROM reuse_t ORDER BY id`.execute(db);
    expect(rows.map((r) => r.at.getTime())).toEqual([1000, 2000]);
  });

  it('inserts whole rows, one statement per number of rows, and refuses a row missing a column', async () => {
    const db = await open();
    const insert = reusableInsert('reuse_t' as never, ['id', 'name', 'at'] as never, 3);
    const row = (id: number) => ({ id, name: `n${id}`, at: null }) as never;
    await insert.execute(db, [row(1)]);
    await insert.execute(db, [row(2), row(3)]);
    await insert.execute(db, [row(4), row(5)]);
    await insert.execute(db, [row(6), row(7), row(8), row(9)]); // over maxRows: built as usual
    await insert.execute(db, []);
    await expect(insert.execute(db, [{ id: 10, name: 'x' } as never])).rejects.toThrow(/has no at/);
    const { rows } = await sql<{
      id: number;
      name: string;
    }>`SELECT id, name FROM reuse_t ORDER BY id`.execute(db);
    expect(rows.map((r) => `${r.id}:${r.name}`)).toEqual([
      '1:n1',
      '2:n2',
      '3:n3',
      '4:n4',
      '5:n5',
      '6:n6',
      '7:n7',
      '8:n8',
      '9:n9',
    ]);
  });
});

describe('reusableQuery refuses builders that would freeze a value', () => {
  it('names an argument the statement never uses, and an object made inside the builder', async () => {
    const store = await openScratch(scratchStores().find((s) => s.name === 'pglite')!);
    try {
      await sql`CREATE TABLE reuse_t (id int PRIMARY KEY, name text, at timestamptz)`.execute(store.db);
      const unused = reusableQuery((d, id: number, _name: string) =>
        asDb(d).selectFrom('reuse_t').select('id').where('id', '=', id),
      );
      await expect(unused.execute(store.db, 1, 'x')).rejects.toThrow(/argument 2 is not used/);
      const frozen = reusableQuery((d, id: number) =>
        asDb(d).updateTable('reuse_t').set({ at: new Date() }).where('id', '=', id),
      );
      await expect(frozen.execute(store.db, 1)).rejects.toThrow(/would be frozen/);
      // An argument inspected rather than passed on never reaches the parameters either.
      const inspected = reusableQuery((d, name: string) =>
        asDb(d).selectFrom('reuse_t').select('id').where('name', '=', String(name).toUpperCase()),
      );
      await expect(inspected.execute(store.db, 'x')).rejects.toThrow(/argument 1 is not used/);
    } finally {
      await store.close();
    }
  });
});

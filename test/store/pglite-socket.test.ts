import type { Duplex } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PGliteSocket } from '../../src/store/pglite-socket.js';

/**
 * node-postgres over PGliteSocket: what a real socket would do, plus the socket's own promise
 * (one call into PGlite per statement, whatever node-postgres writes in between).
 */
describe('PGliteSocket', () => {
  let pglite: PGlite;
  let client: pg.Client;
  let calls: number;

  beforeEach(async () => {
    pglite = await PGlite.create('memory://');
    const raw = pglite.execProtocolRawStream.bind(pglite);
    calls = 0;
    pglite.execProtocolRawStream = (message, options) => {
      calls++;
      return raw(message, options);
    };
    client = new pg.Client({ stream: () => new PGliteSocket(pglite) as unknown as Duplex });
    await client.connect();
  });
  afterEach(async () => {
    await client.end().catch(() => {});
    await pglite.close();
  });

  it('sends a prepared statement (parse, bind, describe, execute, sync) to PGlite in one call', async () => {
    await client.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
    calls = 0;
    for (let i = 1; i <= 5; i++)
      await client.query({ name: 'ins', text: 'INSERT INTO t VALUES ($1, $2)', values: [i, `v${i}`] });
    expect(calls).toBe(5);
    const { rows } = await client.query({
      name: 'sel',
      text: 'SELECT v FROM t WHERE id > $1 ORDER BY id',
      values: [3],
    });
    expect(rows).toEqual([{ v: 'v4' }, { v: 'v5' }]);
  });

  it('reports an error in the middle of a batch and the connection goes on working', async () => {
    await expect(client.query('SELECT 1; SELECT * FROM no_such_table; SELECT 2')).rejects.toThrow(
      /no_such_table/,
    );
    await client.query('BEGIN');
    await expect(client.query({ text: 'SELECT $1::int / 0', values: [1] })).rejects.toThrow(
      /division by zero/,
    );
    await expect(client.query('SELECT 1')).rejects.toThrow(/aborted/);
    await client.query('ROLLBACK');
    const { rows } = await client.query({ text: 'SELECT $1::int + 1 AS n', values: [41] });
    expect(rows).toEqual([{ n: 42 }]);
  });

  it('delivers answers larger than PGlite’s buffer, and many rows, whole', async () => {
    const big = await client.query({ text: "SELECT repeat('x', $1) AS s", values: [3_000_000] });
    expect(big.rows[0].s.length).toBe(3_000_000);
    const many = await client.query('SELECT g AS n FROM generate_series(1, 50000) g');
    expect(many.rows.length).toBe(50000);
    expect(many.rows[49999]).toEqual({ n: 50000 });
  });

  it('passes notices on without disturbing the answer', async () => {
    const notices: string[] = [];
    client.on('notice', (n) => notices.push(n.message ?? ''));
    await client.query("DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$");
    expect(notices).toEqual(['hello from plpgsql']);
    const { rows } = await client.query('SELECT 7 AS n');
    expect(rows).toEqual([{ n: 7 }]);
  });

  it('refuses statements after the client has ended, with an error rather than a hang', async () => {
    await client.end();
    await expect(client.query('SELECT 1')).rejects.toThrow();
    // PGlite itself is untouched and still answers its owner.
    expect((await pglite.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
  });
});

import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents one PGlite instance as the `pg.Pool` shape Kysely's PostgresDialect expects, so both
 * stores share Kysely's PostgreSQL dialect (one SQL dialect, one set of migrations).
 *
 * PGlite is a single connection. Handing it to two callers at once would interleave a
 * transaction's statements with someone else's, so `connect()` queues callers until the
 * previous client is released.
 */
export class PGlitePool implements PostgresPool {
  #tail: Promise<void> = Promise.resolve();

  constructor(private readonly pg: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    // PGlite runs each query synchronously on this thread; when callers queue up, handing the
    // connection straight to the next one would starve the event loop (HTTP I/O, timers) for the
    // whole queue. Yield once per hand-over.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const pg = this.pg;
    let released = false;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const result = await pg.query<R>(sql, parameters as unknown[]);
        const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() as PostgresQueryResult<R>['command'];
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#tail;
    await this.pg.close();
  }
}

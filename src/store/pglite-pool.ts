import type { Duplex } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { PGliteSocket } from './pglite-socket.js';
import { PreparedStatements } from './prepared.js';

/**
 * Presents one PGlite instance as the `pg.Pool` shape Kysely's PostgresDialect expects, so both
 * stores share Kysely's PostgreSQL dialect (one SQL dialect, one set of migrations).
 *
 * Statements go through a node-postgres client whose "socket" is PGlite in this thread
 * (pglite-socket.ts): the same driver, value serialisation and type parsing as the PostgreSQL
 * store, one call into PGlite per statement, and answers parsed once, by node-postgres.
 * Statements with parameters run prepared (prepared.ts).
 *
 * PGlite is a single connection. Handing it to two callers at once would interleave a
 * transaction's statements with someone else's, so `connect()` queues callers until the
 * previous client is released.
 */
export class PGlitePool implements PostgresPool {
  #tail: Promise<void> = Promise.resolve();
  readonly #client: pg.Client;
  #connected: Promise<unknown> | undefined;
  readonly #prepared = new PreparedStatements();

  constructor(
    private readonly pglite: PGlite,
    types?: pg.CustomTypesConfig,
  ) {
    // PGliteSocket stands in for a TCP socket; pg only uses the parts of one it implements.
    const stream = () => new PGliteSocket(pglite) as unknown as Duplex;
    this.#client = new pg.Client({ stream, ...(types ? { types } : {}) });
  }

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
    try {
      this.#connected ??= this.#client.connect();
      await this.#connected;
    } catch (err) {
      release();
      throw err;
    }
    const client = this.#client;
    let released = false;
    const handle = {
      query: (sql: string, parameters: ReadonlyArray<unknown>) =>
        this.#prepared.query(client, sql, parameters),
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
    return handle as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#tail;
    if (this.#connected) await this.#client.end().catch(() => {});
    await this.pglite.close();
  }
}

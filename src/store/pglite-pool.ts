import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

// Limits on which statements are prepared (see #statementName).
const MAX_PREPARED = 2000;
const MAX_PREPARED_PARAMETERS = 100;
const MAX_PREPARED_TEXT = 8000;

/**
 * Presents one PGlite instance as the `pg.Pool` shape Kysely's PostgresDialect expects, so both
 * stores share Kysely's PostgreSQL dialect (one SQL dialect, one set of migrations).
 *
 * Statements go through a node-postgres client on PGlite's own node-postgres connection: the
 * same driver, value serialisation and type parsing as the PostgreSQL store, and fewer trips
 * into PGlite per statement than `PGlite.query` (which describes every statement before binding
 * it, and sends parameterless ones such as BEGIN through the extended protocol too). (Batching a
 * statement's protocol messages into one trip was tried: 4% less per save, not worth owning a
 * protocol adapter.)
 *
 * PGlite is a single connection. Handing it to two callers at once would interleave a
 * transaction's statements with someone else's, so `connect()` queues callers until the
 * previous client is released.
 */
export class PGlitePool implements PostgresPool {
  #tail: Promise<void> = Promise.resolve();
  readonly #client: pg.Client;
  #connected: Promise<unknown> | undefined;
  readonly #prepared = new Map<string, string>();

  constructor(
    private readonly pglite: PGlite,
    types?: pg.CustomTypesConfig,
  ) {
    this.#client = new pg.Client({ ...createPgConfig(pglite), ...(types ? { types } : {}) });
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
      query: (sql: string, parameters: ReadonlyArray<unknown>) => {
        const name = this.#statementName(sql, parameters.length);
        const values = parameters as unknown[];
        return name ? client.query({ name, text: sql, values }) : client.query(sql, values);
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
    return handle as unknown as PostgresPoolClient;
  }

  /**
   * Statements with parameters run as named prepared statements, parsed and planned once per
   * process instead of on every call: on the embedded store planning is CPU on the server's own
   * thread (the encounter view's query costs half as much prepared). Kysely renders the same SQL
   * text for the same query shape, so the common statements are few; large or rare ones (bulk
   * inserts with thousands of parameters, anything after the first MAX_PREPARED) stay unnamed.
   */
  #statementName(sql: string, parameterCount: number): string | undefined {
    if (parameterCount === 0 || parameterCount > MAX_PREPARED_PARAMETERS || sql.length > MAX_PREPARED_TEXT)
      return undefined;
    let name = this.#prepared.get(sql);
    if (!name && this.#prepared.size < MAX_PREPARED) {
      name = `medcoder_${this.#prepared.size + 1}`;
      this.#prepared.set(sql, name);
    }
    return name;
  }

  async end(): Promise<void> {
    await this.#tail;
    if (this.#connected) await this.#client.end().catch(() => {});
    await this.pglite.close();
  }
}

import { CompiledQuery, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Store, StoreKind } from './db.js';
import type { Database } from './schema.js';

/**
 * A store for a worker thread that has no database of its own: its statements are sent over a
 * MessagePort to the thread that opened the store, which runs them and sends the rows back. It
 * serves read-only loading (the coding engine's code sets): each statement is answered on
 * whichever connection the owner picks, so transactions are refused rather than silently split.
 * (An embedded PGlite folder can only be open once, and a thread per query would be slow anyway.)
 */

interface ForwardedQuery {
  type: 'store-query';
  id: number;
  sql: string;
  parameters: unknown[];
}

interface ForwardedAnswer {
  type: 'store-answer';
  id: number;
  rows?: unknown[];
  rowCount?: number;
  error?: string;
}

/** Either end of the channel: a worker's parentPort, or the Worker object on the owner's side. */
export interface MessageEnd {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: unknown): void;
}

const isQuery = (m: unknown): m is ForwardedQuery => (m as ForwardedQuery)?.type === 'store-query';
const isAnswer = (m: unknown): m is ForwardedAnswer => (m as ForwardedAnswer)?.type === 'store-answer';

/** Owner side: answers the statements a worker sends on `port` from `store`. */
export function answerForwardedQueries(store: Store, port: MessageEnd): void {
  port.on('message', (message: unknown) => {
    if (!isQuery(message)) return;
    store.db.executeQuery(CompiledQuery.raw(message.sql, message.parameters)).then(
      (result) =>
        port.postMessage({
          type: 'store-answer',
          id: message.id,
          rows: result.rows,
          rowCount: Number(result.numAffectedRows ?? result.rows.length),
        } satisfies ForwardedAnswer),
      (err: unknown) =>
        port.postMessage({
          type: 'store-answer',
          id: message.id,
          error: (err as Error).message ?? String(err),
        } satisfies ForwardedAnswer),
    );
  });
}

/** Worker side: a Store whose statements run in the thread on the other end of `port`. */
export function forwardedStore(port: MessageEnd, about: { kind: StoreKind; location: string }): Store {
  const pending = new Map<number, { resolve: (a: ForwardedAnswer) => void }>();
  let nextId = 1;
  const onMessage = (message: unknown) => {
    if (!isAnswer(message)) return;
    pending.get(message.id)?.resolve(message);
    pending.delete(message.id);
  };
  port.on('message', onMessage);
  const client = {
    async query(sql: string, parameters: ReadonlyArray<unknown>) {
      if (/^\s*(begin|start\s+transaction)\b/i.test(sql))
        throw new Error('a forwarded store is read-only loading: transactions are not supported');
      const id = nextId++;
      const answer = await new Promise<ForwardedAnswer>((resolve) => {
        pending.set(id, { resolve });
        port.postMessage({
          type: 'store-query',
          id,
          sql,
          parameters: [...parameters],
        } satisfies ForwardedQuery);
      });
      if (answer.error !== undefined) throw new Error(answer.error);
      const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
      return { command, rowCount: answer.rowCount ?? 0, rows: answer.rows ?? [] };
    },
    release() {},
  };
  const pool: PostgresPool = {
    connect: async () => client as unknown as PostgresPoolClient,
    end: async () => {
      port.off('message', onMessage);
    },
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: about.kind, location: `${about.location} (forwarded)`, close: () => db.destroy() };
}

import { type Compilable, CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Stands in for an argument while the query is built once; replaced by the value on each run. */
class Slot {
  constructor(readonly index: number) {}
}

export interface ReusableQuery<Args extends unknown[], Row> {
  /** Runs the statement on `db` (the store or a transaction) with these values; its rows. */
  execute(db: Kysely<Database>, ...args: Args): Promise<Row[]>;
}

/**
 * A statement built and compiled by Kysely once, then run with new values. Kysely builds an
 * immutable query tree and compiles it to SQL on every call; for the statements every save and
 * suggestion runs (the lock, the view, the history row...) that was a tenth of the server's CPU,
 * always producing the same text. Here `build` runs once, with placeholders for its arguments,
 * and each run sends the cached text with the arguments in the placeholders' places. The same
 * text each time is also what lets the statement run prepared (prepared.ts).
 *
 * The rule that makes this safe: `build` may use its arguments only as values handed to Kysely
 * (in `where`, `set`, `values`...), never inspect or transform them, and anything that varies
 * between calls (a timestamp, a JSON text) must be an argument. A placeholder that does not reach
 * the statement's parameters, or an object computed inside `build`, is refused on first use.
 */
export function reusableQuery<Args extends unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): ReusableQuery<Args, Row> {
  let compiled: { sql: string; parameters: readonly unknown[] } | undefined;
  return {
    async execute(db, ...args) {
      compiled ??= compileOnce(build, db, args.length);
      const parameters = compiled.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
      const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
      return result.rows;
    },
  };
}

function compileOnce<Args extends unknown[]>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<unknown>,
  db: Kysely<Database>,
  arity: number,
): { sql: string; parameters: readonly unknown[] } {
  const slots = Array.from({ length: arity }, (_, i) => new Slot(i));
  const { sql, parameters } = build(db, ...(slots as unknown as Args)).compile();
  for (const slot of slots)
    if (!parameters.includes(slot))
      throw new Error(`reusableQuery: argument ${slot.index + 1} is not used as a value of the statement`);
  for (const p of parameters)
    if (p !== null && typeof p === 'object' && !(p instanceof Slot))
      throw new Error(
        'reusableQuery: a value computed inside the builder would be frozen; pass it as an argument',
      );
  return { sql, parameters };
}

/**
 * An INSERT of whole rows of `columns` into `table`, one reusableQuery per number of rows (a call
 * site inserts a few sizes: a save appends four audit rows, most changes one). Every row names
 * every column (null where empty): a missing value would be sent as null rather than left to the
 * column's default. More than `maxRows` rows are built by Kysely as usual.
 */
export function reusableInsert<T extends keyof Database & string>(
  table: T,
  columns: ReadonlyArray<keyof Insertable<Database[T]> & string>,
  maxRows = 64,
) {
  const bySize = new Map<number, ReusableQuery<unknown[], unknown>>();
  return {
    async execute(db: Kysely<Database>, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<void> {
      if (rows.length === 0) return;
      if (rows.length > maxRows) {
        await db
          .insertInto(table)
          .values(rows as never)
          .execute();
        return;
      }
      let query = bySize.get(rows.length);
      if (!query) {
        const n = rows.length;
        query = reusableQuery((d, ...values: unknown[]) =>
          d.insertInto(table).values(slotRows(columns, n, values) as never),
        );
        bySize.set(n, query);
      }
      await query.execute(db, ...rowValues(table, columns, rows));
    },
  };
}

/**
 * `n` rows of `columns` whose values are `values`, row after row (a reusable INSERT's builder:
 * `values` are its arguments' placeholders). rowValues lays real rows out in that order.
 */
export function slotRows(
  columns: readonly string[],
  n: number,
  values: readonly unknown[],
): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, r) =>
    Object.fromEntries(columns.map((c, k) => [c, values[r * columns.length + k]])),
  );
}

/** The values of `rows`, row after row in `columns` order; every row must name every column. */
export function rowValues(table: string, columns: readonly string[], rows: ReadonlyArray<object>): unknown[] {
  const values: unknown[] = [];
  for (const row of rows)
    for (const c of columns) {
      const v = (row as Record<string, unknown>)[c];
      if (v === undefined) throw new Error(`reusableInsert into ${table}: a row has no ${c}`);
      values.push(v);
    }
  return values;
}

import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

const { Query } = pg;

// Which statements are prepared: see PreparedStatements.
const MAX_PREPARED = 2000;
const MAX_PREPARED_PARAMETERS = 100;
const MAX_PREPARED_TEXT = 8000;

/**
 * Statements with parameters run as named prepared statements, parsed and planned once per
 * connection instead of on every call. Kysely renders the same SQL text for the same query shape,
 * so the common statements are few. Planning is CPU on the server's own thread on the embedded
 * store (the encounter view's query costs half as much prepared) and on the database server's
 * otherwise. Large or rare statements (bulk inserts with thousands of parameters, anything after
 * the first MAX_PREPARED texts) stay unnamed. node-postgres remembers per connection which names
 * it has parsed, so one name serves every connection of a pool.
 */
export class PreparedStatements {
  readonly #names = new Map<string, string>();

  query(client: Pick<pg.ClientBase, 'query'>, sql: string, parameters: ReadonlyArray<unknown>) {
    const values = parameters as unknown[];
    const name = this.#nameOf(sql, values.length);
    return name ? namedQuery(client, name, sql, values) : client.query(sql, values);
  }

  #nameOf(sql: string, parameterCount: number): string | undefined {
    if (parameterCount === 0 || parameterCount > MAX_PREPARED_PARAMETERS || sql.length > MAX_PREPARED_TEXT)
      return undefined;
    let name = this.#names.get(sql);
    if (!name && this.#names.size < MAX_PREPARED) {
      name = `medcoder_${this.#names.size + 1}`;
      this.#names.set(sql, name);
    }
    return name;
  }
}

/**
 * Runs a named statement. node-postgres copies a query given as a `{ name, text, values }` object
 * property by property through descriptors (a slow path, on every statement: a thirtieth of an
 * embedded-store save); a query built from the text and then named is submitted as it is.
 */
function namedQuery(
  client: Pick<pg.ClientBase, 'query'>,
  name: string,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query: pg.Query & { name?: string } = new Query(text, values, (err, result) =>
      err ? reject(err) : resolve(result as unknown as pg.QueryResult),
    );
    query.name = name;
    client.query(query);
  });
}

/** A node-postgres pool whose statements run prepared, in the shape Kysely's dialect takes. */
export function preparedStatementsPool(pool: pg.Pool): PostgresPool {
  const prepared = new PreparedStatements();
  return {
    async connect() {
      const client = await pool.connect();
      return {
        query: (sql: string, parameters: ReadonlyArray<unknown>) => prepared.query(client, sql, parameters),
        release: () => client.release(),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { auditSealPaths, sealStore } from '../workflow/audit-seal.js';
import { StoreError } from './errors.js';
import { migrations } from './migrations/index.js';
import { lockDataDir } from './pglite-lock.js';
import { PGlitePool } from './pglite-pool.js';
import { preparedStatementsPool } from './prepared.js';
import type { Database } from './schema.js';

export type StoreKind = 'pglite' | 'postgres';

export interface StoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite store is used. */
  url?: string;
  /** PGlite data folder; `memory://` for a throw-away in-memory store. */
  dataDir?: string;
  /** PostgreSQL schema to work in (created if missing). Lets tests isolate themselves. */
  schema?: string;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: StoreKind;
  /** Where the data lives, for messages: a folder or a URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

// Both stores read through node-postgres; these OIDs get JavaScript values that suit the code
// better than pg's defaults: dates as ISO strings, int8/numeric counts as numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const asText = (v: string) => v;
const asNumber = (v: string) => Number(v);
// Asked for each column of every result: returns the same parser each time, not a new closure.
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return asText;
    if (oid === INT8_OID || oid === NUMERIC_OID) return asNumber;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Options from the environment: `DATABASE_URL` selects PostgreSQL (in schema `MEDCODER_PG_SCHEMA`
 * when set), else the embedded store in `MEDCODER_DATA` or ./data.
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  if (env.DATABASE_URL) {
    return env.MEDCODER_PG_SCHEMA
      ? { url: env.DATABASE_URL, schema: env.MEDCODER_PG_SCHEMA }
      : { url: env.DATABASE_URL };
  }
  return { dataDir: env.MEDCODER_DATA ?? resolve('data') };
}

/** Opens the store and brings its schema up to date. */
export async function openStore(options: StoreOptions = storeOptionsFromEnv()): Promise<Store> {
  const store = options.url ? await openPostgres(options.url, options.schema) : await openPGlite(options);
  try {
    await migrate(store.db, options.url ? options.schema : undefined);
  } catch (err) {
    await store.close();
    throw new StoreError(`could not migrate the store at ${store.location}: ${(err as Error).message}`);
  }
  // The audit chain's key and anchors live outside the database (workflow/audit-seal.ts).
  return sealStore(store, options);
}

async function openPGlite(options: StoreOptions): Promise<Store> {
  const dataDir = options.dataDir ?? resolve('data');
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    // A folder (PGlite's NodeFS) or memory://: file systems with nothing to sync after a
    // statement, which pglite-socket.ts relies on.
    pglite = await PGlite.create(dataDir);
  } catch (err) {
    unlock();
    throw new StoreError(`could not open the embedded store at ${dataDir}: ${(err as Error).message}`);
  }
  try {
    // A new 16 MB WAL segment is zero-filled by default, a write of its own through PGlite's
    // file system on the server's only thread: a 20-100 ms stall every few thousand changes.
    // Zero-filling guards nothing here (PGlite runs with fsync off), so new segments are not.
    await pglite.exec('SET wal_init_zero = off');
  } catch (err) {
    await pglite.close().catch(() => {});
    unlock();
    throw new StoreError(`could not configure the embedded store at ${dataDir}: ${(err as Error).message}`);
  }
  const pool = new PGlitePool(pglite, TYPES);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    close: async () => {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
}

async function openPostgres(url: string, schema?: string): Promise<Store> {
  const location = redact(url);
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new StoreError(`invalid schema name "${schema}"`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    try {
      await admin.connect();
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (err) {
      throw new StoreError(`could not connect to PostgreSQL at ${location}: ${(err as Error).message}`);
    } finally {
      await admin.end().catch(() => {});
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    types: TYPES,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StoreError(`could not connect to PostgreSQL at ${location}: ${(err as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparedStatementsPool(pool) }) });
  return {
    db,
    kind: 'postgres',
    location: schema ? `${location} (schema ${schema})` : location,
    close: () => db.destroy(),
  };
}

/**
 * Applies pending migrations. With a PostgreSQL schema, Kysely's own bookkeeping tables live in
 * that schema too; otherwise another schema's `kysely_migration` table could be picked up.
 */
export async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Migrations are additive and independent; work landing in parallel may number one below a
    // migration a development store already ran, and it must still apply.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `${failed ? `migration ${failed.migrationName} failed: ` : ''}${(error as Error).message ?? error}`,
    );
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL server named by DATABASE_URL';
  }
}

/**
 * Deletes everything in a store: the PGlite data folder, or the PostgreSQL schema (only a named
 * schema — never `public`, which may hold other applications' data). For disposable stores such
 * as the tests' copy of the code sets.
 */
export async function resetStore(options: StoreOptions): Promise<void> {
  if (!options.url) {
    const dir = options.dataDir ?? resolve('data');
    if (!dir.startsWith('memory://')) rmSync(dir, { recursive: true, force: true });
    return;
  }
  if (!options.schema) throw new StoreError('refusing to reset a PostgreSQL store without a named schema');
  if (!/^[a-z_][a-z0-9_]*$/.test(options.schema))
    throw new StoreError(`invalid schema name "${options.schema}"`);
  const client = new pg.Client({ connectionString: options.url });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`);
  } finally {
    await client.end().catch(() => {});
  }
  // Its audit anchors record the dropped chain; a new store here starts a new one.
  const { anchorFile } = auditSealPaths(options);
  if (anchorFile) rmSync(anchorFile, { force: true });
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codesetsDir } from '../../src/config.js';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';

export { codesetsDir };

export interface TestStoreSpec {
  name: 'pglite' | 'postgres';
  options: StoreOptions;
}

const root = resolve(import.meta.dirname, '..', '..');

/**
 * The stores that hold the imported official code sets (prepared by `npm test`'s setup step):
 * always the embedded store, plus PostgreSQL (schema medcoder_test) when DATABASE_URL is set. Store-dependent tests
 * run once per entry.
 */
export function importedStores(): TestStoreSpec[] {
  const dir = join(root, '.test-data', 'pglite');
  if (!existsSync(dir)) {
    throw new Error(
      `the test store ${dir} is missing: run "npm test" (its setup step imports the code sets)`,
    );
  }
  const specs: TestStoreSpec[] = [{ name: 'pglite', options: { dataDir: dir } }];
  if (process.env.DATABASE_URL) {
    specs.push({ name: 'postgres', options: { url: process.env.DATABASE_URL, schema: TEST_SCHEMA } });
  }
  return specs;
}

/** The PostgreSQL schema `npm test`'s set-up imports the code sets into. */
export const TEST_SCHEMA = 'medcoder_test';

/** Empty throw-away stores for tests that write: in-memory PGlite, and a fresh PostgreSQL schema. */
export function scratchStores(): TestStoreSpec[] {
  const specs: TestStoreSpec[] = [{ name: 'pglite', options: { dataDir: 'memory://' } }];
  if (process.env.DATABASE_URL) {
    specs.push({
      name: 'postgres',
      options: { url: process.env.DATABASE_URL, schema: `t_${process.pid}_${Date.now().toString(36)}` },
    });
  }
  return specs;
}

/** Opens a scratch store; for PostgreSQL, `close()` also drops its schema. */
export async function openScratch(spec: TestStoreSpec): Promise<Store> {
  const store = await openStore(spec.options);
  if (spec.name !== 'postgres' || !spec.options.schema) return store;
  const schema = spec.options.schema;
  return {
    ...store,
    async close() {
      await store.close();
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: spec.options.url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Path of one official file; fails (never skips) with the missing file's name. */
export function codesetFile(relative: string): string {
  const p = join(codesetsDir(), relative);
  if (!existsSync(p)) {
    throw new Error(
      `missing code-set file ${p}: set MEDCODER_CODESETS or place the CMS files in ../shared/codesets`,
    );
  }
  return p;
}

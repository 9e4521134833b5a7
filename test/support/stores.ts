import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codesetsDir } from '../../src/config.js';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import { isAlive } from '../../src/store/pglite-lock.js';
import { auditSealPaths } from '../../src/workflow/audit-seal.js';

export { codesetsDir };

// A PostgreSQL store keeps its audit key and anchors in MEDCODER_AUDIT_DIR (else the data
// folder): the tests' scratch schemas keep theirs out of the developer's ./data.
process.env.MEDCODER_AUDIT_DIR ??= join(tmpdir(), 'medcoder-test-audit');

export interface TestStoreSpec {
  name: 'pglite' | 'postgres';
  options: StoreOptions;
}

const root = resolve(import.meta.dirname, '..', '..');

/**
 * The stores that hold the imported official code sets (prepared by `npm test`'s setup step):
 * always the embedded store, plus PostgreSQL (schema medcoder_test) when DATABASE_URL is set.
 * Store-dependent tests run once per entry.
 *
 * A PGlite data folder must never be open in two processes at once (each runs its own Postgres
 * on the same files, and the folder is corrupted), and test files run in separate processes that
 * may overlap with another developer's run. So each test process works on its own copy.
 */
export function importedStores(): TestStoreSpec[] {
  const specs: TestStoreSpec[] = [{ name: 'pglite', options: { dataDir: privateCopyOfTestStore() } }];
  if (process.env.DATABASE_URL) {
    specs.push({ name: 'postgres', options: { url: process.env.DATABASE_URL, schema: TEST_SCHEMA } });
  }
  return specs;
}

const COPY_PREFIX = 'medcoder-test-store-';
let privateCopy: string | undefined;

function privateCopyOfTestStore(): string {
  if (privateCopy) return privateCopy;
  const source = join(root, '.test-data', 'pglite');
  if (!existsSync(source)) {
    throw new Error(
      `the test store ${source} is missing: run "npm test" (its setup step imports the code sets)`,
    );
  }
  removeStaleCopies();
  const target = join(tmpdir(), `${COPY_PREFIX}${process.pid}`);
  // Postgres' lock file and relation cache are rebuilt on start; another process may be
  // creating or removing them while we copy.
  const transient = /(postmaster\.pid|pg_internal\.init|medcoder\.lock)$/;
  for (let attempt = 1; ; attempt++) {
    rmSync(target, { recursive: true, force: true });
    try {
      cpSync(source, target, { recursive: true, filter: (path) => !transient.test(path) });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw err;
    }
  }
  process.on('exit', () => rmSync(target, { recursive: true, force: true }));
  privateCopy = target;
  return target;
}

/** Copies left by test processes that have ended (killed before their exit hook ran). */
function removeStaleCopies(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(COPY_PREFIX)) continue;
    const pid = Number(name.slice(COPY_PREFIX.length));
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
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
      // The schema's audit anchors go with it: a new store of the same name starts a new chain.
      const { anchorFile } = auditSealPaths(spec.options);
      if (anchorFile) rmSync(anchorFile, { force: true });
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

#!/usr/bin/env node
// One idempotent set-up shared by `npm start`, `npm test` and `npm run eval`:
//   1. install dependencies when node_modules is missing or older than the lock file;
//   2. compile TypeScript and build the web app when dist/ or web/dist/ is missing or stale;
//   3. import the code sets (medcoder import), which is a no-op for files already imported.
// Plain Node with no dependencies, because it must run before `npm ci` has.
// `--test` imports into the stores the tests read: .test-data/pglite, and, when DATABASE_URL is
// set, the schema medcoder_test of that database.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const forTest = process.argv.includes('--test');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args, env = process.env) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env });

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(p) : mtime(p));
  }
  return newest;
}

// 1. dependencies
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || mtime(join(root, 'package-lock.json')) > mtime(installed)) {
  console.error('setup: installing dependencies (npm ci)');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

// 2. build
const stamp = join(root, 'dist', 'src', 'cli', 'main.js');
const webStamp = join(root, 'web', 'dist', 'index.html');
const sources = Math.max(
  newestIn(join(root, 'src')),
  newestIn(join(root, 'web', 'src')),
  mtime(join(root, 'tsconfig.json')),
  mtime(join(root, 'web', 'index.html')),
);
if (!existsSync(stamp) || !existsSync(webStamp) || sources > Math.min(mtime(stamp), mtime(webStamp))) {
  console.error('setup: compiling TypeScript');
  run(npm, ['run', '--silent', 'build']);
}

// 3. code sets
const cli = join(root, 'bin', 'medcoder.js');
if (forTest) {
  // The tests' copies of the code sets are disposable: when one can't be brought up to date (say a
  // migration was renamed during development), wipe it and import again.
  const { DATABASE_URL, ...rest } = process.env;
  const stores = [{ ...rest, MEDCODER_DATA: join(root, '.test-data', 'pglite') }];
  if (DATABASE_URL) stores.push({ ...process.env, MEDCODER_PG_SCHEMA: 'medcoder_test' });
  for (const env of stores) {
    try {
      run(process.execPath, [cli, 'import', '--quiet-if-done'], env);
    } catch {
      console.error('setup: the test store could not be updated; resetting it and importing again');
      run(process.execPath, [cli, 'store', 'reset', '--yes'], env);
      run(process.execPath, [cli, 'import', '--quiet-if-done'], env);
    }
  }
} else {
  run(process.execPath, [cli, 'import', '--quiet-if-done']);
}

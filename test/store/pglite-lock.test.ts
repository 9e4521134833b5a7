import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/store/index.js';
import { LOCK_FILE } from '../../src/store/pglite-lock.js';

const root = resolve(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** Opens the store in another process and waits until it holds it. */
async function holdInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const script = join(dataDir, '..', 'hold.mts');
  writeFileSync(
    script,
    `import { openStore } from ${JSON.stringify(join(root, 'src', 'store', 'index.ts'))};\n` +
      `await openStore({ dataDir: ${JSON.stringify(dataDir)} });\nconsole.log('held');\nsetInterval(() => {}, 1000);\n`,
  );
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    proc.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && ok());
    proc.on('exit', (code) => fail(new Error(`holder exited with ${code}`)));
  });
  return proc;
}

describe('one process at a time per embedded store folder', () => {
  it('refuses a folder another live process holds, naming it, and takes over a dead one’s lock', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'medcoder-lock-')), 'data');
    child = await holdInAnotherProcess(dataDir);
    const err = await openStore({ dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain(`in use by process ${child.pid}`);

    // Killed without a chance to clean up: the lock stays behind but its process is gone.
    child.kill('SIGKILL');
    await new Promise((ok) => child!.once('exit', ok));
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(String(child.pid));
    const store = await openStore({ dataDir });
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors.js';

/** Name of the lock file inside a PGlite data folder. */
export const LOCK_FILE = 'medcoder.lock';

/**
 * Claims a PGlite data folder for this process. Each PGlite instance runs its own Postgres on
 * the folder's files with no shared memory, so a second process opening the same folder (say
 * `medcoder import` while `npm start` serves) silently corrupts it. A lock left by a process that
 * has died is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSafe(path));
      // Same process: callers in one process share the folder at their own risk, as before.
      if (holder === process.pid) return () => {};
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new StoreError(
          `the embedded store at ${dataDir} is in use by process ${holder}; stop it first ` +
            '(one process at a time may open a PGlite data folder)',
        );
      }
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new StoreError(`could not lock the embedded store at ${dataDir}`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Whether a process with this pid is running (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { createHmac, randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * The secret that keys the audit chain's MACs. It lives in a file outside the database (the
 * store's data folder by default, or MEDCODER_AUDIT_KEY_FILE), so someone who can rewrite the
 * audit table but not read that file cannot produce MACs that verify. Never stored in the DB:
 * rows carry only the key's fingerprint, so a wrong or replaced key file is named as such.
 */
export interface AuditKey {
  readonly secret: Buffer;
  /** A fingerprint of the key (16 hex), stored on each keyed row. */
  readonly id: string;
  readonly path: string;
}

export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

const KEY_BYTES = 32;
const KEY_TEXT = /^[0-9a-f]{64}$/;

export function keyFingerprint(secret: Buffer): string {
  return createHmac('sha256', secret).update('medcoder audit key fingerprint').digest('hex').slice(0, 16);
}

function keyFrom(secret: Buffer, path: string): AuditKey {
  return { secret, id: keyFingerprint(secret), path };
}

/** A key that lives only in this process (for throw-away in-memory stores). */
export function ephemeralKey(): AuditKey {
  return keyFrom(randomBytes(KEY_BYTES), '(in memory)');
}

/** The key in `path`, or undefined when there is no such file; a malformed file is an error. */
export function readKeyFile(path: string): AuditKey | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuditKeyError(`cannot read the audit key file ${path}: ${(e as Error).message}`);
  }
  if (!KEY_TEXT.test(text))
    throw new AuditKeyError(`the audit key file ${path} does not hold a key (64 hex digits expected)`);
  return keyFrom(Buffer.from(text, 'hex'), path);
}

/** Whether anyone but the owner may read or write the key file (worth a warning). */
export function keyFileTooOpen(path: string): boolean {
  if (process.platform === 'win32') return false;
  return (statSync(path).mode & 0o077) !== 0;
}

/**
 * Creates a new key file readable only by its owner (0600). Written to a temporary name and
 * linked into place, so two processes starting at once agree on one key (the loser reads the
 * winner's) and nobody ever reads a half-written file.
 */
export function createKeyFile(path: string): AuditKey {
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(KEY_BYTES);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${secret.toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const theirs = readKeyFile(path);
    if (!theirs) throw e;
    return theirs;
  } finally {
    unlinkSync(tmp);
  }
  return keyFrom(secret, path);
}

import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { hashPassword, type PublicUser } from './accounts.js';
import { type AuditEntryInput, appendAudit } from './audit.js';
import { clearLoginFailures, isLocked, recordLoginFailure } from './lockout.js';

/**
 * A login attempt: the password check, the per-account lockout (lockout.ts) and the audit trail
 * of it. Every attempt is audit-logged: success, a wrong password (with the account's failure
 * count), an attempt on a locked account (refused without looking at the password, so guessing
 * stops while locked), and the failure that locks an account.
 */
export type LoginOutcome =
  | { ok: true; user: PublicUser }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'locked'; until: Date };

// A real hash to verify against when there is no usable account, so timing does not reveal names.
let dummyHash: Promise<string> | undefined;

async function spendVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verify(await dummyHash, password).catch(() => false);
}

export async function attemptLogin(
  db: Kysely<Database>,
  username: string,
  password: string,
  ip: string | null,
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const name = username.trim().toLowerCase();
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'password_hash', 'active', 'locked_until', 'failed_logins'])
    .where('username', '=', name)
    .executeTakeFirst();
  const audit = (userId: number | null, entries: AuditEntryInput[]) =>
    appendAudit(db, { userId, username: (row?.username ?? username).slice(0, 100), ip }, entries);

  if (!row?.active) {
    await spendVerify(password);
    await audit(row?.id ?? null, [
      {
        action: 'login-failed',
        entityType: 'session',
        entityId: null,
        detail: { reason: row ? 'disabled' : 'unknown-user' },
      },
    ]);
    return { ok: false, reason: 'bad_credentials' };
  }
  if (isLocked(row.locked_until, now)) {
    await audit(row.id, [
      {
        action: 'login-refused',
        entityType: 'user',
        entityId: row.id,
        detail: { reason: 'locked', lockedUntil: row.locked_until!.toISOString() },
      },
    ]);
    return { ok: false, reason: 'locked', until: row.locked_until! };
  }
  const ok = await verify(row.password_hash, password).catch(() => false);
  if (!ok) {
    const outcome = await recordLoginFailure(db, row.id, now);
    await audit(row.id, [
      {
        action: 'login-failed',
        entityType: 'session',
        entityId: null,
        detail: { reason: 'wrong-password', failures: outcome.failures },
      },
      ...(outcome.lockedUntil
        ? [
            {
              action: 'lock',
              entityType: 'user',
              entityId: row.id,
              detail: { failures: outcome.failures, lockedUntil: outcome.lockedUntil.toISOString() },
            } satisfies AuditEntryInput,
          ]
        : []),
    ]);
    return { ok: false, reason: 'bad_credentials' };
  }
  if (row.failed_logins > 0 || row.locked_until) await clearLoginFailures(db, row.id);
  const user = { id: row.id, username: row.username, role: row.role };
  await audit(user.id, [{ action: 'login', entityType: 'session', entityId: null }]);
  return { ok: true, user };
}

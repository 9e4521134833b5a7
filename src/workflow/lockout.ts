import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * Per-account lockout with exponential back-off. The server's per-IP login limit does not stop
 * a guesser spread over many addresses; this does. After LOCKOUT.threshold consecutive failures
 * the account is locked for LOCKOUT.baseMs, and every further failure (counted when the lock has
 * run out and the guess is wrong again) doubles the window up to LOCKOUT.maxMs. A successful
 * login, an admin's password reset or re-enabling the account clears the count.
 */
export const LOCKOUT = {
  threshold: 5,
  baseMs: 60_000,
  maxMs: 60 * 60_000,
} as const;

/** How long the account is locked after its `failures`-th consecutive failure (0: not locked). */
export function lockWindowMs(failures: number, policy: typeof LOCKOUT = LOCKOUT): number {
  if (failures < policy.threshold) return 0;
  const doublings = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.baseMs * 2 ** doublings, policy.maxMs);
}

export interface FailureOutcome {
  failures: number;
  /** Set when this failure locked the account. */
  lockedUntil: Date | null;
}

/**
 * Counts a wrong password for the account. The count is read and written under the row's lock,
 * so concurrent guesses each count and the window follows the true count.
 */
export async function recordLoginFailure(
  db: Kysely<Database>,
  userId: number,
  now: Date = new Date(),
): Promise<FailureOutcome> {
  const run = async (trx: Kysely<Database>) => {
    const row = await trx
      .selectFrom('app_user')
      .select('failed_logins')
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const failures = row.failed_logins + 1;
    const window = lockWindowMs(failures);
    const lockedUntil = window ? new Date(now.getTime() + window) : null;
    await trx
      .updateTable('app_user')
      .set({ failed_logins: failures, ...(lockedUntil ? { locked_until: lockedUntil } : {}) })
      .where('id', '=', userId)
      .execute();
    return { failures, lockedUntil };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Clears the failure count and any lock (successful login, reset, re-enable). */
export async function clearLoginFailures(db: Kysely<Database>, userId: number): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** True while the lock set by the last failures has not run out. */
export function isLocked(lockedUntil: Date | null, now: Date = new Date()): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { UserRole } from '../store/schema-workflow.js';
import { conflict, invalid, notFound, WorkflowError } from './errors.js';
import { assertPasswordPolicy } from './password-policy.js';

/**
 * Accounts and server-side sessions. Passwords are argon2id hashes; a session is a random
 * token in an HTTP-only cookie whose sha256 is the row key, with its own CSRF token that every
 * state-changing request must echo in a header.
 */

/** Every role an account may have; the provider answers the queries addressed to it and sees nothing else. */
export const ROLES: readonly UserRole[] = ['admin', 'supervisor', 'coder', 'auditor', 'biller', 'provider'];

export interface PublicUser {
  id: number;
  username: string;
  role: UserRole;
}

/** An account as the admin's users page lists it. */
export interface AccountView extends PublicUser {
  active: boolean;
  /** ISO time while a lockout (lockout.ts) is in force, else null. */
  lockedUntil: string | null;
  failedLogins: number;
  createdAt: string;
  passwordChangedAt: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export { MIN_PASSWORD } from './password-policy.js';

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function createUser(
  db: Kysely<Database>,
  input: { username: string; password: string; role: UserRole },
): Promise<PublicUser> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username))
    throw invalid(
      'invalid_username',
      'username: 2-40 lower-case letters, digits, dot, dash or underscore',
      'username',
    );
  if (!ROLES.includes(input.role))
    throw invalid('invalid_role', `role must be one of ${ROLES.join(', ')}`, 'role');
  assertPasswordPolicy(input.password, username);
  const password_hash = await hashPassword(input.password);
  const row = await db
    .insertInto('app_user')
    .values({ username, password_hash, role: input.role })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(['id', 'username', 'role'])
    .executeTakeFirst();
  if (!row) throw conflict('username_taken', `user "${username}" already exists`);
  return row;
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<PublicUser | undefined> {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'role'])
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>, now: Date = new Date()): Promise<AccountView[]> {
  const rows = await db
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'role',
      'active',
      'locked_until',
      'failed_logins',
      'created_at',
      'password_changed_at',
    ])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    role: r.role,
    active: r.active,
    lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until.toISOString() : null,
    failedLogins: r.failed_logins,
    createdAt: r.created_at.toISOString(),
    passwordChangedAt: r.password_changed_at.toISOString(),
  }));
}

/** The account by name, active or not (the CLI names accounts); not-found when there is none. */
export async function userByName(db: Kysely<Database>, username: string): Promise<PublicUser> {
  const name = username.trim().toLowerCase();
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role'])
    .where('username', '=', name)
    .executeTakeFirst();
  if (!row) throw notFound('user', `"${name}"`);
  return row;
}

async function accountRow(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'active'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('user', id);
  return row;
}

/** Active admins other than `exceptId`: the last one may not be disabled or demoted. */
async function otherActiveAdmins(db: Kysely<Database>, exceptId: number): Promise<number> {
  const { n } = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Ends every session of the account (all, or all but `keepIdHash`), returning the ended
 * sessions' keys so a server can forget them from its cache at once.
 */
export async function endSessions(
  db: Kysely<Database>,
  userId: number,
  keepIdHash?: string,
): Promise<string[]> {
  let q = db.deleteFrom('app_session').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
  const rows = await q.returning('id_hash').execute();
  return rows.map((r) => r.id_hash);
}

export interface AccountChange {
  user: PublicUser;
  /** Sessions the change ended (see endSessions). */
  endedSessions: string[];
  detail: Record<string, unknown>;
}

const lastAdmin = () =>
  new WorkflowError('conflict', 'last_admin', 'the last active admin cannot be disabled or demoted');

/**
 * Disables or re-enables an account. Disabling ends its sessions at once; re-enabling clears a
 * lockout. The last active admin cannot be disabled (no one could manage accounts then).
 */
export async function setUserActive(
  db: Kysely<Database>,
  id: number,
  active: boolean,
): Promise<AccountChange> {
  return db.transaction().execute(async (trx) => {
    const row = await accountRow(trx, id);
    if (!active && row.role === 'admin' && row.active && (await otherActiveAdmins(trx, id)) === 0)
      throw lastAdmin();
    await trx
      .updateTable('app_user')
      .set(active ? { active, failed_logins: 0, locked_until: null } : { active })
      .where('id', '=', id)
      .execute();
    const endedSessions = active ? [] : await endSessions(trx, id);
    const user = { id: row.id, username: row.username, role: row.role };
    return { user, endedSessions, detail: { username: row.username, from: row.active, to: active } };
  });
}

/** Lifts a lockout (the user who mistyped and called the admin): the failure count starts over. */
export async function unlockUser(db: Kysely<Database>, id: number): Promise<AccountChange> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('app_user')
      .select(['id', 'username', 'role', 'failed_logins', 'locked_until'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('user', id);
    await trx
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
    return {
      user: { id: row.id, username: row.username, role: row.role },
      endedSessions: [],
      detail: {
        username: row.username,
        failures: row.failed_logins,
        lockedUntil: row.locked_until?.toISOString() ?? null,
      },
    };
  });
}

/** Changes an account's role; its sessions end so the new role applies at once. */
export async function setUserRole(db: Kysely<Database>, id: number, role: UserRole): Promise<AccountChange> {
  if (!ROLES.includes(role)) throw invalid('invalid_role', `role must be one of ${ROLES.join(', ')}`, 'role');
  return db.transaction().execute(async (trx) => {
    const row = await accountRow(trx, id);
    if (row.role === 'admin' && role !== 'admin' && row.active && (await otherActiveAdmins(trx, id)) === 0)
      throw lastAdmin();
    await trx.updateTable('app_user').set({ role }).where('id', '=', id).execute();
    const endedSessions = row.role === role ? [] : await endSessions(trx, id);
    return {
      user: { id: row.id, username: row.username, role },
      endedSessions,
      detail: { username: row.username, from: row.role, to: role },
    };
  });
}

/**
 * Sets a new password (an admin's reset, or the CLI's): the policy applies, the lockout is
 * cleared and every session of the account ends, so whoever had the old password is out.
 */
export async function resetPassword(
  db: Kysely<Database>,
  id: number,
  password: string,
): Promise<AccountChange> {
  const pre = await db.selectFrom('app_user').select('username').where('id', '=', id).executeTakeFirst();
  if (!pre) throw notFound('user', id);
  assertPasswordPolicy(password, pre.username);
  const password_hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await accountRow(trx, id);
    await trx
      .updateTable('app_user')
      .set({ password_hash, password_changed_at: new Date(), failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
    const endedSessions = await endSessions(trx, id);
    return {
      user: { id: row.id, username: row.username, role: row.role },
      endedSessions,
      detail: { username: row.username },
    };
  });
}

/**
 * A user changes their own password: the current one must be given (a session left open on a
 * shared workstation must not be enough), the policy applies, and their other sessions end.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  user: PublicUser,
  current: string,
  next: string,
  keepIdHash: string,
): Promise<AccountChange> {
  const row = await db
    .selectFrom('app_user')
    .select(['password_hash'])
    .where('id', '=', user.id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) throw notFound('user', user.id);
  if (!(await verify(row.password_hash, current).catch(() => false)))
    throw new WorkflowError(
      'forbidden',
      'wrong_password',
      'the current password is wrong',
      'currentPassword',
    );
  if (next === current) throw invalid('weak_password', 'the new password is the current one', 'password');
  assertPasswordPolicy(next, user.username);
  const password_hash = await hashPassword(next);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash, password_changed_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const endedSessions = await endSessions(trx, user.id, keepIdHash);
    return { user, endedSessions, detail: { username: user.username } };
  });
}

export interface Session {
  user: PublicUser;
  csrfToken: string;
  idHash: string;
  expiresAt: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createSession(
  db: Kysely<Database>,
  user: PublicUser,
  ip: string | null,
  ttlHours = 12,
): Promise<{ token: string; csrfToken: string; expires: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + ttlHours * 3600_000);
  await db
    .insertInto('app_session')
    .values({ id_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, ip, expires_at: expires })
    .execute();
  return { token, csrfToken, expires };
}

export async function findSession(db: Kysely<Database>, token: string): Promise<Session | undefined> {
  if (!token || token.length > 100) return undefined;
  const idHash = sha256(token);
  const row = await db
    .selectFrom('app_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.role', 's.csrf_token', 's.expires_at'])
    .where('s.id_hash', '=', idHash)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() < Date.now()) return undefined;
  return {
    user: { id: row.id, username: row.username, role: row.role },
    csrfToken: row.csrf_token,
    idHash,
    expiresAt: row.expires_at,
  };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('app_session').where('id_hash', '=', idHash).execute();
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

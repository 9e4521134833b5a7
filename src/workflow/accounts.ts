import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { UserRole } from '../store/schema-workflow.js';
import { conflict, invalid } from './errors.js';

/**
 * Accounts and server-side sessions. Passwords are argon2id hashes; a session is a random
 * token in an HTTP-only cookie whose sha256 is the row key, with its own CSRF token that every
 * state-changing request must echo in a header.
 */

export const ROLES: readonly UserRole[] = ['admin', 'coder', 'auditor', 'biller'];

export interface PublicUser {
  id: number;
  username: string;
  role: UserRole;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const MIN_PASSWORD = 10;

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
  if (typeof input.password !== 'string' || input.password.length < MIN_PASSWORD)
    throw invalid('weak_password', `password must have at least ${MIN_PASSWORD} characters`, 'password');
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

export async function listUsers(db: Kysely<Database>): Promise<PublicUser[]> {
  return db.selectFrom('app_user').select(['id', 'username', 'role']).orderBy('id').execute();
}

// A real hash to verify against when the user does not exist, so timing does not reveal names.
let dummyHash: Promise<string> | undefined;

/** The user when the password matches, else undefined (same cost either way). */
export async function checkPassword(
  db: Kysely<Database>,
  username: string,
  password: string,
): Promise<PublicUser | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'password_hash'])
    .where('username', '=', username.trim().toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return undefined;
  }
  const ok = await verify(row.password_hash, password).catch(() => false);
  return ok ? { id: row.id, username: row.username, role: row.role } : undefined;
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

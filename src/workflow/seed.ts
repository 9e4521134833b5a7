import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isoDaysBefore } from '../codesets/ncci/dates.js';
import { projectRoot } from '../config.js';
import type { UserRole } from '../store/schema-workflow.js';
import { createUser, type PublicUser } from './accounts.js';
import type { Actor, WorkflowContext } from './context.js';
import { DEMO_ENCOUNTERS } from './demo/notes.js';
import { importEncounter, suggestCodes } from './encounters.js';

/**
 * A workbench a new user can log into at once: an admin, a coder, a biller and an auditor, and
 * a handful of synthetic encounters. Idempotent: existing accounts are left alone (their
 * passwords are not changed), encounters are only added to an empty worklist.
 */
export interface SeedAccount {
  username: string;
  role: UserRole;
  /** Present only for an account this run created. */
  password?: string;
}

export interface SeedReport {
  accounts: SeedAccount[];
  encountersCreated: number;
}

const DEMO_USERS: ReadonlyArray<{ username: string; role: UserRole }> = [
  { username: 'admin', role: 'admin' },
  { username: 'coder', role: 'coder' },
  { username: 'biller', role: 'biller' },
  { username: 'auditor', role: 'auditor' },
];

export const newPassword = () => randomBytes(12).toString('base64url');

/**
 * What a start prints about the accounts: a password only for an account this seed created (it
 * is shown this once and kept nowhere), and for existing ones where to set a new password.
 */
export function seedReportLines(accounts: readonly SeedAccount[]): string[] {
  const lines = accounts.map(
    (a) =>
      `${a.role.padEnd(8)} ${a.username.padEnd(8)} ${a.password ? `password: ${a.password}  (shown this once: note it now)` : '(existing account)'}`,
  );
  if (accounts.some((a) => !a.password))
    lines.push(
      'passwords are shown only when an account is created; to set a new one: medcoder user password <username>',
    );
  return lines;
}

export async function seedWorkbench(
  ctx: WorkflowContext,
  passwords: Partial<Record<string, string>> = {},
): Promise<SeedReport> {
  const accounts: SeedAccount[] = [];
  const users = new Map<string, PublicUser>();
  for (const u of DEMO_USERS) {
    const existing = await ctx.db
      .selectFrom('app_user')
      .select(['id', 'username', 'role'])
      .where('username', '=', u.username)
      .executeTakeFirst();
    if (existing) {
      users.set(u.username, existing);
      accounts.push({ username: u.username, role: existing.role });
      continue;
    }
    const password = passwords[u.username] ?? newPassword();
    users.set(u.username, await createUser(ctx.db, { ...u, password }));
    accounts.push({ ...u, password });
  }
  const { n } = await ctx.db
    .selectFrom('encounter')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let encountersCreated = 0;
  if (Number(n) === 0) {
    const actor: Actor = { user: users.get('admin')!, ip: null };
    for (const d of DEMO_ENCOUNTERS) {
      const note = d.sample ? await readFile(join(projectRoot(), 'samples', d.sample), 'utf8') : d.text!;
      const id = await importEncounter(ctx, actor, {
        note,
        patient: { displayName: d.displayName, birthDate: d.birthDate, sex: d.sex },
        visit: { dateOfService: isoDaysBefore(ctx.today(), d.daysAgo), setting: d.setting, payer: d.payer },
      });
      if (d.suggest) await suggestCodes(ctx, actor, id);
      encountersCreated++;
    }
  }
  return { accounts, encountersCreated };
}

import type { Command } from 'commander';
import { openStore, type Store } from '../../store/db.js';
import type { UserRole } from '../../store/schema-workflow.js';
import {
  type AccountChange,
  createUser,
  listUsers,
  ROLES,
  resetPassword,
  setUserActive,
  setUserRole,
  unlockUser,
  userByName,
} from '../../workflow/accounts.js';
import { appendAudit } from '../../workflow/audit.js';
import { WorkflowError } from '../../workflow/errors.js';
import { MIN_PASSWORD } from '../../workflow/password-policy.js';
import { newPassword } from '../../workflow/seed.js';

/**
 * `medcoder user add|list|disable|enable|role|password`: account management from the shell (the
 * first admin, or an admin locked out of the web app). Every change is audit-logged as done by
 * `cli`. A generated password is printed once; a given one is taken from --password or, better
 * (it stays out of the shell history), MEDCODER_PASSWORD.
 */
const CLI_ACTOR = { userId: null, username: 'cli', ip: null } as const;

/** Opens the store, runs, closes; a WorkflowError is a one-line message and exit code 1. */
async function withStore(name: string, run: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore();
  try {
    await run(store);
  } catch (e) {
    if (!(e instanceof WorkflowError)) throw e;
    console.error(`user ${name}: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

async function audited(store: Store, action: string, change: AccountChange): Promise<void> {
  await appendAudit(store.db, CLI_ACTOR, [
    {
      action,
      entityType: 'user',
      entityId: change.user.id,
      detail: { ...change.detail, endedSessions: change.endedSessions.length },
    },
  ]);
}

function roleOption(role: string): UserRole | undefined {
  if (ROLES.includes(role as UserRole)) return role as UserRole;
  console.error(`--role must be one of ${ROLES.join(', ')}`);
  process.exitCode = 2;
  return undefined;
}

export function register(program: Command): void {
  const user = program.command('user').description('workbench accounts');

  user
    .command('add <username>')
    .description(
      'create an account; prints a generated password unless --password or MEDCODER_PASSWORD is given',
    )
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option(
      '--password <password>',
      `password (at least ${MIN_PASSWORD} characters; prefer MEDCODER_PASSWORD)`,
    )
    .action(async (username: string, opts: { role: string; password?: string }) => {
      const role = roleOption(opts.role);
      if (!role) return;
      const given = opts.password ?? process.env.MEDCODER_PASSWORD;
      const password = given ?? newPassword();
      await withStore('add', async (store) => {
        const created = await createUser(store.db, { username, password, role });
        await appendAudit(store.db, CLI_ACTOR, [
          {
            action: 'create',
            entityType: 'user',
            entityId: created.id,
            detail: { username: created.username, role: created.role },
          },
        ]);
        console.log(
          `created ${created.role} "${created.username}" (id ${created.id})${given ? '' : `, password: ${password}`}`,
        );
      });
    });

  user
    .command('list')
    .description('accounts with role, state and lockout')
    .action(async () => {
      await withStore('list', async (store) => {
        for (const u of await listUsers(store.db))
          console.log(
            `${String(u.id).padStart(4)}  ${u.username.padEnd(20)} ${u.role.padEnd(8)} ${u.active ? 'active  ' : 'disabled'}${u.lockedUntil ? `  locked until ${u.lockedUntil}` : ''}`,
          );
      });
    });

  for (const [name, active] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(
        active
          ? 're-enable a disabled account (clears a lockout too)'
          : 'disable an account: it cannot log in and its sessions end (not the last admin)',
      )
      .action(async (username: string) => {
        await withStore(name, async (store) => {
          const target = await userByName(store.db, username);
          const change = await setUserActive(store.db, target.id, active);
          await audited(store, name, change);
          console.log(`${name}d ${change.user.role} "${change.user.username}"`);
        });
      });
  }

  user
    .command('unlock <username>')
    .description('lift a lockout after failed logins')
    .action(async (username: string) => {
      await withStore('unlock', async (store) => {
        const target = await userByName(store.db, username);
        const change = await unlockUser(store.db, target.id);
        await audited(store, 'unlock', change);
        console.log(`unlocked "${change.user.username}"`);
      });
    });

  user
    .command('role <username> <role>')
    .description(`change an account's role (${ROLES.join(', ')}); its sessions end`)
    .action(async (username: string, roleName: string) => {
      const role = roleOption(roleName);
      if (!role) return;
      await withStore('role', async (store) => {
        const target = await userByName(store.db, username);
        const change = await setUserRole(store.db, target.id, role);
        await audited(store, 'role-change', change);
        console.log(`"${change.user.username}" is now ${change.user.role}`);
      });
    });

  user
    .command('password <username>')
    .description(
      'set a new password (the password policy applies; clears a lockout; its sessions end); prints a generated one unless --password or MEDCODER_PASSWORD is given',
    )
    .option('--password <password>', 'the new password (prefer MEDCODER_PASSWORD)')
    .action(async (username: string, opts: { password?: string }) => {
      const given = opts.password ?? process.env.MEDCODER_PASSWORD;
      const password = given ?? newPassword();
      await withStore('password', async (store) => {
        const target = await userByName(store.db, username);
        const change = await resetPassword(store.db, target.id, password);
        await audited(store, 'password-reset', change);
        console.log(
          `password of "${change.user.username}" set${given ? '' : `: ${password}`} (${change.endedSessions.length} session(s) ended)`,
        );
      });
    });
}

import type { Command } from 'commander';
import { openStore } from '../../store/db.js';
import type { UserRole } from '../../store/schema-workflow.js';
import { createUser, ROLES } from '../../workflow/accounts.js';
import { appendAudit } from '../../workflow/audit.js';
import { WorkflowError } from '../../workflow/errors.js';
import { newPassword } from '../../workflow/seed.js';

/** `medcoder user add <name> --role admin`: creates an account (the first admin, typically). */
export function register(program: Command): void {
  program
    .command('user')
    .description('workbench accounts')
    .command('add <username>')
    .description(
      'create an account; prints a generated password unless --password or MEDCODER_PASSWORD is given',
    )
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password <password>', 'password (at least 10 characters; prefer MEDCODER_PASSWORD)')
    .action(async (username: string, opts: { role: string; password?: string }) => {
      if (!ROLES.includes(opts.role as UserRole)) {
        console.error(`--role must be one of ${ROLES.join(', ')}`);
        process.exitCode = 2;
        return;
      }
      const given = opts.password ?? process.env.MEDCODER_PASSWORD;
      const password = given ?? newPassword();
      const store = await openStore();
      try {
        const user = await createUser(store.db, { username, password, role: opts.role as UserRole });
        await appendAudit(store.db, { userId: null, username: 'cli', ip: null }, [
          {
            action: 'create',
            entityType: 'user',
            entityId: user.id,
            detail: { username: user.username, role: user.role },
          },
        ]);
        console.log(
          `created ${user.role} "${user.username}" (id ${user.id})${given ? '' : `, password: ${password}`}`,
        );
      } catch (e) {
        if (!(e instanceof WorkflowError)) throw e;
        console.error(`user add: ${e.message}`);
        process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}

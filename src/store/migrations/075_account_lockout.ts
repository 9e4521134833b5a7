import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * Per-account lockout and password age: consecutive failed logins and the time the account is
 * locked until (accounts/lockout.ts sets both; a successful login clears them), and when the
 * password was last set (by its owner, an admin's reset or the account's creation).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE app_user ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
    ALTER TABLE app_user ADD COLUMN locked_until timestamptz;
    ALTER TABLE app_user ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now();
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE app_user DROP COLUMN password_changed_at;
    ALTER TABLE app_user DROP COLUMN locked_until;
    ALTER TABLE app_user DROP COLUMN failed_logins;
    `,
  );
}

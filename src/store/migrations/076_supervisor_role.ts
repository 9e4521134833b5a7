import type { Kysely } from 'kysely';
import { execScript } from '../exec-script.js';

/**
 * The supervisor role: a coding lead who codes like a coder and also moves work between coders
 * (workflow/ownership.ts), without the admin's say over accounts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
    ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('admin', 'supervisor', 'coder', 'auditor', 'biller'));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
    ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
      CHECK (role IN ('admin', 'coder', 'auditor', 'biller'));
    `,
  );
}

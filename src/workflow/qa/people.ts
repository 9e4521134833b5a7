import type { WorkflowContext } from '../context.js';
import { QA_ROLES } from './access.js';

/**
 * Who a sample can target and who can audit it, for the sample form: the accounts that code
 * (the roles assignEncounter accepts) and the accounts that audit (QA_ROLES), active ones only.
 * Names and roles, nothing else: the form needs no more.
 */
const CODING_ROLES = ['coder', 'supervisor', 'admin'] as const;

export async function qaPeople(ctx: WorkflowContext) {
  const users = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'username', 'role'])
    .where('active', '=', true)
    .orderBy('username')
    .execute();
  return {
    coders: users.filter((u) => (CODING_ROLES as readonly string[]).includes(u.role)),
    auditors: users.filter((u) => QA_ROLES.includes(u.role)),
  };
}

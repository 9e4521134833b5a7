import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { type AuditActor, appendAudit } from './audit.js';
import { lockClaim } from './claim-row.js';
import type { Actor } from './context.js';
import { invalid, WorkflowError } from './errors.js';
import { SUPERVISOR_ROLES } from './ownership.js';

/**
 * Who works a denied claim. As with encounters (ownership.ts), a biller may take an unassigned
 * claim for themself and hand back their own; moving a claim between billers is a supervisor's
 * (or an admin's) job. A claim is assigned to someone who bills: an active biller, supervisor or
 * admin. Refusals are 403s and audit-logged; the assignment and its audit entry commit together.
 */
export const BILLING_ROLES = ['admin', 'supervisor', 'biller'] as const;

/** The people a claim can be assigned to, by name. */
export async function billingAssignees(db: Kysely<Database>) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'role'])
    .where('active', '=', true)
    .where('role', 'in', [...BILLING_ROLES])
    .orderBy('username')
    .execute();
}

/** A refusal found on the locked row; audit-logged once the transaction has rolled back. */
class Refusal extends WorkflowError {
  constructor(
    readonly detail: { tried: 'assign' | 'unassign'; assignee: number | null; to: number | null },
    message: string,
  ) {
    super('forbidden', 'not_assignee', message);
  }
}

/** Assigns a claim to `userId` (null: unassigns it). Returns the new assignee. */
export async function assignClaim(
  db: Kysely<Database>,
  actor: Actor,
  audit: AuditActor,
  claimId: number,
  userId: number | null,
): Promise<{ id: number; username: string } | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await lockClaim(trx, claimId);
      const from = row.assignee_id;
      checkAssignable(actor, claimId, from, userId);
      let to: { id: number; username: string } | null = null;
      if (userId !== null) {
        const user = await trx
          .selectFrom('app_user')
          .select(['id', 'username', 'role', 'active'])
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!user) throw invalid('unknown_user', `user ${userId} does not exist`, 'userId');
        if (!user.active) throw invalid('inactive_user', `user ${userId} is disabled`, 'userId');
        if (!(BILLING_ROLES as readonly string[]).includes(user.role))
          throw invalid('not_a_biller', `user ${userId} is a ${user.role}, not a biller`, 'userId');
        to = { id: user.id, username: user.username };
      }
      await trx.updateTable('claim').set({ assignee_id: userId }).where('id', '=', claimId).execute();
      await appendAudit(trx, audit, [
        {
          action: userId === null ? 'unassign' : 'assign',
          entityType: 'claim',
          entityId: claimId,
          detail: { from, to: userId },
        },
      ]);
      return to;
    });
  } catch (e) {
    if (e instanceof Refusal)
      await appendAudit(db, audit, [
        {
          action: 'refused',
          entityType: 'claim',
          entityId: claimId,
          detail: { ...e.detail, reason: 'not-assignee' },
        },
      ]);
    throw e;
  }
}

/** A biller takes an unassigned claim or hands back their own; a supervisor or admin moves any. */
function checkAssignable(actor: Actor, claimId: number, from: number | null, to: number | null): void {
  if (SUPERVISOR_ROLES.has(actor.user.role)) return;
  const self = actor.user.id;
  const detail = { tried: to === null ? 'unassign' : 'assign', assignee: from, to } as const;
  if (to !== null && to !== self)
    throw new Refusal(detail, 'a biller may only assign a claim to themself; a supervisor assigns others');
  if (from !== null && from !== self)
    throw new Refusal(
      detail,
      `claim ${claimId} is assigned to another biller; only a supervisor may ${to === null ? 'unassign' : 'reassign'} it`,
    );
}

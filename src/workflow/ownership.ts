import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { appendAudit } from './audit.js';
import type { Actor } from './context.js';
import { notFound, WorkflowError } from './errors.js';

/**
 * Who may work an encounter, as a coding team runs its queue. Every coder sees the whole queue
 * and may open any chart (reads are audit-logged), but an encounter assigned to a coder is that
 * coder's: only they change its codes, run the engine on it, raise or close its queries, sign it
 * off or build its claim. An unassigned encounter is open to any coder, who may take it. A coder
 * may hand back (unassign) their own encounter but not take over or hand back a colleague's:
 * moving work between coders is the supervisor's job (the supervisor role, or an admin).
 *
 * Every refusal is audit-logged (action `refused`, the encounter, what was tried and why)
 * with the 403, so a supervisor sees who tried to work what.
 *
 * The changes a coder makes all day (save codes, suggest, queries, sign-off, claim) are checked
 * by `asWorker` where the change already locks the encounter's row (lockEncounter): no extra
 * statement on the hot path, and no gap between the check and the change in which the
 * encounter could be reassigned. Assignment checks first (requireAssignable): it is rare and
 * locks no encounter row. Physician queries have their own rule (queries.ts): only the
 * encounter's assignee asks, and only the addressed provider answers.
 */

export const SUPERVISOR_ROLES = new Set(['admin', 'supervisor']);

/** An action on an encounter the ownership rule covers (the audit entry names it). */
export type WorkAction =
  | 'suggest'
  | 'save-codes'
  | 'query'
  | 'complete'
  | 'build-claim'
  | 'assign'
  | 'unassign';

async function assigneeOf(db: Kysely<Database>, encounterId: number): Promise<number | null> {
  const row = await db
    .selectFrom('encounter')
    .select('assignee_id')
    .where('id', '=', encounterId)
    .executeTakeFirst();
  if (!row) throw notFound('encounter', encounterId);
  return row.assignee_id;
}

interface WorkScope {
  actor: Actor;
  encounterId: number;
  action: WorkAction;
}

const scope = new AsyncLocalStorage<WorkScope>();

/** The refusal lockEncounter throws; asWorker audit-logs it once the change has rolled back. */
class NotAssignee extends WorkflowError {
  constructor(
    readonly encounterId: number,
    readonly assignee: number,
  ) {
    super(
      'forbidden',
      'not_assignee',
      `encounter ${encounterId} is assigned to another coder; only they (or a supervisor) may change it`,
    );
  }
}

/**
 * Runs a change to one encounter as `actor`'s work: the encounter's row lock (lockEncounter)
 * refuses it when the actor is a coder and the encounter is assigned to someone else, and the
 * refusal is audit-logged here, after the change's transaction has rolled back.
 */
export async function asWorker<T>(
  db: Kysely<Database>,
  actor: Actor,
  encounterId: number,
  action: WorkAction,
  change: () => Promise<T>,
): Promise<T> {
  if (actor.user.role !== 'coder') return change();
  try {
    return await scope.run({ actor, encounterId, action }, change);
  } catch (e) {
    if (e instanceof NotAssignee) await auditRefusal(db, actor, encounterId, action, e.assignee);
    throw e;
  }
}

/** Called by lockEncounter with the locked row: throws NotAssignee when asWorker's actor may not change it. */
export function checkWorker(row: { id: number; assignee_id: number | null }): void {
  if (!mayWork(row)) throw new NotAssignee(row.id, row.assignee_id!);
}

/**
 * Whether checkWorker would let asWorker's actor (if any) change this row, without refusing. For
 * a change that works from an unlocked read and only keeps its result if the row is unchanged
 * when written (suggest's fast path): a `false` sends it the locked way, where checkWorker
 * refuses and the refusal is logged as always.
 */
export function mayWork(row: { id: number; assignee_id: number | null }): boolean {
  const work = scope.getStore();
  if (!work || work.encounterId !== row.id) return true;
  return row.assignee_id === null || row.assignee_id === work.actor.user.id;
}

async function auditRefusal(
  db: Kysely<Database>,
  actor: Actor,
  encounterId: number,
  action: WorkAction,
  assignee: number | null,
): Promise<void> {
  await appendAudit(db, { userId: actor.user.id, username: actor.user.username, ip: actor.ip }, [
    {
      action: 'refused',
      entityType: 'encounter',
      entityId: encounterId,
      detail: { tried: action, assignee, reason: 'not-assignee' },
    },
  ]);
}

async function refuse(
  db: Kysely<Database>,
  actor: Actor,
  encounterId: number,
  action: WorkAction,
  assignee: number | null,
  message: string,
): Promise<never> {
  await auditRefusal(db, actor, encounterId, action, assignee);
  throw new WorkflowError('forbidden', 'not_assignee', message);
}

/**
 * Refuses (403, audit-logged) a coder's change to an encounter assigned to someone else.
 * Supervisors and non-coding roles the route already admits (a biller building a claim) pass.
 */
export async function requireWorker(
  db: Kysely<Database>,
  actor: Actor,
  encounterId: number,
  action: WorkAction,
): Promise<void> {
  if (actor.user.role !== 'coder') return;
  const assignee = await assigneeOf(db, encounterId);
  if (assignee === null || assignee === actor.user.id) return;
  await refuse(
    db,
    actor,
    encounterId,
    action,
    assignee,
    `encounter ${encounterId} is assigned to another coder; only they (or a supervisor) may change it`,
  );
}

/**
 * Who may (re)assign: a supervisor anything; a coder may take an unassigned encounter for
 * themself and hand back their own, nothing else.
 */
export async function requireAssignable(
  db: Kysely<Database>,
  actor: Actor,
  encounterId: number,
  to: number | null,
): Promise<void> {
  if (SUPERVISOR_ROLES.has(actor.user.role)) return;
  const assignee = await assigneeOf(db, encounterId);
  const self = actor.user.id;
  if (to === null) {
    if (assignee === self || assignee === null) return;
    return refuse(
      db,
      actor,
      encounterId,
      'unassign',
      assignee,
      `encounter ${encounterId} is assigned to another coder; only a supervisor may unassign it`,
    );
  }
  if (to !== self)
    return refuse(
      db,
      actor,
      encounterId,
      'assign',
      assignee,
      'a coder may only assign an encounter to themself; a supervisor assigns others',
    );
  if (assignee === null || assignee === self) return;
  return refuse(
    db,
    actor,
    encounterId,
    'assign',
    assignee,
    `encounter ${encounterId} is assigned to another coder; only a supervisor may reassign it`,
  );
}

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
 * moving work between coders is the supervisor's job, and the admin role is the supervisor.
 *
 * Every refusal is audit-logged (action `refused`, the encounter, what was tried and why)
 * before the 403 is thrown, so a supervisor sees who tried to work what.
 */

export const SUPERVISOR_ROLES = new Set(['admin']);

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

async function refuse(
  db: Kysely<Database>,
  actor: Actor,
  encounterId: number,
  action: WorkAction,
  assignee: number | null,
  message: string,
): Promise<never> {
  await appendAudit(db, { userId: actor.user.id, username: actor.user.username, ip: actor.ip }, [
    {
      action: 'refused',
      entityType: 'encounter',
      entityId: encounterId,
      detail: { tried: action, assignee, reason: 'not-assignee' },
    },
  ]);
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

/** requireWorker for a physician query's encounter (send and answer name the query). */
export async function requireQueryWorker(db: Kysely<Database>, actor: Actor, queryId: number): Promise<void> {
  if (actor.user.role !== 'coder') return;
  const row = await db
    .selectFrom('physician_query')
    .select('encounter_id')
    .where('id', '=', queryId)
    .executeTakeFirst();
  if (!row) throw notFound('query', queryId);
  await requireWorker(db, actor, row.encounter_id, 'query');
}

import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { UserRole } from '../../store/schema-workflow.js';
import { appendAudit } from '../audit.js';
import type { Actor } from '../context.js';
import { auditActor } from '../encounters.js';
import { WorkflowError } from '../errors.js';

/**
 * Who may do what in a coding-quality audit, and the refusals (403, audit-logged as `refused`
 * on the `qa` entity with what was tried and why, like ownership.ts does for encounters):
 * - audits are run by auditors, supervisors and admins (QA_ROLES); an auditor draws samples for
 *   themself, a supervisor or admin for any of them;
 * - nobody audits their own coding: a sample targeted at its own auditor is refused, and a
 *   random draw leaves out the auditor's own charts;
 * - only a sample's auditor re-codes its items and classifies their variances;
 * - a coder sees their own scores and no one else's.
 * A refusal is written outside any change's transaction (the caller checks before it starts),
 * so the log keeps it although nothing else is written.
 */

export const QA_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'auditor'];

export type QaRefusal =
  | 'own_coding'
  | 'not_sample_auditor'
  | 'sample_for_another'
  | 'other_coder'
  | 'blind_audit';

export async function refuseQa(
  db: Kysely<Database>,
  actor: Actor,
  sampleId: number | null,
  tried: string,
  reason: QaRefusal,
  message: string,
  detail: Record<string, unknown> = {},
): Promise<never> {
  await appendAudit(db, auditActor(actor), [
    { action: 'refused', entityType: 'qa', entityId: sampleId, detail: { tried, reason, ...detail } },
  ]);
  throw new WorkflowError('forbidden', reason, message);
}

/** Refuses anyone but the sample's auditor (re-coding, classifying). */
export async function requireSampleAuditor(
  db: Kysely<Database>,
  actor: Actor,
  item: { id: number; sample_id: number; auditor_id: number; coder_id: number },
  tried: string,
): Promise<void> {
  if (item.auditor_id !== actor.user.id)
    await refuseQa(
      db,
      actor,
      item.sample_id,
      tried,
      'not_sample_auditor',
      `item ${item.id} belongs to another auditor's sample; only that auditor may ${tried} it`,
      { item: item.id },
    );
  // Never true for a drawn item (the draw leaves the auditor's charts out); kept as the last word.
  if (item.coder_id === actor.user.id)
    await refuseQa(
      db,
      actor,
      item.sample_id,
      tried,
      'own_coding',
      'an auditor may not audit their own coding',
      {
        item: item.id,
      },
    );
}

/**
 * The coder whose scores a request may see: a coder only themself (asking for another is
 * refused), everyone else whomever they asked for (or all coders).
 */
export async function scoreScope(
  db: Kysely<Database>,
  actor: Actor,
  coderId: number | undefined,
): Promise<number | undefined> {
  if (actor.user.role !== 'coder') return coderId;
  if (coderId !== undefined && coderId !== actor.user.id)
    await refuseQa(
      db,
      actor,
      null,
      'scores',
      'other_coder',
      "a coder sees their own scores, not another coder's",
      {
        coderId,
      },
    );
  return actor.user.id;
}

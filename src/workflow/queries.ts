import { appendAudit } from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, lockEncounter, recordEvent } from './encounters.js';
import { conflict, invalid, notFound } from './errors.js';

/**
 * Physician queries: drafted by the coder (often from the engine's own query), sent to the
 * provider, answered; the answer is written into the encounter's history so the coder (and an
 * auditor) sees why a code changed. An encounter cannot be completed while a query is out.
 */
export interface NewQuery {
  element: string;
  question: string;
  affectedCodes: string[];
}

export async function createQuery(ctx: WorkflowContext, actor: Actor, encounterId: number, q: NewQuery) {
  if (!q.element.trim()) throw invalid('invalid_query', 'element is empty', 'element');
  if (!q.question.trim()) throw invalid('invalid_query', 'question is empty', 'question');
  return ctx.db.transaction().execute(async (trx) => {
    await lockEncounter(trx, encounterId);
    const { id } = await trx
      .insertInto('physician_query')
      .values({
        encounter_id: encounterId,
        element: q.element.trim(),
        question: q.question.trim(),
        affected_codes: JSON.stringify(q.affectedCodes.map((c) => c.trim().toUpperCase())),
        status: 'draft',
        created_by: actor.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, encounterId, actor, 'query-drafted', null, null, {
      queryId: id,
      element: q.element,
    });
    await appendAudit(trx, auditActor(actor), [
      { action: 'create', entityType: 'query', entityId: id, detail: { encounterId } },
    ]);
    return id;
  });
}

async function moveQuery(
  ctx: WorkflowContext,
  actor: Actor,
  queryId: number,
  from: 'draft' | 'sent',
  to: 'sent' | 'answered',
  answer?: string,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const q = await trx
      .selectFrom('physician_query')
      .selectAll()
      .where('id', '=', queryId)
      .forUpdate()
      .executeTakeFirst();
    if (!q) throw notFound('query', queryId);
    if (q.status !== from) throw conflict('invalid_state', `query ${queryId} is ${q.status}, not ${from}`);
    await trx
      .updateTable('physician_query')
      .set(to === 'answered' ? { status: to, answer: answer!, answered_at: new Date() } : { status: to })
      .where('id', '=', queryId)
      .execute();
    await recordEvent(
      trx,
      q.encounter_id,
      actor,
      to === 'sent' ? 'query-sent' : 'query-answered',
      null,
      null,
      {
        queryId,
        element: q.element,
        ...(answer ? { answer } : {}),
      },
    );
    await appendAudit(trx, auditActor(actor), [
      {
        action: to === 'sent' ? 'send' : 'answer',
        entityType: 'query',
        entityId: queryId,
        detail: { encounterId: q.encounter_id },
      },
    ]);
    return q.encounter_id;
  });
}

export const sendQuery = (ctx: WorkflowContext, actor: Actor, id: number) =>
  moveQuery(ctx, actor, id, 'draft', 'sent');

export function answerQuery(ctx: WorkflowContext, actor: Actor, id: number, answer: string) {
  if (!answer.trim()) throw invalid('invalid_answer', 'answer is empty', 'answer');
  return moveQuery(ctx, actor, id, 'sent', 'answered', answer.trim());
}

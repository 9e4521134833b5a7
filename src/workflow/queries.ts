import type { Kysely } from 'kysely';
import type { CodingResult } from '../coding/types.js';
import type { Database } from '../store/schema.js';
import type { QueryEvidence, QueryKind, QueryStatus } from '../store/schema-workflow.js';
import { type AuditEntryInput, appendAudit } from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, lockEncounter, recordEvent } from './encounters.js';
import { conflict, invalid, notFound, WorkflowError } from './errors.js';
import { checkAnswer, queryChoices } from './query-templates.js';

/**
 * Physician queries, addressed to a provider account. The coder who has the encounter (its
 * assignee) asks: either one of the engine's queries as a multiple-choice template
 * (query-templates.ts), or a question of their own in free text, quoting the note. The provider
 * answers in the workbench (query-inbox.ts shows them their queries); no one else may, and the
 * coder never types the provider's answer. The query is open → answered → closed (the coder has
 * taken the answer in), or withdrawn while open; each step records who and when, in the query,
 * the encounter's history and the audit log. An encounter cannot be finished while a query is open.
 *
 * Every refusal (a coder not the assignee, a provider answering a query not addressed to them)
 * is a 403 written to the audit log after the change has rolled back.
 */

/** A refused query action: the audit entry to write once the transaction has rolled back. */
export class QueryRefusal extends WorkflowError {
  constructor(
    readonly entry: AuditEntryInput,
    code: string,
    message: string,
  ) {
    super('forbidden', code, message);
  }
}

/** Runs `work`; a QueryRefusal it throws is audit-logged (outside its transaction) and rethrown. */
export async function auditingRefusals<T>(
  db: Kysely<Database>,
  actor: Actor,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof QueryRefusal) await appendAudit(db, auditActor(actor), [e.entry]);
    throw e;
  }
}

const refused = (entityType: 'encounter' | 'query', id: number, detail: Record<string, unknown>) => ({
  action: 'refused',
  entityType,
  entityId: id,
  detail,
});

/** What the coder asks: the engine's query number `index` (as the coder saw its element), or their own question. */
export type NewQuery =
  | { kind: 'template'; providerId: number; index: number; element: string }
  | {
      kind: 'free-text';
      providerId: number;
      /** What the question is about (the element a template names), e.g. "acuity of the fracture". */
      topic?: string;
      question: string;
      /** Passages of the note the provider should read, quoted exactly. */
      excerpts?: string[];
      affectedCodes?: string[];
    };

const FREE_TEXT_TOPIC = 'documentation clarification';
/** States in which the codes may still change, so an answer can still change them. */
const ASKABLE = new Set(['new', 'suggested', 'in_review', 'coded', 'denied', 'corrected']);

/** Finds each quoted passage in the note: an excerpt the note does not contain is refused. */
export function locateExcerpts(note: string, excerpts: readonly string[]): QueryEvidence[] {
  return excerpts.map((raw, i) => {
    const text = raw.trim();
    const start = text ? note.indexOf(text) : -1;
    if (start < 0)
      throw invalid('excerpt_not_in_note', `excerpt ${i + 1} is not text of this note`, `excerpts.${i}`);
    return { start, end: start + text.length, text };
  });
}

async function requireProvider(db: Kysely<Database>, providerId: number) {
  const p = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'active'])
    .where('id', '=', providerId)
    .executeTakeFirst();
  if (p?.role !== 'provider' || !p.active)
    throw invalid('not_a_provider', `user ${providerId} is not an active provider account`, 'providerId');
  return p;
}

/** The coder (the encounter's assignee) asks a provider; returns the new query's id. */
export async function askQuery(ctx: WorkflowContext, actor: Actor, encounterId: number, q: NewQuery) {
  if (q.kind === 'free-text' && !q.question.trim())
    throw invalid('invalid_query', 'question is empty', 'question');
  return auditingRefusals(ctx.db, actor, () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await lockEncounter(trx, encounterId, ['note_text', 'suggestion']);
      if (row.assignee_id !== actor.user.id)
        throw new QueryRefusal(
          refused('encounter', encounterId, {
            tried: 'query',
            assignee: row.assignee_id,
            reason: 'not-assignee',
          }),
          'not_assignee',
          `only the coder assigned encounter ${encounterId} may query its provider: take the encounter first`,
        );
      if (!ASKABLE.has(row.state))
        throw conflict(
          'invalid_state',
          `encounter ${encounterId} is ${row.state}: its codes can no longer change`,
        );
      const provider = await requireProvider(trx, q.providerId);
      const asked =
        q.kind === 'template'
          ? fromTemplate(row.suggestion as CodingResult | null, q)
          : freeText(row.note_text, q);
      const open = await trx
        .selectFrom('physician_query')
        .select('id')
        .where('encounter_id', '=', encounterId)
        .where('status', '=', 'open')
        .where('element', '=', asked.element)
        .where('question', '=', asked.question)
        .executeTakeFirst();
      if (open) throw conflict('duplicate_query', `query ${open.id} asks this already and is open`);
      const { id } = await trx
        .insertInto('physician_query')
        .values({
          encounter_id: encounterId,
          kind: q.kind,
          element: asked.element,
          question: asked.question,
          options: JSON.stringify(asked.options),
          affected_codes: JSON.stringify(asked.affectedCodes),
          evidence: JSON.stringify(asked.evidence),
          status: 'open',
          provider_id: provider.id,
          created_by: actor.user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(trx, encounterId, actor, 'query-asked', null, null, {
        queryId: id,
        kind: q.kind,
        element: asked.element,
        provider: provider.username,
      });
      await appendAudit(trx, auditActor(actor), [
        {
          action: 'create',
          entityType: 'query',
          entityId: id,
          detail: { encounterId, kind: q.kind, providerId: provider.id },
        },
      ]);
      return id;
    }),
  );
}

interface Asked {
  element: string;
  question: string;
  options: string[];
  affectedCodes: string[];
  evidence: QueryEvidence[];
}

function fromTemplate(suggestion: CodingResult | null, q: { index: number; element: string }): Asked {
  const t = suggestion?.queries[q.index];
  if (!t || t.element !== q.element)
    throw conflict(
      'stale_template',
      "the engine's queries have changed since the page was loaded: reload it",
    );
  return {
    element: t.element,
    question: t.question,
    options: queryChoices(t.element),
    affectedCodes: t.affectedCodes,
    evidence: t.evidence.map((e) => ({
      start: e.start,
      end: e.end,
      text: e.text,
      ...(e.section ? { section: e.section } : {}),
    })),
  };
}

function freeText(note: string, q: Extract<NewQuery, { kind: 'free-text' }>): Asked {
  return {
    element: q.topic?.trim() || FREE_TEXT_TOPIC,
    question: q.question.trim(),
    options: [],
    affectedCodes: (q.affectedCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean),
    evidence: locateExcerpts(note, q.excerpts ?? []),
  };
}

async function lockQuery(trx: Kysely<Database>, queryId: number) {
  const q = await trx
    .selectFrom('physician_query')
    .select(['id', 'encounter_id', 'element', 'status', 'provider_id', 'options'])
    .where('id', '=', queryId)
    .forUpdate()
    .executeTakeFirst();
  if (!q) throw notFound('query', queryId);
  return q;
}

const wrongState = (id: number, status: QueryStatus, want: QueryStatus) =>
  conflict('invalid_state', `query ${id} is ${status}, not ${want}`);

/**
 * The coder's moves on a query: withdraw an open one (no longer needed, or asked of the wrong
 * provider) or close an answered one (the answer is taken into the codes). Only the encounter's
 * assignee, as for asking.
 */
function coderMove(from: QueryStatus, to: 'withdrawn' | 'closed', event: string) {
  return (ctx: WorkflowContext, actor: Actor, queryId: number) =>
    auditingRefusals(ctx.db, actor, () =>
      ctx.db.transaction().execute(async (trx) => {
        const q = await lockQuery(trx, queryId);
        const row = await lockEncounter(trx, q.encounter_id);
        if (row.assignee_id !== actor.user.id)
          throw new QueryRefusal(
            refused('query', queryId, {
              tried: to === 'closed' ? 'close' : 'withdraw',
              encounterId: q.encounter_id,
              assignee: row.assignee_id,
              reason: 'not-assignee',
            }),
            'not_assignee',
            `only the coder assigned encounter ${q.encounter_id} may ${to === 'closed' ? 'close' : 'withdraw'} its queries`,
          );
        if (q.status !== from) throw wrongState(queryId, q.status, from);
        await trx
          .updateTable('physician_query')
          .set({ status: to, closed_by: actor.user.id, closed_at: new Date() })
          .where('id', '=', queryId)
          .execute();
        await recordEvent(trx, q.encounter_id, actor, event, null, null, { queryId, element: q.element });
        await appendAudit(trx, auditActor(actor), [
          {
            action: to === 'closed' ? 'close' : 'withdraw',
            entityType: 'query',
            entityId: queryId,
            detail: { encounterId: q.encounter_id },
          },
        ]);
        return q.encounter_id;
      }),
    );
}

export const withdrawQuery = coderMove('open', 'withdrawn', 'query-withdrawn');
export const closeQuery = coderMove('answered', 'closed', 'query-closed');

/** A provider's answer: one of a template's choices (text for "other"), or words for a free-text query. */
export interface QueryAnswer {
  option?: string;
  text?: string;
}

/** The addressed provider answers an open query; anyone else is refused (403, audit-logged). */
export async function answerQuery(ctx: WorkflowContext, actor: Actor, queryId: number, answer: QueryAnswer) {
  return auditingRefusals(ctx.db, actor, () =>
    ctx.db.transaction().execute(async (trx) => {
      const q = await lockQuery(trx, queryId);
      if (actor.user.role !== 'provider' || q.provider_id !== actor.user.id)
        throw new QueryRefusal(
          refused('query', queryId, {
            tried: 'answer',
            encounterId: q.encounter_id,
            reason: 'not-addressee',
          }),
          'not_addressee',
          `query ${queryId} is not addressed to you: only its provider answers it`,
        );
      if (q.status !== 'open') throw wrongState(queryId, q.status, 'open');
      const checked = checkAnswer(q.options, answer);
      if ('error' in checked) throw invalid('invalid_answer', checked.error, checked.field);
      await trx
        .updateTable('physician_query')
        .set({
          status: 'answered',
          answer_option: checked.option,
          answer: checked.text,
          answered_by: actor.user.id,
          answered_at: new Date(),
        })
        .where('id', '=', queryId)
        .execute();
      await recordEvent(trx, q.encounter_id, actor, 'query-answered', null, null, {
        queryId,
        element: q.element,
        ...(checked.option ? { option: checked.option } : {}),
        answer: checked.text,
      });
      await appendAudit(trx, auditActor(actor), [
        { action: 'answer', entityType: 'query', entityId: queryId, detail: { encounterId: q.encounter_id } },
      ]);
      return q.encounter_id;
    }),
  );
}

/** The provider accounts a coder may address a query to. */
export async function listProviders(db: Kysely<Database>): Promise<Array<{ id: number; username: string }>> {
  return db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('role', '=', 'provider')
    .where('active', '=', true)
    .orderBy('username')
    .execute();
}

export type { QueryKind };

import type { Kysely } from 'kysely';
import { ageOn } from '../edits/claim.js';
import type { Database } from '../store/schema.js';
import type { QueryEvidence, QueryKind, QueryStatus } from '../store/schema-workflow.js';
import { appendAudit } from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor } from './encounters.js';
import { notFound } from './errors.js';
import { auditingRefusals, QueryRefusal } from './queries.js';

/**
 * The provider's side of physician queries: the queries addressed to them, each with what they
 * need to answer it and nothing more. The patient and visit name the encounter; the question
 * and its choices; and the passages of the note the query points to, each with the rest of its
 * line around it. Not the whole note, not the codes, the payer, the claim or any other encounter:
 * a provider answers a documentation question, they do not work the chart. Reads are audited
 * (the excerpts are note text); a query addressed to someone else is refused (403, audited).
 */
export interface InboxExcerpt {
  /** The passage the query points to, and the text of its line before and after it. */
  before: string;
  text: string;
  after: string;
  section?: string;
}

export interface InboxQuery {
  id: number;
  kind: QueryKind;
  status: QueryStatus;
  element: string;
  question: string;
  options: string[];
  excerpts: InboxExcerpt[];
  askedBy: string | null;
  askedAt: string;
  answerOption: string | null;
  answer: string | null;
  answeredAt: string | null;
  encounter: {
    id: number;
    patient: { displayName: string; age: number; sex: 'F' | 'M' | 'U' };
    dateOfService: string;
    setting: 'outpatient' | 'inpatient';
  };
}

/** At most this many characters of a line either side of an excerpt. */
const CONTEXT = 160;

/** The passage in its line; a span that does not match the note (never expected) shows alone. */
export function excerptOf(note: string, span: QueryEvidence): InboxExcerpt {
  const section = span.section ? { section: span.section } : {};
  if (note.slice(span.start, span.end) !== span.text)
    return { before: '', text: span.text, after: '', ...section };
  const lineStart = note.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = note.indexOf('\n', span.end);
  const before = note.slice(Math.max(lineStart, span.start - CONTEXT), span.start);
  const after = note.slice(span.end, Math.min(lineEnd < 0 ? note.length : lineEnd, span.end + CONTEXT));
  return { before: before.trimStart(), text: span.text, after: after.trimEnd(), ...section };
}

const inboxQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('physician_query as q')
    .innerJoin('encounter as e', 'e.id', 'q.encounter_id')
    .leftJoin('app_user as asker', 'asker.id', 'q.created_by')
    .select([
      'q.id',
      'q.kind',
      'q.status',
      'q.element',
      'q.question',
      'q.options',
      'q.evidence',
      'q.provider_id',
      'q.answer_option',
      'q.answer',
      'q.created_at',
      'q.answered_at',
      'asker.username as asked_by',
      'e.id as encounter_id',
      'e.patient_name',
      'e.birth_date',
      'e.sex',
      'e.date_of_service',
      'e.setting',
      'e.note_text',
    ]);

type InboxRow = Awaited<ReturnType<ReturnType<typeof inboxQuery>['executeTakeFirstOrThrow']>>;

function toInbox(r: InboxRow): InboxQuery {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    element: r.element,
    question: r.question,
    options: r.options,
    excerpts: r.evidence.map((span) => excerptOf(r.note_text, span)),
    askedBy: r.asked_by,
    askedAt: r.created_at.toISOString(),
    answerOption: r.answer_option,
    answer: r.answer,
    answeredAt: r.answered_at?.toISOString() ?? null,
    encounter: {
      id: r.encounter_id,
      patient: { displayName: r.patient_name, age: ageOn(r.birth_date, r.date_of_service), sex: r.sex },
      dateOfService: r.date_of_service,
      setting: r.setting,
    },
  };
}

export const INBOX_LIMIT = 200;

/** The queries addressed to the provider: open ones first (oldest first), then the answered, newest first. */
export async function providerInbox(
  ctx: WorkflowContext,
  actor: Actor,
  filter: { status?: QueryStatus } = {},
): Promise<{ queries: InboxQuery[] }> {
  let q = inboxQuery(ctx.db).where('q.provider_id', '=', actor.user.id);
  if (filter.status) q = q.where('q.status', '=', filter.status);
  const rows = await q
    .orderBy((eb) => eb.case().when('q.status', '=', 'open').then(0).else(1).end())
    .orderBy((eb) =>
      eb
        .case()
        .when('q.status', '=', 'open')
        .then(eb.ref('q.id'))
        .else(eb.neg(eb.ref('q.id')))
        .end(),
    )
    .limit(INBOX_LIMIT)
    .execute();
  await appendAudit(ctx.db, auditActor(actor), [
    {
      action: 'list',
      entityType: 'query',
      entityId: null,
      detail: { filters: filter, returned: rows.length, queries: rows.map((r) => r.id) },
    },
  ]);
  return { queries: rows.map(toInbox) };
}

/** One query addressed to the provider, with its excerpts; another's is refused (403, audited). */
export async function providerQuery(ctx: WorkflowContext, actor: Actor, id: number): Promise<InboxQuery> {
  return auditingRefusals(ctx.db, actor, async () => {
    const row = await inboxQuery(ctx.db).where('q.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('query', id);
    if (row.provider_id !== actor.user.id)
      throw new QueryRefusal(
        {
          action: 'refused',
          entityType: 'query',
          entityId: id,
          detail: { tried: 'read', encounterId: row.encounter_id, reason: 'not-addressee' },
        },
        'not_addressee',
        `query ${id} is not addressed to you`,
      );
    await appendAudit(ctx.db, auditActor(actor), [
      { action: 'read', entityType: 'query', entityId: id, detail: { encounterId: row.encounter_id } },
      {
        action: 'read',
        entityType: 'note',
        entityId: row.encounter_id,
        detail: { excerpts: row.evidence.length },
      },
    ]);
    return toInbox(row);
  });
}

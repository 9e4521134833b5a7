import {
  type ExpressionBuilder,
  type Kysely,
  type QueryCreator,
  type Selectable,
  type Selection,
  sql,
} from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { isoDaysBefore } from '../codesets/ncci/dates.js';
import { CodingInputError } from '../coding/errors.js';
import { parseNoteInput } from '../coding/note-input.js';
import type { CodingResult, EvidenceSpan } from '../coding/types.js';
import { ageOn } from '../edits/claim.js';
import { type ReusableQuery, reusableQuery, rowValues, slotRows } from '../store/reusable-query.js';
import type { Database } from '../store/schema.js';
import type {
  EncounterCodeStatus,
  EncounterState,
  EncounterTable,
  QueryEvidence,
  QueryKind,
  QueryStatus,
} from '../store/schema-workflow.js';
import {
  AUDIT_COLUMNS,
  type AuditEntryInput,
  appendAudit,
  appendAuditAfterHead,
  auditAppended,
  LANE_HEAD_ARGS,
  type LaneHead,
  laneHeadFrom,
  sealAuditRows,
} from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { invalid, notFound } from './errors.js';
import { checkWorker, mayWork } from './ownership.js';
import { ENCOUNTER_STATES, type EncounterAction, nextState } from './states.js';

/**
 * Encounters: a note with its patient and visit, the engine's suggestion, the coder's codes,
 * and a history. Every function here records who did it in the encounter history (changes) and
 * in the audit log (reads and changes), in the same transaction as the change.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface NewEncounter {
  note: string;
  patient: { displayName: string; birthDate: string; sex: 'F' | 'M' | 'U' };
  visit: {
    dateOfService?: string;
    setting: 'outpatient' | 'inpatient';
    payer: string;
    placeOfService?: string;
  };
}

export interface EncounterListItem {
  id: number;
  patient: { displayName: string; age: number; sex: 'F' | 'M' | 'U' };
  dateOfService: string;
  setting: 'outpatient' | 'inpatient';
  payer: string;
  placeOfService: string;
  state: EncounterState;
  assignee: { id: number; username: string } | null;
  createdAt: string;
  /** Days since the date of service (as a coding queue ages work), not since import. */
  ageDays: number;
  codeCount: number;
  /** Physician queries waiting on a provider (open) and answers the coder has not closed yet. */
  queries: { open: number; answered: number };
}

export interface EncounterCodeView {
  code: string;
  title: string;
  sequence: number;
  status: EncounterCodeStatus;
  proposed: string | null;
  evidence: EvidenceSpan[];
}

/** A physician query as the coder sees it on the encounter (queries.ts). */
export interface QueryView {
  id: number;
  kind: QueryKind;
  element: string;
  question: string;
  /** The answer choices (template queries); empty for free text. */
  options: string[];
  affectedCodes: string[];
  evidence: QueryEvidence[];
  status: QueryStatus;
  /** The provider account it is addressed to (null for queries from before migration 080). */
  provider: string | null;
  askedBy: string | null;
  askedAt: string;
  answerOption: string | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
}

export interface EncounterView {
  encounter: EncounterListItem;
  note: { text: string; format: string };
  suggestion: CodingResult | null;
  codes: EncounterCodeView[];
  queries: QueryView[];
  findings: unknown[];
  claim: { id: number; state: string } | null;
  /** The latest VIEW_HISTORY events, oldest first; the rest from encounterHistory. */
  history: HistoryEntry[];
  /** How many events the encounter has in all. */
  historyTotal: number;
}

export interface HistoryEntry {
  at: string;
  by: string | null;
  action: string;
  detail: unknown;
}

/**
 * Events the view carries. The view is read on every open, save and suggestion, and a busy
 * chart's history only grows (every save adds a row): unbounded, it made each of those slower
 * and larger as the chart aged. A chart's usual life (import, suggest, assign, saves, claim,
 * submission, payment or denial, correction) fits; the panel pages the rest in on request.
 */
export const VIEW_HISTORY = 20;

export function isRealDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Checks an import and resolves the note (text or FHIR); throws WorkflowError naming the field. */
export function checkNewEncounter(input: NewEncounter, today: string) {
  let parsed: ReturnType<typeof parseNoteInput>;
  try {
    parsed = parseNoteInput(input.note);
  } catch (e) {
    if (e instanceof CodingInputError) throw invalid('invalid_note', e.message, `note.${e.field}`);
    throw e;
  }
  if (!parsed.text.trim()) throw invalid('empty_note', 'the note has no text', 'note');
  const name = input.patient.displayName.trim();
  if (!name) throw invalid('invalid_patient', 'displayName is empty', 'patient.displayName');
  if (!isRealDate(input.patient.birthDate))
    throw invalid('invalid_date', 'birthDate must be a real YYYY-MM-DD date', 'patient.birthDate');
  const dos = input.visit.dateOfService ?? parsed.dateOfService;
  if (!isRealDate(dos))
    throw invalid(
      'invalid_date',
      'dateOfService must be a real YYYY-MM-DD date (or come from the FHIR document)',
      'visit.dateOfService',
    );
  if (dos > today) throw invalid('invalid_date', 'dateOfService is in the future', 'visit.dateOfService');
  if (input.patient.birthDate > dos)
    throw invalid('invalid_date', 'birthDate is after the date of service', 'patient.birthDate');
  if (ageOn(input.patient.birthDate, dos) > 130)
    throw invalid('invalid_date', 'the patient would be older than 130 years', 'patient.birthDate');
  const payer = input.visit.payer.trim();
  if (!payer) throw invalid('invalid_payer', 'payer is empty', 'visit.payer');
  const pos = input.visit.placeOfService ?? (input.visit.setting === 'inpatient' ? '21' : '11');
  if (!/^\d{2}$/.test(pos))
    throw invalid('invalid_pos', 'placeOfService must be 2 digits', 'visit.placeOfService');
  return { parsed, name, dos, payer, pos };
}

export async function importEncounter(
  ctx: WorkflowContext,
  actor: Actor,
  input: NewEncounter,
): Promise<number> {
  const c = checkNewEncounter(input, ctx.today());
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('encounter')
      .values({
        patient_name: c.name,
        birth_date: input.patient.birthDate,
        sex: input.patient.sex,
        date_of_service: c.dos,
        setting: input.visit.setting,
        payer: c.payer,
        place_of_service: c.pos,
        state: 'new',
        note_text: c.parsed.text,
        note_format: c.parsed.format,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, id, actor, 'import', null, 'new', { format: c.parsed.format });
    await appendAudit(trx, auditActor(actor), [
      { action: 'create', entityType: 'encounter', entityId: id, detail: { format: c.parsed.format } },
      { action: 'create', entityType: 'note', entityId: id, detail: { chars: c.parsed.text.length } },
    ]);
    return id;
  });
}

export const auditActor = (a: Actor) => ({ userId: a.user.id, username: a.user.username, ip: a.ip });

export async function recordEvent(
  db: Kysely<Database>,
  encounterId: number,
  actor: Actor | null,
  action: string,
  from: EncounterState | null,
  to: EncounterState | null,
  detail: unknown = {},
): Promise<void> {
  // The event and the encounter's event count, in one statement (migration 034).
  await db
    .with('counted', (w) =>
      w
        .updateTable('encounter')
        .set((eb) => ({ event_count: eb('event_count', '+', 1) }))
        .where('id', '=', encounterId),
    )
    .insertInto('encounter_event')
    .values(eventRow(encounterId, actor, action, from, to, detail))
    .execute();
}

function eventRow(
  encounterId: number,
  actor: Actor | null,
  action: string,
  from: EncounterState | null,
  to: EncounterState | null,
  detail: unknown,
) {
  return {
    encounter_id: encounterId,
    user_id: actor?.user.id ?? null,
    action,
    from_state: from,
    to_state: to,
    detail: JSON.stringify(detail),
  };
}

/** The encounter's columns a change works from: all but the two large ones, read only on request. */
const STATE_COLUMNS = [
  'id',
  'patient_name',
  'birth_date',
  'sex',
  'date_of_service',
  'setting',
  'payer',
  'place_of_service',
  'state',
  'assignee_id',
  'note_format',
  'claim_id',
  'created_at',
  'updated_at',
] as const;

/**
 * Reads the row FOR UPDATE inside a transaction, so two coders' changes take turns. The note
 * text and the engine's suggestion (kilobytes each) are read only by callers that name them.
 * Inside ownership.ts's asWorker, a coder who is not the assignee is refused here, on the
 * locked row.
 */
export async function lockEncounter<Large extends 'note_text' | 'suggestion' = never>(
  trx: Kysely<Database>,
  id: number,
  large: readonly Large[] = [],
) {
  return lockRow(trx, id, large, false);
}

/**
 * lockEncounter, with the number of the encounter's code rows (all statuses, as the view's
 * `codes`), counted under the row lock: codes change only under it (codes.ts), so the view read
 * later in the transaction has the same number.
 */
async function lockCountingCodes<Large extends 'note_text' | 'suggestion' = never>(
  trx: Kysely<Database>,
  id: number,
  large: readonly Large[] = [],
) {
  return lockRow(trx, id, large, true);
}

async function lockRow<Large extends 'note_text' | 'suggestion', Count extends boolean>(
  trx: Kysely<Database>,
  id: number,
  large: readonly Large[],
  codeCount: Count,
) {
  const key = `${large.join(',')}${codeCount ? '+codes' : ''}`;
  let query = lockQueries.get(key);
  if (!query) {
    query = reusableQuery((db, encounterId: number) =>
      db
        .selectFrom('encounter')
        .select([...STATE_COLUMNS, ...large])
        .$if(codeCount, (q) => q.select(codeCountOf))
        .where('id', '=', encounterId)
        .forUpdate(),
    );
    lockQueries.set(key, query);
  }
  const [row] = (await query.execute(trx, id)) as Array<
    Selection<Database, 'encounter', (typeof STATE_COLUMNS)[number] | Large> &
      (Count extends true ? { code_count: number } : unknown)
  >;
  if (!row) throw notFound('encounter', id);
  checkWorker(row);
  return row;
}
// One statement per set of large columns asked for (there are three), with or without the count.
const lockQueries = new Map<string, ReusableQuery<[number], unknown>>();

/** The encounter's number of code rows, as `code_count` (a select on `encounter`). */
function codeCountOf(eb: ExpressionBuilder<Database, 'encounter'>) {
  return eb
    .selectFrom('encounter_code as c')
    .select(sql<number>`count(*)::int`.as('n'))
    .whereRef('c.encounter_id', '=', 'encounter.id')
    .as('code_count');
}

/**
 * Moves the encounter by `action` (checked by states.ts) and records it: the update and the
 * history row are one statement (a data-modifying WITH), one round trip fewer per change.
 */
export async function transition(
  trx: Kysely<Database>,
  row: { id: number; state: EncounterState },
  actor: Actor | null,
  action: EncounterAction,
  detail: unknown = {},
  extra: Partial<{ assignee_id: number | null; suggestion: string; claim_id: number }> = {},
): Promise<EncounterState> {
  return (await move(trx, row, actor, action, detail, extra, false)).to;
}

/**
 * transition; with `takeLane`, the same statement also takes the transaction's audit lane and
 * reads its head (audit.ts laneHeadFrom), for a change whose only statements after it are its
 * view and audit.
 *
 * With `unchanged` (and `takeLane`), the row is not locked beforehand: the update applies only if
 * the row still has the state, history length and assignee the caller read without a lock, and
 * the history row and the lane are written and taken only then. Every change of an encounter's
 * state, assignee or codes adds a history row (event_count), so an equal count means nothing the
 * caller checked has changed since its read. `head` is undefined when the row had changed: the
 * caller then locks it and goes the usual way, in the same transaction.
 */
async function move(
  trx: Kysely<Database>,
  row: { id: number; state: EncounterState },
  actor: Actor | null,
  action: EncounterAction,
  detail: unknown,
  extra: Partial<{ assignee_id: number | null; suggestion: string; claim_id: number }>,
  takeLane: boolean,
  unchanged?: { eventCount: number; assigneeId: number | null },
): Promise<{ to: EncounterState; head: LaneHead | undefined }> {
  if (unchanged && !takeLane) throw new Error('move: an unlocked move must take the audit lane');
  const to = nextState(row.state, action);
  const columns = Object.keys(extra) as Array<keyof typeof extra>;
  const key = `${columns.join(',')}${takeLane ? '+lane' : ''}${unchanged ? '+unchanged' : ''}`;
  let query = transitionQueries.get(key);
  if (!query) {
    query = reusableQuery(
      (
        db,
        id: number,
        from: EncounterState,
        into: EncounterState,
        at: Date,
        userId: number | null,
        act: string,
        detailJson: string,
        ...values: unknown[]
      ) => {
        // The lane's two arguments follow the extra columns' values, then `unchanged`'s two.
        const [lockKey, lanes, eventCount, assigneeId] = values.slice(columns.length);
        const moved = db.with('moved', (w) =>
          w
            .updateTable('encounter')
            .set((eb) => ({
              state: into,
              updated_at: at,
              event_count: eb('event_count', '+', 1),
              ...(Object.fromEntries(columns.map((c, i) => [c, values[i]])) as typeof extra),
            }))
            .where('id', '=', id)
            .$if(unchanged !== undefined, (q) =>
              q
                .where('state', '=', from)
                .where('event_count', '=', eventCount as number)
                .where('assignee_id', 'is not distinct from', assigneeId as number | null)
                .returning('id'),
            ),
        );
        // The history row's values but its encounter, typed: in INSERT ... SELECT (the unlocked
        // move) parameters are not typed by the target columns.
        const history = {
          user_id: sql<number | null>`${userId}::integer`,
          action: sql<string>`${act}::text`,
          from_state: sql<string>`${from}::text`,
          to_state: sql<string>`${into}::text`,
          detail: sql<string>`${detailJson}::jsonb`,
        };
        if (unchanged) {
          // Recorded only if the row moved: its id comes from the update's RETURNING.
          return moved
            .with('recorded', (w) =>
              w
                .insertInto('encounter_event')
                .columns(['encounter_id', 'user_id', 'action', 'from_state', 'to_state', 'detail'])
                .expression((eb) =>
                  eb
                    .selectFrom('moved')
                    .select([
                      'moved.id',
                      history.user_id.as('user_id'),
                      history.action.as('action'),
                      history.from_state.as('from_state'),
                      history.to_state.as('to_state'),
                      history.detail.as('detail'),
                    ]),
                ),
            )
            .selectFrom(laneHeadFrom(lockKey, lanes).as('h'))
            .where(({ exists, selectFrom }) => exists(selectFrom('moved').select('moved.id')))
            .selectAll('h');
        }
        const event = { encounter_id: id, ...history };
        if (!takeLane) return moved.insertInto('encounter_event').values(event);
        return moved
          .with('recorded', (w) => w.insertInto('encounter_event').values(event))
          .selectFrom(laneHeadFrom(lockKey, lanes).as('h'))
          .selectAll();
      },
    );
    transitionQueries.set(key, query);
  }
  // The history row's values as recordEvent writes them; the statement places them.
  const event = eventRow(row.id, actor, action, row.state, to, detail);
  const rows = await query.execute(
    trx,
    event.encounter_id,
    event.from_state,
    to,
    new Date(),
    event.user_id,
    event.action,
    event.detail,
    ...columns.map((c) => extra[c]),
    ...(takeLane ? LANE_HEAD_ARGS : []),
    ...(unchanged ? [unchanged.eventCount, unchanged.assigneeId] : []),
  );
  return { to, head: takeLane ? (rows[0] as LaneHead | undefined) : undefined };
}
// One statement per set of extra columns a caller sets (a handful of call sites), and whether it
// takes the audit lane.
// biome-ignore lint/suspicious/noExplicitAny: the argument list differs per set of columns
const transitionQueries = new Map<string, ReusableQuery<any[], unknown>>();

/** Worklist orders: a column, ascending or descending (`descending` with `age`: the oldest work first). */
export const LIST_SORTS = [
  'imported',
  'patient',
  'dateOfService',
  'age',
  'payer',
  'state',
  'assignee',
] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export interface ListFilters {
  state?: EncounterState;
  assignee?: number | 'me' | 'none';
  /** Part of the payer's name, any case. */
  payer?: string;
  /** Only encounters whose date of service is at least this many days ago. */
  minAgeDays?: number;
  /** `open`: waiting on a provider's answer; `answered`: an answer the coder has not closed. */
  query?: 'open' | 'answered';
  sort?: ListSort;
  descending?: boolean;
  limit?: number;
  offset?: number;
}

/** A LIKE pattern matching `text` anywhere, its own wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

export async function listEncounters(ctx: WorkflowContext, actor: Actor, f: ListFilters) {
  const today = ctx.today();
  // Counts by state use every filter except the state itself, so the tabs show what each holds.
  let base = ctx.db.selectFrom('encounter as e');
  if (f.assignee !== undefined) {
    base =
      f.assignee === 'none'
        ? base.where('e.assignee_id', 'is', null)
        : base.where('e.assignee_id', '=', f.assignee === 'me' ? actor.user.id : f.assignee);
  }
  if (f.payer) base = base.where('e.payer', 'ilike', containing(f.payer));
  if (f.minAgeDays !== undefined)
    base = base.where('e.date_of_service', '<=', isoDaysBefore(today, f.minAgeDays));
  if (f.query) {
    const status = f.query;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('physician_query as pq')
          .select('pq.id')
          .whereRef('pq.encounter_id', '=', 'e.id')
          .where('pq.status', '=', status),
      ),
    );
  }
  const countRows = await base
    .select(['e.state', sql<number>`count(*)::int`.as('n')])
    .groupBy('e.state')
    .execute();
  const counts: Record<string, number> = Object.fromEntries(ENCOUNTER_STATES.map((s) => [s, 0]));
  for (const r of countRows) counts[r.state] = r.n;
  const filtered = f.state ? base.where('e.state', '=', f.state) : base;
  const total = f.state ? (counts[f.state] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  const [sortColumn, reversed] = SORT_COLUMN[f.sort ?? 'imported'];
  const sortBackwards = reversed !== (f.descending ?? false);
  const rows = await filtered
    .leftJoin('app_user as u', 'u.id', 'e.assignee_id')
    .select([
      'e.id',
      'e.patient_name',
      'e.birth_date',
      'e.sex',
      'e.date_of_service',
      'e.setting',
      'e.payer',
      'e.place_of_service',
      'e.state',
      'e.assignee_id',
      'e.created_at',
      'u.username',
      (eb) =>
        eb
          .selectFrom('encounter_code as c')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('c.encounter_id', '=', 'e.id')
          .where('c.status', '!=', 'rejected')
          .as('code_count'),
      (eb) =>
        eb
          .selectFrom('physician_query as q')
          .select(sql<number>`count(*) FILTER (WHERE q.status = 'open')::int`.as('n'))
          .whereRef('q.encounter_id', '=', 'e.id')
          .as('open_queries'),
      (eb) =>
        eb
          .selectFrom('physician_query as q')
          .select(sql<number>`count(*) FILTER (WHERE q.status = 'answered')::int`.as('n'))
          .whereRef('q.encounter_id', '=', 'e.id')
          .as('answered_queries'),
    ])
    .orderBy(sql.raw(sortColumn), sortBackwards ? 'desc' : 'asc')
    .orderBy('e.id', f.descending ? 'desc' : 'asc')
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute();
  await appendAudit(ctx.db, auditActor(actor), [
    {
      action: 'list',
      entityType: 'encounter',
      entityId: null,
      detail: { filters: f, returned: rows.length },
    },
  ]);
  return {
    items: rows.map((r) =>
      toListItem(r, r.username ?? null, Number(r.code_count ?? 0), today, {
        open: Number(r.open_queries ?? 0),
        answered: Number(r.answered_queries ?? 0),
      }),
    ),
    total,
    counts,
  };
}

/**
 * The expression each sort orders by (a fixed list, never the caller's text), and whether its
 * ascending order runs the column backwards: age ascending is the youngest work (the latest date
 * of service) first, as the Age column reads; descending puts the oldest work on top.
 */
const SORT_COLUMN: Record<ListSort, [string, boolean]> = {
  imported: ['e.created_at', false],
  patient: ['lower(e.patient_name)', false],
  dateOfService: ['e.date_of_service', false],
  age: ['e.date_of_service', true],
  payer: ['lower(e.payer)', false],
  state: ['e.state', false],
  assignee: ['u.username', false],
};

type EncounterRow = Pick<
  Selectable<EncounterTable>,
  | 'id'
  | 'patient_name'
  | 'birth_date'
  | 'sex'
  | 'date_of_service'
  | 'setting'
  | 'payer'
  | 'place_of_service'
  | 'state'
  | 'assignee_id'
  | 'created_at'
>;

function toListItem(
  r: EncounterRow,
  username: string | null,
  codeCount: number,
  today: string,
  queries: { open: number; answered: number },
): EncounterListItem {
  return {
    id: r.id,
    patient: { displayName: r.patient_name, age: ageOn(r.birth_date, r.date_of_service), sex: r.sex },
    dateOfService: r.date_of_service,
    setting: r.setting,
    payer: r.payer,
    placeOfService: r.place_of_service,
    state: r.state,
    assignee: r.assignee_id !== null && username !== null ? { id: r.assignee_id, username } : null,
    createdAt: r.created_at.toISOString(),
    ageDays: Math.round(
      (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.date_of_service}T00:00:00Z`)) / DAY_MS,
    ),
    codeCount,
    queries,
  };
}

/**
 * The full encounter view; audited as a read of the encounter, its note and its codes. The
 * reads and the audit append share one transaction: one connection turn on the embedded store
 * and one commit, instead of five separate queries and a second transaction.
 */
export async function encounterView(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  db: Kysely<Database> = ctx.db,
): Promise<EncounterView> {
  const run = (trx: Kysely<Database>) => viewAfterChange(trx, actor, id, []);
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * Inside a change's transaction: reads the view as the change left it and appends the change's
 * audit entries and the read's in one append, last, so the audit chain's critical section (its
 * lock, the last hash, the insert) is the end of the transaction and lasts only until commit.
 * The view's statement takes the audit lane and reads its head too; with `lane` (the change's
 * last statement took it, and counted the encounter's codes under the row lock), the view's
 * statement writes the audit rows as well: one or two round trips where there were three.
 */
export async function viewAfterChange(
  trx: Kysely<Database>,
  actor: Actor,
  id: number,
  changes: readonly AuditEntryInput[],
  lane?: { head: LaneHead; codeCount: number },
): Promise<EncounterView> {
  const entries = (codes: number): AuditEntryInput[] => [
    ...changes,
    { action: 'read', entityType: 'encounter', entityId: id },
    { action: 'read', entityType: 'note', entityId: id },
    { action: 'read', entityType: 'code', entityId: id, detail: { codes } },
  ];
  if (!lane) {
    const [row] = await viewTakingLaneQuery.execute(trx, id, ...LANE_HEAD_ARGS);
    if (!row) throw notFound('encounter', id);
    const view = toView(row);
    await appendAuditAfterHead(trx, auditActor(actor), entries(view.codes.length), row);
    return view;
  }
  const logged = entries(lane.codeCount);
  const rows = await sealAuditRows(trx, auditActor(actor), logged, lane.head);
  const [row] = await viewLoggingQuery(rows.length).execute(
    trx,
    id,
    ...rowValues('audit_log', AUDIT_COLUMNS, rows),
  );
  if (!row) throw notFound('encounter', id);
  const view = toView(row);
  // The audit row states the codes the view shows: were they ever to differ, nothing is kept.
  if (view.codes.length !== lane.codeCount)
    throw new Error(
      `encounter ${id}: ${view.codes.length} codes in the view, ${lane.codeCount} counted under the lock`,
    );
  auditAppended(trx, rows.length);
  return view;
}

/**
 * The view in one query: the encounter row with its codes, queries, history and claim as JSON
 * arrays built by the database. One statement instead of five matters on the embedded store,
 * where each statement is a full protocol round trip on the server's only thread.
 */
const viewSelect = (db: QueryCreator<Database>, id: number) =>
  db
    .selectFrom('encounter as e')
    .leftJoin('app_user as u', 'u.id', 'e.assignee_id')
    .selectAll('e')
    .select((eb) => [
      'u.username',
      jsonArrayFrom(
        eb
          .selectFrom('encounter_code as c')
          .select(['c.code', 'c.title', 'c.sequence', 'c.status', 'c.proposed', 'c.evidence'])
          .whereRef('c.encounter_id', '=', 'e.id')
          .orderBy('c.sequence'),
      ).as('codes'),
      jsonArrayFrom(
        eb
          .selectFrom('physician_query as q')
          .leftJoin('app_user as qp', 'qp.id', 'q.provider_id')
          .leftJoin('app_user as qa', 'qa.id', 'q.created_by')
          .leftJoin('app_user as qn', 'qn.id', 'q.answered_by')
          .leftJoin('app_user as qc', 'qc.id', 'q.closed_by')
          .select([
            'q.id',
            'q.kind',
            'q.element',
            'q.question',
            'q.options',
            'q.affected_codes',
            'q.evidence',
            'q.status',
            'q.answer_option',
            'q.answer',
            'q.created_at',
            'q.answered_at',
            'q.closed_at',
            'qp.username as provider',
            'qa.username as asked_by',
            'qn.username as answered_by',
            'qc.username as closed_by',
          ])
          .whereRef('q.encounter_id', '=', 'e.id')
          .orderBy('q.id'),
      ).as('queries'),
      jsonArrayFrom(
        eb
          // The latest events alone first (a backward scan of encounter_event_recent that stops
          // after VIEW_HISTORY rows), then their users.
          .selectFrom((inner) =>
            inner
              .selectFrom('encounter_event as ev')
              .select([
                'ev.id',
                'ev.at',
                'ev.user_id',
                'ev.action',
                'ev.detail',
                'ev.from_state',
                'ev.to_state',
              ])
              .whereRef('ev.encounter_id', '=', 'e.id')
              .orderBy('ev.id', 'desc')
              .limit(VIEW_HISTORY)
              .as('recent'),
          )
          .leftJoin('app_user as eu', 'eu.id', 'recent.user_id')
          .select([
            'recent.at',
            'eu.username',
            'recent.action',
            'recent.detail',
            'recent.from_state',
            'recent.to_state',
          ])
          .orderBy('recent.id'),
      ).as('events'),
      jsonObjectFrom(
        eb.selectFrom('claim as cl').select(['cl.id', 'cl.status']).whereRef('cl.id', '=', 'e.claim_id'),
      ).as('claim'),
    ])
    .where('e.id', '=', id);

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewSelect>['execute']>>[number];

/** The view, taking the audit lane and reading its head (audit.ts laneHeadFrom) in the same statement. */
const viewTakingLaneQuery = reusableQuery((db, id: number, lockKey: number, lanes: number) =>
  viewSelect(db, id).crossJoin(laneHeadFrom(lockKey, lanes).as('h')).selectAll('h'),
);

/** The view, inserting `n` sealed audit rows (sealAuditRows, AUDIT_COLUMNS' values row after row). */
function viewLoggingQuery(n: number) {
  let query = viewLoggingQueries.get(n);
  if (!query) {
    query = reusableQuery((db, id: number, ...values: unknown[]) =>
      viewSelect(
        db.with('logged', (w) =>
          w.insertInto('audit_log').values(slotRows(AUDIT_COLUMNS, n, values) as never),
        ) as unknown as QueryCreator<Database>,
        id,
      ),
    );
    viewLoggingQueries.set(n, query);
  }
  return query;
}
const viewLoggingQueries = new Map<number, ReusableQuery<[number, ...unknown[]], ViewRow>>();

function toView(row: ViewRow): EncounterView {
  const nonRejected = row.codes.filter((c) => c.status !== 'rejected').length;
  const waiting = (status: QueryStatus) => row.queries.filter((q) => q.status === status).length;
  return {
    encounter: toListItem(row, row.username ?? null, nonRejected, new Date().toISOString().slice(0, 10), {
      open: waiting('open'),
      answered: waiting('answered'),
    }),
    note: { text: row.note_text, format: row.note_format },
    suggestion: (row.suggestion as CodingResult | null) ?? null,
    codes: row.codes.map((c) => ({
      code: c.code,
      title: c.title,
      sequence: c.sequence,
      status: c.status,
      proposed: c.proposed,
      evidence: c.evidence as EvidenceSpan[],
    })),
    queries: row.queries.map((q) => ({
      id: q.id,
      kind: q.kind,
      element: q.element,
      question: q.question,
      options: q.options,
      affectedCodes: q.affected_codes,
      evidence: q.evidence,
      status: q.status,
      provider: q.provider,
      askedBy: q.asked_by,
      askedAt: isoTime(q.created_at),
      answerOption: q.answer_option,
      answer: q.answer,
      answeredBy: q.answered_by,
      answeredAt: q.answered_at === null ? null : isoTime(q.answered_at),
      closedBy: q.closed_by,
      closedAt: q.closed_at === null ? null : isoTime(q.closed_at),
    })),
    findings: [],
    claim: row.claim ? { id: row.claim.id, state: row.claim.status } : null,
    history: row.events.map(toHistoryEntry),
    historyTotal: row.event_count,
  };
}

/** A timestamp read inside a JSON array (it arrives as text there), as ISO. */
const isoTime = (t: string | Date) => new Date(t).toISOString();

/** An event row as the view shows it: timestamps inside JSON arrive as text, normalised to ISO. */
function toHistoryEntry(e: {
  at: string | Date;
  username: string | null;
  action: string;
  detail: unknown;
  from_state: string | null;
  to_state: string | null;
}): HistoryEntry {
  return {
    at: isoTime(e.at),
    by: e.username ?? null,
    action: e.action,
    detail: {
      ...(e.detail as object),
      ...(e.from_state !== e.to_state ? { from: e.from_state, to: e.to_state } : {}),
    },
  };
}

export const MAX_HISTORY_PAGE = 500;

/**
 * An encounter's history a page at a time, oldest first (`offset` counts from the first event),
 * for the events beyond the view's latest VIEW_HISTORY. Reading it is audited as a read of the
 * encounter.
 */
export async function encounterHistory(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  page: { offset?: number; limit?: number } = {},
): Promise<{ total: number; offset: number; events: HistoryEntry[] }> {
  const offset = page.offset ?? 0;
  const limit = Math.min(page.limit ?? 100, MAX_HISTORY_PAGE);
  return ctx.db.transaction().execute(async (trx) => {
    // The total is the count the view shows too (event_count, migration 034).
    const found = await trx
      .selectFrom('encounter')
      .select('event_count')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found) throw notFound('encounter', id);
    const rows = await trx
      .selectFrom('encounter_event as ev')
      .leftJoin('app_user as eu', 'eu.id', 'ev.user_id')
      .select(['ev.at', 'eu.username', 'ev.action', 'ev.detail', 'ev.from_state', 'ev.to_state'])
      .where('ev.encounter_id', '=', id)
      .orderBy('ev.id')
      .offset(offset)
      .limit(limit)
      .execute();
    await appendAudit(trx, auditActor(actor), [
      { action: 'read', entityType: 'encounter', entityId: id, detail: { history: { offset, limit } } },
    ]);
    return { total: found.event_count, offset, events: rows.map(toHistoryEntry) };
  });
}

/** What the engine reads from an encounter; none of it changes after import. */
type EngineInput = Pick<
  Selectable<EncounterTable>,
  'note_text' | 'setting' | 'date_of_service' | 'birth_date' | 'sex'
>;

const ENGINE_INPUT = ['note_text', 'setting', 'date_of_service', 'birth_date', 'sex'] as const;
/**
 * The engine's input, unlocked, with what suggest's unlocked move checks and its view counts:
 * state, assignee, history length and number of code rows, all from one snapshot.
 */
const engineInputQuery = reusableQuery((db, id: number) =>
  db
    .selectFrom('encounter')
    .select([...ENGINE_INPUT, 'id', 'state', 'assignee_id', 'event_count'])
    .select(codeCountOf)
    .where('id', '=', id),
);

function runEngine(ctx: WorkflowContext, r: EngineInput): Promise<CodingResult> {
  return ctx.coder.code({
    text: r.note_text,
    setting: r.setting,
    dateOfService: r.date_of_service,
    age: ageOn(r.birth_date, r.date_of_service),
    sex: r.sex,
  });
}

/** What a suggestion records: the history row's detail, the stored result and the audit entry. */
function suggestionRecord(id: number, result: CodingResult) {
  return {
    detail: {
      codes: result.codes.map((c) => c.code),
      queries: result.queries.length,
      fiscalYear: result.release.fiscalYear,
    },
    extra: { suggestion: JSON.stringify(result) },
    change: {
      action: 'suggest',
      entityType: 'code',
      entityId: id,
      detail: { proposed: result.codes.map((c) => c.code) },
    } satisfies AuditEntryInput,
  };
}

/**
 * Runs the coding engine on the note; the result is stored as the encounter's suggestion. The
 * engine (milliseconds of CPU) runs before the transaction, on an unlocked read, so no row lock
 * or connection is held while it works; the transaction then only stores and audits.
 * With `view`, the encounter view is read in the same transaction and returned.
 *
 * With `view`, the store is written without locking the row first when the unlocked read still
 * holds (move's `unchanged`: same state, assignee and history length), one statement fewer on
 * the workbench's busiest change; a row changed meanwhile, or one the actor may not work, is
 * locked and checked as every other change is.
 */
export async function suggestCodes(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  options: { view?: boolean } = {},
): Promise<EncounterView | undefined> {
  const [before] = await engineInputQuery.execute(ctx.db, id);
  if (!before) throw notFound('encounter', id);
  nextState(before.state, 'suggest'); // a move that is not allowed fails before the engine runs
  // Built once: the locked path below reuses it unless the engine's inputs changed.
  const early = suggestionRecord(id, await runEngine(ctx, before));
  return ctx.db.transaction().execute(async (trx) => {
    if (options.view && mayWork(before)) {
      const { detail, extra, change } = early;
      const { head } = await move(trx, before, actor, 'suggest', detail, extra, true, {
        eventCount: before.event_count,
        assigneeId: before.assignee_id,
      });
      if (head) return viewAfterChange(trx, actor, id, [change], { head, codeCount: before.code_count ?? 0 });
    }
    const row = await lockCountingCodes(trx, id, ['note_text']);
    // The engine's inputs never change after import; should that ever change, recompute here
    // rather than store a suggestion for a note the encounter no longer has.
    const same = ENGINE_INPUT.every((k) => row[k] === before[k]);
    const { detail, extra, change } = same ? early : suggestionRecord(id, await runEngine(ctx, row));
    if (options.view) {
      // The move takes the audit lane, and the view's statement writes the audit rows.
      const { head } = await move(trx, row, actor, 'suggest', detail, extra, true);
      if (!head) throw new Error('audit_lane_head returned no row');
      return viewAfterChange(trx, actor, id, [change], { head, codeCount: row.code_count });
    }
    await transition(trx, row, actor, 'suggest', detail, extra);
    await appendAudit(trx, auditActor(actor), [change]);
    return undefined;
  });
}

export async function assignEncounter(ctx: WorkflowContext, actor: Actor, id: number, userId: number | null) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockEncounter(trx, id);
    if (userId !== null) {
      const user = await trx
        .selectFrom('app_user')
        .select(['id', 'role', 'active'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) throw invalid('unknown_user', `user ${userId} does not exist`, 'userId');
      if (!user.active) throw invalid('inactive_user', `user ${userId} is disabled`, 'userId');
      if (user.role !== 'coder' && user.role !== 'supervisor' && user.role !== 'admin')
        throw invalid('not_a_coder', `user ${userId} is a ${user.role}, not a coder`, 'userId');
    }
    await transition(
      trx,
      row,
      actor,
      'assign',
      { from: row.assignee_id, to: userId },
      { assignee_id: userId },
    );
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'assign',
        entityType: 'encounter',
        entityId: id,
        detail: { from: row.assignee_id, to: userId },
      },
    ]);
  });
}

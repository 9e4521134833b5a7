import type { Kysely } from 'kysely';
import { ageOn } from '../../edits/claim.js';
import type { Database } from '../../store/schema.js';
import type { QaCode, VarianceKind } from '../../store/schema-qa.js';
import { appendAudit } from '../audit.js';
import type { Actor, WorkflowContext } from '../context.js';
import { auditActor } from '../encounters.js';
import { conflict, invalid, notFound } from '../errors.js';
import { requireSampleAuditor } from './access.js';
import { type Comparison, compareCodes, type Variance } from './comparison.js';

/**
 * Blind re-coding of one sampled chart. Until the auditor submits, an item shows the note and
 * the visit (date of service, setting, the patient's age and sex) and nothing of the coder's
 * work: not the codes, not the engine's suggestion, not the chart's history (server/qa-blind.ts
 * keeps the encounter's own routes from showing them either). Submitting is final — the
 * auditor has seen the coder's codes from then on — and answers with the comparison; the
 * auditor then classifies each variance, as often as they like, with a comment.
 */

export const VARIANCE_KINDS: readonly VarianceKind[] = [
  'wrong_code',
  'specificity',
  'missing_code',
  'extra_code',
  'sequencing',
  'other',
];

export const MAX_AUDIT_CODES = 50;

export interface ClassifiedVariance extends Variance {
  /** The auditor's classification; null until given. */
  kind: VarianceKind | null;
  comment: string;
  classifiedBy: string | null;
  classifiedAt: string | null;
}

export interface ItemView {
  item: {
    id: number;
    sampleId: number;
    position: number;
    encounterId: number;
    status: 'pending' | 'submitted';
    submittedAt: string | null;
    auditor: { id: number; username: string };
    coder: { id: number; username: string };
  };
  encounter: {
    dateOfService: string;
    setting: 'outpatient' | 'inpatient';
    payer: string;
    patient: { age: number; sex: 'F' | 'M' | 'U' };
  };
  note: { text: string; format: string };
  auditorCodes: QaCode[] | null;
  /** Present once the auditor has submitted; never before. */
  coderCodes?: QaCode[];
  comparison?: Omit<Comparison, 'variances'> & { variances: ClassifiedVariance[] };
}

function itemQuery(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('qa_item as i')
    .innerJoin('qa_sample as s', 's.id', 'i.sample_id')
    .innerJoin('encounter as e', 'e.id', 'i.encounter_id')
    .innerJoin('app_user as a', 'a.id', 's.auditor_id')
    .innerJoin('app_user as c', 'c.id', 'i.coder_id')
    .select([
      'i.id',
      'i.sample_id',
      'i.position',
      'i.encounter_id',
      'i.coder_id',
      'i.coder_codes',
      'i.auditor_codes',
      'i.submitted_at',
      'i.date_of_service',
      's.auditor_id',
      'a.username as auditor',
      'c.username as coder',
      'e.setting',
      'e.payer',
      'e.birth_date',
      'e.sex',
      'e.note_text',
      'e.note_format',
    ])
    .where('i.id', '=', id);
}

type ItemRow = NonNullable<Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirst']>>>;

async function readItem(db: Kysely<Database>, id: number): Promise<ItemRow> {
  const row = await itemQuery(db, id).executeTakeFirst();
  if (!row) throw notFound('item', id);
  return row;
}

async function toView(db: Kysely<Database>, r: ItemRow): Promise<ItemView> {
  const view: ItemView = {
    item: {
      id: r.id,
      sampleId: r.sample_id,
      position: r.position,
      encounterId: r.encounter_id,
      status: r.submitted_at ? 'submitted' : 'pending',
      submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
      auditor: { id: r.auditor_id, username: r.auditor },
      coder: { id: r.coder_id, username: r.coder },
    },
    encounter: {
      dateOfService: r.date_of_service,
      setting: r.setting,
      payer: r.payer,
      patient: { age: ageOn(r.birth_date, r.date_of_service), sex: r.sex },
    },
    note: { text: r.note_text, format: r.note_format },
    auditorCodes: r.auditor_codes,
  };
  if (r.auditor_codes === null) return view;
  const comparison = compareCodes(r.coder_codes, r.auditor_codes);
  const classified = await db
    .selectFrom('qa_variance as v')
    .innerJoin('app_user as u', 'u.id', 'v.classified_by')
    .select(['v.key', 'v.kind', 'v.comment', 'u.username', 'v.classified_at'])
    .where('v.item_id', '=', r.id)
    .execute();
  const byKey = new Map(classified.map((c) => [c.key, c]));
  view.coderCodes = r.coder_codes;
  view.comparison = {
    ...comparison,
    variances: comparison.variances.map((v) => {
      const c = byKey.get(v.key);
      return {
        ...v,
        kind: c?.kind ?? null,
        comment: c?.comment ?? '',
        classifiedBy: c?.username ?? null,
        classifiedAt: c ? c.classified_at.toISOString() : null,
      };
    }),
  };
  return view;
}

/** The audit entries of showing an item: the note always, the coder's codes once submitted. */
function readEntries(r: ItemRow) {
  return [
    { action: 'read', entityType: 'note' as const, entityId: r.encounter_id, detail: { qaItem: r.id } },
    { action: 'read', entityType: 'qa' as const, entityId: r.sample_id, detail: { item: r.id } },
    ...(r.submitted_at
      ? [{ action: 'read', entityType: 'code' as const, entityId: r.encounter_id, detail: { qaItem: r.id } }]
      : []),
  ];
}

export async function itemView(ctx: WorkflowContext, actor: Actor, id: number): Promise<ItemView> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await readItem(trx, id);
    const view = await toView(trx, row);
    await appendAudit(trx, auditActor(actor), readEntries(row));
    return view;
  });
}

/** The auditor's codes checked against the code set on the date of service, in their order. */
function checkAuditorCodes(ctx: WorkflowContext, input: readonly string[], date: string): QaCode[] {
  if (input.length === 0) throw invalid('no_codes', 'list at least one code', 'codes');
  if (input.length > MAX_AUDIT_CODES)
    throw invalid('too_many_codes', `at most ${MAX_AUDIT_CODES} codes`, 'codes');
  const results = ctx.terminology.validate(
    input.map((c) => c.trim().toUpperCase()),
    { date },
  );
  const seen = new Set<string>();
  return results.map((v, i) => {
    if (!v.valid || !v.code)
      throw invalid(
        'invalid_code',
        `${input[i]}: ${v.problem?.message ?? 'not a reportable code'}`,
        `codes[${i}]`,
      );
    if (seen.has(v.code)) throw invalid('duplicate_code', `${v.code} is listed twice`, `codes[${i}]`);
    seen.add(v.code);
    return { code: v.code, title: v.title ?? '' };
  });
}

/** Locks the item for a change by its auditor, after the refusals (written outside the change). */
async function forChange(ctx: WorkflowContext, actor: Actor, id: number, tried: string) {
  const before = await readItem(ctx.db, id);
  await requireSampleAuditor(ctx.db, actor, { ...before, id }, tried);
  return before;
}

export async function submitRecode(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  codes: readonly string[],
): Promise<ItemView> {
  const before = await forChange(ctx, actor, id, 'recode');
  const auditorCodes = checkAuditorCodes(ctx, codes, before.date_of_service);
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('qa_item')
      .select('submitted_at')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.submitted_at)
      throw conflict('already_submitted', `item ${id} was submitted already; a blind re-coding is final`);
    await trx
      .updateTable('qa_item')
      .set({ auditor_codes: JSON.stringify(auditorCodes), submitted_at: new Date() })
      .where('id', '=', id)
      .execute();
    const row = await readItem(trx, id);
    const view = await toView(trx, row);
    const c = view.comparison!;
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'recode',
        entityType: 'qa',
        entityId: row.sample_id,
        detail: {
          item: id,
          encounter: row.encounter_id,
          codes: auditorCodes.map((x) => x.code),
          counts: c.counts,
          principalAgree: c.principal.agree,
        },
      },
      ...readEntries(row),
    ]);
    return view;
  });
}

export interface VarianceInput {
  key: string;
  kind: VarianceKind;
  comment?: string;
}

export async function classifyVariances(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  input: readonly VarianceInput[],
): Promise<ItemView> {
  await forChange(ctx, actor, id, 'classify');
  return ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('qa_item').select('id').where('id', '=', id).forUpdate().execute();
    const row = await readItem(trx, id);
    if (row.auditor_codes === null)
      throw conflict('not_submitted', `item ${id} has no re-coding yet: submit the codes first`);
    const keys = new Set(compareCodes(row.coder_codes, row.auditor_codes).variances.map((v) => v.key));
    const seen = new Set<string>();
    const rows = input.map((v, i) => {
      if (!keys.has(v.key))
        throw invalid('unknown_variance', `${v.key} is not a variance of item ${id}`, `variances[${i}].key`);
      if (seen.has(v.key))
        throw invalid('duplicate_variance', `${v.key} is listed twice`, `variances[${i}].key`);
      seen.add(v.key);
      if (!VARIANCE_KINDS.includes(v.kind))
        throw invalid(
          'invalid_kind',
          `kind must be one of ${VARIANCE_KINDS.join(', ')}`,
          `variances[${i}].kind`,
        );
      return {
        item_id: id,
        key: v.key,
        kind: v.kind,
        comment: (v.comment ?? '').trim(),
        classified_by: actor.user.id,
        classified_at: new Date(),
      };
    });
    if (rows.length)
      await trx
        .insertInto('qa_variance')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['item_id', 'key']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            comment: eb.ref('excluded.comment'),
            classified_by: eb.ref('excluded.classified_by'),
            classified_at: eb.ref('excluded.classified_at'),
          })),
        )
        .execute();
    const view = await toView(trx, row);
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'classify',
        entityType: 'qa',
        entityId: row.sample_id,
        detail: { item: id, variances: rows.map((r) => ({ key: r.key, kind: r.kind })) },
      },
    ]);
    return view;
  });
}

import type { CsvCell } from '../../remits/csv.js';
import { formatCsv } from '../../remits/csv.js';
import type { QaCode, VarianceKind } from '../../store/schema-qa.js';
import { appendAudit } from '../audit.js';
import type { Actor, WorkflowContext } from '../context.js';
import { auditActor, isRealDate } from '../encounters.js';
import { invalid } from '../errors.js';
import { scoreScope } from './access.js';
import { compareCodes } from './comparison.js';
import {
  type Agreement,
  type AuditedRecord,
  type FamilyLevel,
  RECORD_ACCURACY_BENCHMARK,
  scoreByCoder,
  scoreByFamily,
  scoreOverall,
} from './scores.js';

/**
 * The coding-quality report: agreement over the re-coded (submitted) items whose encounters
 * have a date of service in the period, by coder and by code family, with each audited record
 * and its classified variances; as JSON for the workbench and as CSV for a spreadsheet. A coder
 * gets the report of their own records only (access.ts). Every read is audit-logged with its
 * filters and how many records it covered.
 */

export interface ReportFilters {
  from?: string;
  to?: string;
  coderId?: number;
  level?: FamilyLevel;
}

export interface RecordRow extends AuditedRecord {
  coderCodes: QaCode[];
  auditorCodes: QaCode[];
  kinds: Record<string, { kind: VarianceKind; comment: string }>;
}

export interface QaReport {
  filters: { from: string | null; to: string | null; coderId: number | null; level: FamilyLevel };
  benchmark: number;
  overall: Agreement;
  byCoder: Agreement[];
  byFamily: Agreement[];
  records: RecordRow[];
}

function checkFilters(f: ReportFilters): void {
  for (const field of ['from', 'to'] as const) {
    const v = f[field];
    if (v !== undefined && !isRealDate(v))
      throw invalid('invalid_date', `${field} must be a real YYYY-MM-DD date`, field);
  }
  if (f.from && f.to && f.from > f.to)
    throw invalid('invalid_range', `from ${f.from} is after to ${f.to}`, 'from');
}

async function loadRecords(ctx: WorkflowContext, f: ReportFilters): Promise<RecordRow[]> {
  let q = ctx.db
    .selectFrom('qa_item as i')
    .innerJoin('qa_sample as s', 's.id', 'i.sample_id')
    .innerJoin('app_user as c', 'c.id', 'i.coder_id')
    .innerJoin('app_user as a', 'a.id', 's.auditor_id')
    .select([
      'i.id',
      'i.sample_id',
      'i.encounter_id',
      'i.date_of_service',
      'i.coder_id',
      'c.username as coder',
      's.auditor_id',
      'a.username as auditor',
      'i.coder_codes',
      'i.auditor_codes',
      'i.submitted_at',
    ])
    .where('i.submitted_at', 'is not', null);
  if (f.from) q = q.where('i.date_of_service', '>=', f.from);
  if (f.to) q = q.where('i.date_of_service', '<=', f.to);
  if (f.coderId !== undefined) q = q.where('i.coder_id', '=', f.coderId);
  const rows = await q.orderBy('i.date_of_service').orderBy('i.id').execute();
  const kinds = rows.length
    ? await ctx.db
        .selectFrom('qa_variance')
        .select(['item_id', 'key', 'kind', 'comment'])
        .where(
          'item_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const kindsOf = new Map<number, RecordRow['kinds']>();
  for (const k of kinds) {
    const m = kindsOf.get(k.item_id) ?? {};
    m[k.key] = { kind: k.kind, comment: k.comment };
    kindsOf.set(k.item_id, m);
  }
  return rows.map((r) => {
    const auditorCodes = r.auditor_codes ?? [];
    return {
      itemId: r.id,
      sampleId: r.sample_id,
      encounterId: r.encounter_id,
      coder: { id: r.coder_id, username: r.coder },
      auditor: { id: r.auditor_id, username: r.auditor },
      dateOfService: r.date_of_service,
      submittedAt: (r.submitted_at as Date).toISOString(),
      comparison: compareCodes(r.coder_codes, auditorCodes),
      coderCodes: r.coder_codes,
      auditorCodes,
      kinds: kindsOf.get(r.id) ?? {},
    };
  });
}

async function scopedRecords(ctx: WorkflowContext, actor: Actor, f: ReportFilters, what: string) {
  checkFilters(f);
  const coderId = await scoreScope(ctx.db, actor, f.coderId);
  const filters = { ...f, ...(coderId === undefined ? {} : { coderId }) };
  const records = await loadRecords(ctx, filters);
  await appendAudit(ctx.db, auditActor(actor), [
    {
      action: 'report',
      entityType: 'qa',
      entityId: null,
      detail: { what, filters, records: records.length },
    },
  ]);
  return { filters, records };
}

export async function qaReport(ctx: WorkflowContext, actor: Actor, f: ReportFilters): Promise<QaReport> {
  const level = f.level ?? 'category';
  const { filters, records } = await scopedRecords(ctx, actor, f, 'report');
  return {
    filters: { from: filters.from ?? null, to: filters.to ?? null, coderId: filters.coderId ?? null, level },
    benchmark: RECORD_ACCURACY_BENCHMARK,
    overall: scoreOverall(records),
    byCoder: scoreByCoder(records),
    byFamily: scoreByFamily(records, level),
    records,
  };
}

/** What a CSV export holds: one row per coder, per code family, or per audited record. */
export type CsvView = 'coder' | 'family' | 'record';

const ratio = (v: number | null): CsvCell => (v === null ? null : Number(v.toFixed(4)));

const SCORE_HEADER = [
  'records',
  'records_without_variance',
  'record_accuracy',
  'meets_95_benchmark',
  'agreed_codes',
  'coder_only_codes',
  'auditor_only_codes',
  'precision',
  'recall',
  'f1',
  'principal_records',
  'principal_agreement',
];

function scoreCells(a: Agreement): CsvCell[] {
  return [
    a.records,
    a.recordsWithoutVariance,
    ratio(a.recordAccuracy),
    a.meetsBenchmark === null ? null : a.meetsBenchmark ? 'yes' : 'no',
    a.agree,
    a.coderOnly,
    a.auditorOnly,
    ratio(a.precision),
    ratio(a.recall),
    ratio(a.f1),
    a.principalRecords,
    ratio(a.principalAgreement),
  ];
}

const codeList = (codes: readonly QaCode[]) => codes.map((c) => c.code).join(' ');

export async function qaReportCsv(
  ctx: WorkflowContext,
  actor: Actor,
  f: ReportFilters & { view: CsvView },
): Promise<string> {
  const { view, ...rest } = f;
  const { records } = await scopedRecords(ctx, actor, rest, `csv:${view}`);
  if (view === 'coder')
    return formatCsv([
      ['coder', ...SCORE_HEADER],
      ...scoreByCoder(records).map((a) => [a.key, ...scoreCells(a)]),
    ]);
  if (view === 'family') {
    const level = f.level ?? 'category';
    return formatCsv([
      [level === 'category' ? 'category' : 'chapter_letter', ...SCORE_HEADER],
      ...scoreByFamily(records, level).map((a) => [a.key, ...scoreCells(a)]),
    ]);
  }
  return formatCsv([
    [
      'item',
      'sample',
      'encounter',
      'date_of_service',
      'coder',
      'auditor',
      'coder_codes',
      'auditor_codes',
      'agreed',
      'coder_only',
      'auditor_only',
      'principal_agrees',
      'no_variance',
      'variances',
      'comments',
    ],
    ...records.map((r) => {
      const c = r.comparison;
      return [
        r.itemId,
        r.sampleId,
        r.encounterId,
        r.dateOfService,
        r.coder.username,
        r.auditor.username,
        codeList(r.coderCodes),
        codeList(r.auditorCodes),
        c.counts.agree,
        c.counts.coderOnly,
        c.counts.auditorOnly,
        c.principal.agree ? 'yes' : 'no',
        c.noVariance ? 'yes' : 'no',
        c.variances.map((v) => `${v.key}=${r.kinds[v.key]?.kind ?? 'unclassified'}`).join('; '),
        c.variances
          .map((v) => r.kinds[v.key]?.comment)
          .filter((x): x is string => Boolean(x))
          .join(' | '),
      ];
    }),
  ]);
}

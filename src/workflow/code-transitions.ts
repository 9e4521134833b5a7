import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { EncounterCodeStatus, EncounterState } from '../store/schema-workflow.js';
import type { InvalidCode, ReleaseReason } from '../terminology/types.js';
import { appendAudit } from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, isRealDate } from './encounters.js';
import { invalid } from './errors.js';

/**
 * The code-set transitions report: encounters whose codes are not reportable for their date of
 * service. Each October (and some Aprils) codes are deleted, expanded into children or made
 * headers; an encounter coded, or suggested, before the change — or dated in one fiscal year
 * and coded against another — must be fixed before its claim goes out. Every encounter's codes
 * are checked against the release its date of service picks (`validate(codes, { date })`).
 *
 * Checked per encounter: the coder's codes (everything saved except rejected ones), and the
 * engine's suggestions the coder has not yet dealt with (neither kept, replaced nor rejected).
 */

export interface TransitionFilters {
  state?: EncounterState;
  /** Dates of service from / to (inclusive), YYYY-MM-DD. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface TransitionProblem {
  code: string;
  /** `coded`: saved by the coder; `suggested`: the engine's, still to review. */
  source: 'coded' | 'suggested';
  /** The saved row's status for coded codes. */
  status: EncounterCodeStatus | null;
  /** Why the code cannot be reported on that date, with what to use instead where known. */
  problem: InvalidCode;
}

export interface TransitionItem {
  id: number;
  patient: { displayName: string };
  dateOfService: string;
  state: EncounterState;
  /** The release the date of service picked, and whether it really covers that date. */
  release: { fiscalYear: number; label: string; reason: ReleaseReason; outsideWindow: boolean };
  problems: TransitionProblem[];
}

export interface TransitionsReport {
  items: TransitionItem[];
  /** Encounters with at least one problem (all pages). */
  total: number;
  /** Encounters checked. */
  checked: number;
}

/** Encounters read per query: the report walks the table by id in batches. */
const BATCH = 500;

export async function codeTransitions(
  ctx: WorkflowContext,
  actor: Actor,
  f: TransitionFilters,
): Promise<TransitionsReport> {
  for (const field of ['from', 'to'] as const) {
    const value = f[field];
    if (value !== undefined && !isRealDate(value))
      throw invalid('invalid_date', `${field} ${value} is not a calendar date (YYYY-MM-DD)`, field);
  }
  if (f.from && f.to && f.from > f.to)
    throw invalid('invalid_range', `from ${f.from} is after to ${f.to}`, 'from');
  const flagged: TransitionItem[] = [];
  let checked = 0;
  let after = 0;
  for (;;) {
    let q = ctx.db
      .selectFrom('encounter as e')
      .select((eb) => [
        'e.id',
        'e.patient_name',
        'e.date_of_service',
        'e.state',
        sql<string[] | null>`jsonb_path_query_array(e.suggestion, '$.codes[*].code')`.as('suggested'),
        jsonArrayFrom(
          eb
            .selectFrom('encounter_code as c')
            .select(['c.code', 'c.status', 'c.proposed'])
            .whereRef('c.encounter_id', '=', 'e.id')
            .orderBy('c.sequence'),
        ).as('codes'),
      ])
      .where('e.id', '>', after);
    if (f.state) q = q.where('e.state', '=', f.state);
    if (f.from) q = q.where('e.date_of_service', '>=', f.from);
    if (f.to) q = q.where('e.date_of_service', '<=', f.to);
    const rows = await q.orderBy('e.id').limit(BATCH).execute();
    for (const r of rows) {
      checked++;
      const item = checkEncounter(ctx, {
        id: r.id,
        patientName: r.patient_name,
        dateOfService: r.date_of_service,
        state: r.state,
        suggested: (r.suggested ?? []).filter((c): c is string => typeof c === 'string'),
        codes: r.codes,
      });
      if (item) flagged.push(item);
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]?.id ?? after;
  }
  const items = flagged.slice(f.offset, f.offset + f.limit);
  await appendAudit(ctx.db, auditActor(actor), [
    {
      action: 'list',
      entityType: 'encounter',
      entityId: null,
      detail: { report: 'code-transitions', filters: f, returned: items.map((i) => i.id) },
    },
  ]);
  return { items, total: flagged.length, checked };
}

interface EncounterCodes {
  id: number;
  patientName: string;
  dateOfService: string;
  state: EncounterState;
  suggested: string[];
  codes: ReadonlyArray<{ code: string; status: EncounterCodeStatus; proposed: string | null }>;
}

/** The encounter's problems on its date of service, or null when every code is reportable. */
export function checkEncounter(
  ctx: Pick<WorkflowContext, 'terminology'>,
  e: EncounterCodes,
): TransitionItem | null {
  const coded = e.codes.filter((c) => c.status !== 'rejected');
  // A suggestion the coder kept, replaced or rejected is no longer the engine's to answer for.
  const handled = new Set(e.codes.flatMap((c) => [c.code, c.proposed ?? '']));
  const suggested = [...new Set(e.suggested)].filter((c) => !handled.has(c));
  const checks = [
    ...coded.map((c) => ({ code: c.code, source: 'coded' as const, status: c.status })),
    ...suggested.map((code) => ({ code, source: 'suggested' as const, status: null })),
  ];
  if (checks.length === 0) return null;
  const results = ctx.terminology.validate(
    checks.map((c) => c.code),
    { date: e.dateOfService },
  );
  const problems: TransitionProblem[] = [];
  checks.forEach((c, i) => {
    const v = results[i];
    if (v && !v.valid && v.problem) problems.push({ ...c, problem: v.problem });
  });
  if (problems.length === 0) return null;
  const release = results[0]?.release;
  return {
    id: e.id,
    patient: { displayName: e.patientName },
    dateOfService: e.dateOfService,
    state: e.state,
    release: {
      fiscalYear: release?.release.fiscalYear ?? 0,
      label: release?.release.label ?? '',
      reason: release?.reason ?? 'date',
      outsideWindow: release?.outsideWindow ?? false,
    },
    problems,
  };
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { EncounterState } from '../../store/schema-workflow.js';
import { isRealDate } from '../encounters.js';
import { invalid } from '../errors.js';
import { MAX_SAMPLE } from './draw.js';

/**
 * The encounters an audit sample is drawn from: finished ones (signed off by a coder and not
 * reopened) with a date of service in the range, optionally narrowed to one coder, to a code
 * family (any final code under an ICD-10-CM prefix: a chapter letter `E`, a category `E11`, a
 * subcategory `E11.6`) or to claims charging at least an amount. The coder of an encounter is
 * who signed it off last (its latest `complete` event).
 */

export interface SampleCriteria {
  /** Dates of service, inclusive. */
  from: string;
  to: string;
  /** How many to draw, or what percentage of the population (exactly one). */
  size?: number;
  percent?: number;
  coderId?: number;
  /** An ICD-10-CM prefix without its dot, upper case (`E`, `E11`, `E116`). */
  codeFamily?: string;
  minChargeCents?: number;
}

/** Signed off and not reopened: coded, and every state a claim takes it to afterwards. */
export const FINISHED_STATES: readonly EncounterState[] = [
  'coded',
  'claim_built',
  'submitted',
  'paid',
  'denied',
];

const FAMILY = /^[A-Z][0-9A-Z]{0,6}$/;

/** Checks and normalises the criteria; throws a WorkflowError naming the field. */
export function checkCriteria(input: SampleCriteria): SampleCriteria {
  for (const field of ['from', 'to'] as const)
    if (!isRealDate(input[field]))
      throw invalid('invalid_date', `${field} must be a real YYYY-MM-DD date`, field);
  if (input.from > input.to)
    throw invalid('invalid_range', `from ${input.from} is after to ${input.to}`, 'from');
  if ((input.size === undefined) === (input.percent === undefined))
    throw invalid('invalid_size', 'give either size (a count) or percent', 'size');
  if (
    input.size !== undefined &&
    !(Number.isInteger(input.size) && input.size >= 1 && input.size <= MAX_SAMPLE)
  )
    throw invalid('invalid_size', `size must be a whole number from 1 to ${MAX_SAMPLE}`, 'size');
  if (input.percent !== undefined && !(input.percent > 0 && input.percent <= 100))
    throw invalid('invalid_size', 'percent must be more than 0 and at most 100', 'percent');
  const out: SampleCriteria = { from: input.from, to: input.to };
  if (input.size !== undefined) out.size = input.size;
  if (input.percent !== undefined) out.percent = input.percent;
  if (input.coderId !== undefined) out.coderId = input.coderId;
  if (input.codeFamily !== undefined) {
    const family = input.codeFamily.trim().toUpperCase().replace('.', '');
    if (!FAMILY.test(family))
      throw invalid(
        'invalid_code_family',
        'codeFamily is an ICD-10-CM prefix: a letter (E), a category (E11) or longer (E11.6)',
        'codeFamily',
      );
    out.codeFamily = family;
  }
  if (input.minChargeCents !== undefined) {
    if (!(Number.isInteger(input.minChargeCents) && input.minChargeCents >= 0))
      throw invalid(
        'invalid_amount',
        'minChargeCents must be a whole number of cents, 0 or more',
        'minChargeCents',
      );
    out.minChargeCents = input.minChargeCents;
  }
  return out;
}

export interface Candidate {
  encounterId: number;
  coderId: number;
  dateOfService: string;
  codedAt: Date;
  chargeCents: number | null;
  /** Signed off by the auditor, or holding a final code the auditor saved: their own coding. */
  auditorsOwn: boolean;
}

export async function findPopulation(
  db: Kysely<Database>,
  criteria: SampleCriteria,
  auditorId: number,
): Promise<Candidate[]> {
  let q = db
    .selectFrom('encounter as e')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('encounter_event as ev')
          .select(['ev.user_id', 'ev.at'])
          .whereRef('ev.encounter_id', '=', 'e.id')
          .where('ev.action', '=', 'complete')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('done'),
      (join) => join.onTrue(),
    )
    .leftJoin('claim as cl', 'cl.id', 'e.claim_id')
    .select((eb) => [
      'e.id',
      'e.date_of_service',
      'done.user_id',
      'done.at',
      'cl.total_charge_cents',
      eb
        .or([
          eb('done.user_id', '=', auditorId),
          eb.exists(
            eb
              .selectFrom('encounter_code as own')
              .select(sql`1`.as('one'))
              .whereRef('own.encounter_id', '=', 'e.id')
              .where('own.status', '!=', 'rejected')
              .where('own.saved_by', '=', auditorId),
          ),
        ])
        .as('auditors_own'),
    ])
    .where('e.state', 'in', FINISHED_STATES)
    .where('e.date_of_service', '>=', criteria.from)
    .where('e.date_of_service', '<=', criteria.to)
    .where('done.user_id', 'is not', null);
  if (criteria.coderId !== undefined) q = q.where('done.user_id', '=', criteria.coderId);
  if (criteria.minChargeCents !== undefined)
    q = q.where('cl.total_charge_cents', '>=', criteria.minChargeCents);
  const family = criteria.codeFamily;
  if (family !== undefined)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('encounter_code as c')
          .select(sql`1`.as('one'))
          .whereRef('c.encounter_id', '=', 'e.id')
          .where('c.status', '!=', 'rejected')
          // checkCriteria allows letters and digits only: nothing here is a LIKE wildcard.
          .where(sql<string>`replace(c.code, '.', '')`, 'like', `${family}%`),
      ),
    );
  const rows = await q.orderBy('e.id').execute();
  return rows.map((r) => ({
    encounterId: r.id,
    coderId: r.user_id as number,
    dateOfService: r.date_of_service,
    codedAt: new Date(r.at),
    chargeCents: r.total_charge_cents === null ? null : Number(r.total_charge_cents),
    auditorsOwn: Boolean(r.auditors_own),
  }));
}

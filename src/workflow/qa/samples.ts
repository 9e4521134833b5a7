import { sql } from 'kysely';
import type { QaCode } from '../../store/schema-qa.js';
import { appendAudit } from '../audit.js';
import type { Actor, WorkflowContext } from '../context.js';
import { auditActor } from '../encounters.js';
import { conflict, invalid, notFound } from '../errors.js';
import { QA_ROLES, refuseQa } from './access.js';
import { drawSample, newSeed, populationHash, sampleSize } from './draw.js';
import { checkCriteria, findPopulation, type SampleCriteria } from './population.js';

/**
 * Audit samples: drawn (the population query, the seeded draw, a snapshot of each chosen
 * chart's final codes) and written in one transaction with its audit entry, which records the
 * criteria, the seed, the population's size and hash and the encounters chosen, so the draw
 * can be re-checked from the log alone. A request that matches nothing writes nothing.
 */

export interface NewSample extends SampleCriteria {
  /** Any text; a random one is chosen (and recorded) when absent. */
  seed?: string;
  /** Who re-codes the sample (default: whoever draws it). */
  auditorId?: number;
}

export interface SampleSummary {
  id: number;
  createdAt: string;
  createdBy: string;
  auditor: { id: number; username: string };
  criteria: SampleCriteria;
  seed: string;
  population: number;
  populationSha256: string;
  excludedOwn: number;
  items: number;
  submitted: number;
}

export interface SampleItemSummary {
  id: number;
  position: number;
  encounterId: number;
  dateOfService: string;
  coder: { id: number; username: string };
  chargeCents: number | null;
  status: 'pending' | 'submitted';
  submittedAt: string | null;
}

export interface SampleDetail extends SampleSummary {
  itemList: SampleItemSummary[];
}

const SEED = /^[A-Za-z0-9_.:-]{1,64}$/;

async function activeUser(ctx: WorkflowContext, id: number, field: string) {
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) throw invalid('unknown_user', `user ${id} does not exist`, field);
  return user;
}

export async function createSample(
  ctx: WorkflowContext,
  actor: Actor,
  input: NewSample,
): Promise<SampleDetail> {
  const criteria = checkCriteria(input);
  const seed = input.seed ?? newSeed();
  if (!SEED.test(seed))
    throw invalid('invalid_seed', 'seed: 1-64 letters, digits, dot, colon, dash or underscore', 'seed');
  const auditorId = input.auditorId ?? actor.user.id;
  if (actor.user.role === 'auditor' && auditorId !== actor.user.id)
    await refuseQa(
      ctx.db,
      actor,
      null,
      'create-sample',
      'sample_for_another',
      'an auditor draws samples for themself; a supervisor assigns them to other auditors',
      { auditorId },
    );
  const auditor = await activeUser(ctx, auditorId, 'auditorId');
  if (!auditor.active) throw invalid('inactive_user', `user ${auditorId} is disabled`, 'auditorId');
  if (!QA_ROLES.includes(auditor.role))
    throw invalid('not_an_auditor', `user ${auditorId} is a ${auditor.role}, not an auditor`, 'auditorId');
  if (criteria.coderId !== undefined) {
    await activeUser(ctx, criteria.coderId, 'coderId');
    if (criteria.coderId === auditorId)
      await refuseQa(
        ctx.db,
        actor,
        null,
        'create-sample',
        'own_coding',
        'an auditor may not audit their own coding',
        {
          coderId: criteria.coderId,
        },
      );
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const population = await findPopulation(trx, criteria, auditorId);
    const eligible = population.filter((c) => !c.auditorsOwn);
    if (eligible.length === 0)
      throw conflict(
        'empty_population',
        population.length
          ? `the ${population.length} matching encounters were all coded by the auditor`
          : 'no finished encounter matches these criteria',
      );
    const ids = eligible.map((c) => c.encounterId);
    const chosen = drawSample(ids, sampleSize(ids.length, criteria), seed);
    const byId = new Map(eligible.map((c) => [c.encounterId, c]));
    const codeRows = await trx
      .selectFrom('encounter_code')
      .select(['encounter_id', 'code', 'title'])
      .where('encounter_id', 'in', chosen)
      .where('status', '!=', 'rejected')
      .orderBy('encounter_id')
      .orderBy('sequence')
      .execute();
    const codes = new Map<number, QaCode[]>();
    for (const r of codeRows) {
      const list = codes.get(r.encounter_id) ?? [];
      list.push({ code: r.code, title: r.title });
      codes.set(r.encounter_id, list);
    }
    const { id: sampleId } = await trx
      .insertInto('qa_sample')
      .values({
        created_by: actor.user.id,
        auditor_id: auditorId,
        criteria: JSON.stringify(criteria),
        seed,
        population: ids.length,
        population_sha256: populationHash(ids),
        excluded_own: population.length - eligible.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('qa_item')
      .values(
        chosen.map((encounterId, i) => {
          const c = byId.get(encounterId)!;
          return {
            sample_id: sampleId,
            position: i + 1,
            encounter_id: encounterId,
            coder_id: c.coderId,
            date_of_service: c.dateOfService,
            coded_at: c.codedAt,
            charge_cents: c.chargeCents,
            coder_codes: JSON.stringify(codes.get(encounterId) ?? []),
          };
        }),
      )
      .execute();
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'create',
        entityType: 'qa',
        entityId: sampleId,
        detail: {
          criteria,
          seed,
          auditorId,
          population: ids.length,
          populationSha256: populationHash(ids),
          excludedOwn: population.length - eligible.length,
          chosen,
        },
      },
    ]);
    return sampleId;
  });
  return readSample(ctx, id);
}

function sampleQuery(ctx: WorkflowContext) {
  return ctx.db
    .selectFrom('qa_sample as s')
    .innerJoin('app_user as a', 'a.id', 's.auditor_id')
    .innerJoin('app_user as by', 'by.id', 's.created_by')
    .select((eb) => [
      's.id',
      's.created_at',
      's.criteria',
      's.seed',
      's.population',
      's.population_sha256',
      's.excluded_own',
      's.auditor_id',
      'a.username as auditor',
      'by.username as created_by',
      eb
        .selectFrom('qa_item as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.sample_id', '=', 's.id')
        .as('items'),
      eb
        .selectFrom('qa_item as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.sample_id', '=', 's.id')
        .where('i.submitted_at', 'is not', null)
        .as('submitted'),
    ]);
}

type SampleRow = Awaited<ReturnType<ReturnType<typeof sampleQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: SampleRow): SampleSummary {
  return {
    id: r.id,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    auditor: { id: r.auditor_id, username: r.auditor },
    criteria: r.criteria as SampleCriteria,
    seed: r.seed,
    population: r.population,
    populationSha256: r.population_sha256,
    excludedOwn: r.excluded_own,
    items: Number(r.items ?? 0),
    submitted: Number(r.submitted ?? 0),
  };
}

async function readSample(ctx: WorkflowContext, id: number): Promise<SampleDetail> {
  const row = await sampleQuery(ctx).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('sample', id);
  const items = await ctx.db
    .selectFrom('qa_item as i')
    .innerJoin('app_user as u', 'u.id', 'i.coder_id')
    .select([
      'i.id',
      'i.position',
      'i.encounter_id',
      'i.date_of_service',
      'i.coder_id',
      'u.username',
      'i.charge_cents',
      'i.submitted_at',
    ])
    .where('i.sample_id', '=', id)
    .orderBy('i.position')
    .execute();
  return {
    ...toSummary(row),
    itemList: items.map((i) => ({
      id: i.id,
      position: i.position,
      encounterId: i.encounter_id,
      dateOfService: i.date_of_service,
      coder: { id: i.coder_id, username: i.username },
      chargeCents: i.charge_cents === null ? null : Number(i.charge_cents),
      status: i.submitted_at ? 'submitted' : 'pending',
      submittedAt: i.submitted_at ? i.submitted_at.toISOString() : null,
    })),
  };
}

/** A sample with its items (never the coder's codes: those are in the item's comparison). */
export async function sampleDetail(ctx: WorkflowContext, actor: Actor, id: number): Promise<SampleDetail> {
  const detail = await readSample(ctx, id);
  await appendAudit(ctx.db, auditActor(actor), [{ action: 'read', entityType: 'qa', entityId: id }]);
  return detail;
}

export async function listSamples(ctx: WorkflowContext, actor: Actor, limit = 100): Promise<SampleSummary[]> {
  const rows = await sampleQuery(ctx).orderBy('s.id', 'desc').limit(limit).execute();
  await appendAudit(ctx.db, auditActor(actor), [
    { action: 'list', entityType: 'qa', entityId: null, detail: { returned: rows.length } },
  ]);
  return rows.map(toSummary);
}

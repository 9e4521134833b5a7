import type { Kysely } from 'kysely';
import type { Claim, ClaimInput } from '../claims/model.js';
import { insertClaim } from '../claims/store.js';
import { submitClaims } from '../claims/submit.js';
import type { ScrubResult } from '../edits/scrub.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import type { EncounterTable } from '../store/schema-workflow.js';
import { appendAudit } from './audit.js';
import {
  type ClaimCheckContext,
  checkClaim,
  gateClaims,
  gateSubmission,
  recordOverrides,
  type ScrubOverride,
  scrubBillingClaim,
} from './claim-validation.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, lockEncounter, transition } from './encounters.js';
import { conflict, invalid, notFound } from './errors.js';
import { payerIdFor } from './practice.js';
import { nextState } from './states.js';

/**
 * From coded encounter to claim: complete (the coder signs off), scrub (the edits on the codes
 * and lines), build (a validated billing claim from the final codes and the lines the coder
 * priced), submit (an 837 batch). The encounter follows the claim at a coarse level.
 */
export interface LineInput {
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  pointers: number[];
}

// The encounter as a change reads it (lockEncounter): every column but the note text, the
// suggestion and the event count.
type EncounterRow = Omit<
  import('kysely').Selectable<EncounterTable>,
  'note_text' | 'suggestion' | 'event_count'
>;

async function finalCodes(db: Kysely<Database>, id: number): Promise<string[]> {
  const rows = await db
    .selectFrom('encounter_code')
    .select(['code', 'sequence'])
    .where('encounter_id', '=', id)
    .where('status', '!=', 'rejected')
    .orderBy('sequence')
    .execute();
  return rows.map((r) => r.code);
}

export async function completeEncounter(ctx: WorkflowContext, actor: Actor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockEncounter(trx, id);
    const codes = await finalCodes(trx, id);
    if (codes.length === 0) throw conflict('no_codes', 'save at least one final code before completing');
    const open = await trx
      .selectFrom('physician_query')
      .select('id')
      .where('encounter_id', '=', id)
      .where('status', '=', 'open')
      .execute();
    if (open.length)
      throw conflict('open_queries', `physician queries ${open.map((q) => q.id).join(', ')} await an answer`);
    await transition(trx, row, actor, 'complete', { codes });
    await appendAudit(trx, auditActor(actor), [
      { action: 'complete', entityType: 'code', entityId: id, detail: { codes } },
    ]);
  });
}

function splitName(display: string): { lastName: string; firstName?: string } {
  const comma = display.indexOf(',');
  if (comma > 0) {
    const first = display.slice(comma + 1).trim();
    return { lastName: display.slice(0, comma).trim(), ...(first ? { firstName: first } : {}) };
  }
  const parts = display.trim().split(/\s+/);
  if (parts.length === 1) return { lastName: parts[0]! };
  return { lastName: parts[parts.length - 1]!, firstName: parts.slice(0, -1).join(' ') };
}

/** The billing claim (src/claims/model.ts input) for an encounter's final codes and priced lines. */
export function claimInputFor(
  ctx: WorkflowContext,
  row: EncounterRow,
  diagnoses: string[],
  lines: readonly LineInput[],
  sequence: number,
): ClaimInput {
  const pcn = `E${row.id}-${sequence}`;
  return {
    type: 'professional',
    patientControlNumber: pcn,
    totalChargeCents: lines.reduce((a, l) => a + l.chargeCents, 0),
    placeOfService: row.place_of_service,
    diagnoses,
    billingProvider: ctx.practice.billingProvider,
    subscriber: {
      ...splitName(row.patient_name),
      memberId: `MBR${String(row.id).padStart(6, '0')}`,
      birthDate: row.birth_date,
      sex: row.sex,
    },
    payer: { name: row.payer.slice(0, 60), id: payerIdFor(ctx.practice, row.payer) },
    lines: lines.map((l, i) => ({
      procedureCode: l.code.trim().toUpperCase(),
      modifiers: l.modifiers.map((m) => m.trim().toUpperCase()),
      chargeCents: l.chargeCents,
      units: l.units,
      diagnosisPointers: l.pointers,
      serviceDate: row.date_of_service,
      lineControlNumber: `${pcn}-${i + 1}`,
    })),
  };
}

function checkLines(lines: readonly LineInput[], diagnoses: number): void {
  if (lines.length === 0) throw invalid('no_lines', 'a claim needs at least one service line', 'lines');
  lines.forEach((l, i) => {
    for (const p of l.pointers)
      if (p > diagnoses)
        throw invalid(
          'invalid_pointer',
          `pointer ${p} but the encounter has ${diagnoses} final codes`,
          `lines[${i}].pointers`,
        );
  });
}

/** Runs the claim scrubber on the final codes and the given lines (or the built claim's). */
export async function scrubEncounter(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  lines?: readonly LineInput[],
): Promise<ScrubResult> {
  const row = await ctx.db.selectFrom('encounter').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('encounter', id);
  const diagnoses = await finalCodes(ctx.db, id);
  // A preview: the lines as sent (not yet validated), or the built claim.
  let claim: unknown;
  if (lines) {
    checkLines(lines, diagnoses.length);
    if (diagnoses.length === 0) throw conflict('no_codes', 'save final codes before scrubbing');
    claim = claimInputFor(ctx, row, diagnoses, lines, 0);
  } else if (row.claim_id !== null) {
    const stored = await ctx.db
      .selectFrom('claim')
      .select('claim')
      .where('id', '=', row.claim_id)
      .executeTakeFirstOrThrow();
    claim = stored.claim;
  } else {
    throw invalid('lines_required', 'send the service lines to scrub (no claim is built yet)', 'lines');
  }
  const result = await scrubBillingClaim(claim as Claim, checkContext(ctx));
  await appendAudit(ctx.db, auditActor(actor), [
    {
      action: 'scrub',
      entityType: 'code',
      entityId: id,
      detail: { findings: result.findings.map((f) => f.rule) },
    },
  ]);
  return result;
}

/** What the claim checks need from the workflow context, reading and writing through `db`. */
export function checkContext(ctx: WorkflowContext, db: Kysely<Database> = ctx.db): ClaimCheckContext {
  return { db, terminology: ctx.terminology, facts: ctx.facts, today: ctx.today() };
}

/** An override from the workbench: the signed-in user is who, the request says why. */
const overrideBy = (actor: Actor, reason: string | undefined): ScrubOverride | undefined =>
  reason === undefined ? undefined : { by: actor.user.username, reason };

/**
 * Builds, validates and scrubs the claim (nothing is written unless it is valid and the
 * scrubber finds no error, or `overrideReason` overrides the errors it found);
 * encounter → claim_built.
 */
export async function buildClaim(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  lines: readonly LineInput[],
  overrideReason?: string,
): Promise<number> {
  const override = overrideBy(actor, overrideReason);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockEncounter(trx, id);
    nextState(row.state, 'build-claim'); // a state that cannot take it is a 409 before any input check
    const diagnoses = await finalCodes(trx, id);
    checkLines(lines, diagnoses.length);
    const previous = await trx
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_control_number', 'like', `E${id}-%`)
      .executeTakeFirstOrThrow();
    const input = claimInputFor(ctx, row, diagnoses, lines, Number(previous.n) + 1);
    const checked = await checkClaim(input, checkContext(ctx, trx));
    const overridden = gateClaims([checked], override);
    const { claim } = checked;
    const claimId = await insertClaim(trx, claim, { by: actor.user.username, validated: true });
    await transition(trx, row, actor, 'build-claim', { claimId }, { claim_id: claimId });
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'create',
        entityType: 'claim',
        entityId: claimId,
        detail: { encounterId: id, pcn: claim.patientControlNumber },
      },
    ]);
    if (override)
      await recordOverrides(
        trx,
        auditActor(actor),
        'validate',
        overridden.map((o) => ({ ...o, claimId })),
        override,
      );
    return claimId;
  });
}

/**
 * Submits a validated claim as its own 837 batch once the scrubber passes it again as filed
 * today (or `overrideReason` overrides what it finds); its encounter moves to submitted.
 */
export async function submitClaim(
  ctx: WorkflowContext,
  actor: Actor,
  claimId: number,
  overrideReason?: string,
) {
  const override = overrideBy(actor, overrideReason);
  const exists = await ctx.db
    .selectFrom('claim')
    .select('status')
    .where('id', '=', claimId)
    .executeTakeFirst();
  if (!exists) throw notFound('claim', claimId);
  if (exists.status !== 'validated')
    throw conflict(
      'invalid_state',
      `claim ${claimId} is ${exists.status}; only a validated claim can be submitted`,
    );
  const batch = await submitClaims(
    ctx.db,
    [claimId],
    { ...ctx.practice.submission, batchId: `WB${claimId}` },
    {
      by: actor.user.username,
      beforeWrite: (trx, claims) =>
        gateSubmission(trx, checkContext(ctx), claims, auditActor(actor), override),
    },
  );
  await ctx.db.transaction().execute(async (trx) => {
    const enc = await trx
      .selectFrom('encounter')
      .select('id')
      .where('claim_id', '=', claimId)
      .executeTakeFirst();
    if (enc) {
      const row = await lockEncounter(trx, enc.id);
      if (row.state === 'claim_built')
        await transition(trx, row, actor, 'submit', { claimId, batchId: batch.batchId });
    }
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'submit',
        entityType: 'claim',
        entityId: claimId,
        detail: { batchId: batch.batchId, interchange: batch.interchange },
      },
    ]);
  });
  return batch;
}

import type { Kysely } from 'kysely';
import { lookupHcpcs } from '../codesets/hcpcs/lookup.js';
import { hcpcsReleaseOn } from '../codesets/ncci/releases.js';
import type { CodingResult, EvidenceSpan, ProcedureSuggestion } from '../coding/types.js';
import type { Database } from '../store/schema.js';
import type { ProcedureLineStatus, ProcedureSystem } from '../store/schema-encounter-procedure.js';
import { appendAudit } from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, lockEncounter, transition } from './encounters.js';
import { invalid } from './errors.js';

/**
 * The coder's procedure lines for an encounter — E/M, HCPCS Level II, ICD-10-PCS — saved as a
 * whole like the diagnosis codes (codes.ts): each line says what the engine proposed (null for a
 * line the coder added) and what the coder finalised, with units, modifiers and the diagnoses it
 * points to. The claim builder starts from the accepted lines (claim lines follow the coding).
 */
export interface ProcedureLineInput {
  system: ProcedureSystem;
  code: string;
  status: ProcedureLineStatus;
  /** The engine's proposed code this line answers (null for a line the coder added). */
  proposed: string | null;
  units: number;
  modifiers: string[];
  /** Dotted ICD-10-CM codes among the encounter's final codes, at most 4. */
  pointers: string[];
}

export interface ProcedureLine extends ProcedureLineInput {
  line: number;
  title: string;
  evidence: EvidenceSpan[];
}

export const MAX_PROCEDURE_LINES = 50;
const MAX_MODIFIERS = 4;
const MAX_POINTERS = 4;

/** Code shapes per system: CPT Category I (5 digits), II (4 digits + F), III (4 digits + T). */
const CODE_SHAPE: Record<ProcedureSystem, RegExp> = {
  CPT: /^\d{4}[0-9FT]$/,
  HCPCS: /^[A-V]\d{4}$/,
  // ICD-10-PCS: 7 characters from digits and letters other than I and O.
  'ICD-10-PCS': /^[0-9A-HJ-NP-Z]{7}$/,
};
const MODIFIER = /^[A-Z0-9]{2}$/;

/** Reads one line sent by the coder; throws a 400 naming the field. */
function readLine(raw: ProcedureLineInput, i: number): ProcedureLineInput {
  const field = `procedures[${i}]`;
  if (!Object.hasOwn(CODE_SHAPE, raw.system))
    throw invalid('invalid_system', `system must be CPT, HCPCS or ICD-10-PCS`, `${field}.system`);
  const code = raw.code.trim().toUpperCase();
  if (!CODE_SHAPE[raw.system].test(code))
    throw invalid('invalid_code', `${raw.code} is not a ${raw.system} code`, `${field}.code`);
  const proposed = raw.proposed === null ? null : raw.proposed.trim().toUpperCase();
  if (raw.status === 'added' && proposed !== null)
    throw invalid('invalid_line', 'an added line has no proposed code', `${field}.proposed`);
  if (raw.status !== 'added' && proposed === null)
    throw invalid(
      'invalid_line',
      `a ${raw.status} line names the engine's proposed code`,
      `${field}.proposed`,
    );
  if (raw.status === 'accepted' && code !== proposed)
    throw invalid('invalid_line', 'an accepted line is the proposed code', `${field}.code`);
  if (raw.status === 'replaced' && code === proposed)
    throw invalid('invalid_line', 'a replacement differs from the proposed code', `${field}.code`);
  if (!Number.isInteger(raw.units) || raw.units < 1 || raw.units > 9999)
    throw invalid('invalid_units', 'units are a whole number from 1 to 9999', `${field}.units`);
  const modifiers = raw.modifiers.map((m) => m.trim().toUpperCase());
  if (modifiers.length > MAX_MODIFIERS)
    throw invalid('invalid_modifier', `at most ${MAX_MODIFIERS} modifiers`, `${field}.modifiers`);
  for (const m of modifiers)
    if (!MODIFIER.test(m)) throw invalid('invalid_modifier', `${m} is not a modifier`, `${field}.modifiers`);
  if (new Set(modifiers).size !== modifiers.length)
    throw invalid('invalid_modifier', 'a modifier is listed twice', `${field}.modifiers`);
  const pointers = raw.pointers.map((p) => p.trim().toUpperCase());
  if (pointers.length > MAX_POINTERS)
    throw invalid('invalid_pointer', `at most ${MAX_POINTERS} diagnosis pointers`, `${field}.pointers`);
  // An inpatient ICD-10-PCS line is not a claim service line: it carries no modifiers or units.
  if (raw.system === 'ICD-10-PCS' && (modifiers.length > 0 || raw.units !== 1))
    throw invalid('invalid_line', 'an ICD-10-PCS procedure has one unit and no modifiers', field);
  return { system: raw.system, code, status: raw.status, proposed, units: raw.units, modifiers, pointers };
}

/** The encounter's final diagnosis codes (dotted), in sequence order. */
async function finalDiagnoses(db: Kysely<Database>, id: number): Promise<string[]> {
  const rows = await db
    .selectFrom('encounter_code')
    .select(['code'])
    .where('encounter_id', '=', id)
    .where('status', '!=', 'rejected')
    .orderBy('sequence')
    .execute();
  return rows.map((r) => r.code);
}

export async function saveProcedureLines(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  input: readonly ProcedureLineInput[],
): Promise<ProcedureLine[]> {
  if (input.length > MAX_PROCEDURE_LINES)
    throw invalid('too_many_lines', `at most ${MAX_PROCEDURE_LINES} procedure lines`, 'procedures');
  const lines = input.map(readLine);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockEncounter(trx, id, ['suggestion']);
    const suggestion = row.suggestion as CodingResult | null;
    const proposals = new Map<string, ProcedureSuggestion>();
    for (const p of suggestion?.procedures ?? []) proposals.set(`${p.system} ${p.code}`, p);
    const diagnoses = new Set(await finalDiagnoses(trx, id));
    // Whether any HCPCS release covers the date: asked once per save, not per line.
    const hasHcpcs =
      lines.some((l) => l.system === 'HCPCS' && l.status !== 'rejected') &&
      (await hcpcsReleaseOn(trx, row.date_of_service)) !== undefined;
    const out: ProcedureLine[] = [];
    for (const [i, l] of lines.entries()) {
      const field = `procedures[${i}]`;
      const proposal = l.proposed === null ? undefined : proposals.get(`${l.system} ${l.proposed}`);
      if (l.proposed !== null && !proposal)
        throw invalid(
          'not_proposed',
          `${l.proposed} is not among the engine's suggested procedures`,
          `${field}.proposed`,
        );
      let title = proposal?.code === l.code ? (proposal.title ?? '') : '';
      if (l.status !== 'rejected') {
        for (const p of l.pointers)
          if (!diagnoses.has(p))
            throw invalid(
              'invalid_pointer',
              `${p} is not one of the encounter's final diagnosis codes`,
              `${field}.pointers`,
            );
        if (l.system === 'HCPCS') {
          if (!hasHcpcs)
            throw invalid(
              'no_code_set',
              `no HCPCS release covers ${row.date_of_service}: run "medcoder import" with the HCPCS file`,
              `${field}.code`,
            );
          const hit = await lookupHcpcs(trx, l.code, row.date_of_service);
          if (!hit?.inEffect)
            throw invalid(
              'invalid_code',
              `${l.code} is ${hit ? 'not in effect' : 'not a HCPCS code'} on ${row.date_of_service}`,
              `${field}.code`,
            );
          title = hit.longDescription;
        }
      }
      out.push({ ...l, line: i + 1, title, evidence: proposal?.evidence ?? [] });
    }
    await trx.deleteFrom('encounter_procedure').where('encounter_id', '=', id).execute();
    if (out.length > 0)
      await trx
        .insertInto('encounter_procedure')
        .values(
          out.map((l) => ({
            encounter_id: id,
            line: l.line,
            system: l.system,
            code: l.code,
            status: l.status,
            proposed: l.proposed,
            title: l.title,
            units: l.units,
            modifiers: JSON.stringify(l.modifiers),
            pointers: JSON.stringify(l.pointers),
            evidence: JSON.stringify(l.evidence),
            saved_by: actor.user.id,
          })),
        )
        .execute();
    const summary = out.map(({ line, system, code, status, proposed, units, modifiers, pointers }) => ({
      line,
      system,
      code,
      status,
      proposed,
      units,
      modifiers,
      pointers,
    }));
    // Procedure lines are part of the encounter's coding: the same state move as saving codes.
    await transition(trx, row, actor, 'save-codes', { procedures: summary });
    await appendAudit(trx, auditActor(actor), [
      { action: 'save-procedures', entityType: 'code', entityId: id, detail: { procedures: summary } },
    ]);
    return out;
  });
}

/** The encounter's saved procedure lines, in line order. */
export async function procedureLines(db: Kysely<Database>, id: number): Promise<ProcedureLine[]> {
  const rows = await db
    .selectFrom('encounter_procedure')
    .selectAll()
    .where('encounter_id', '=', id)
    .orderBy('line')
    .execute();
  return rows.map((r) => ({
    line: r.line,
    system: r.system,
    code: r.code,
    status: r.status,
    proposed: r.proposed,
    title: r.title,
    units: r.units,
    modifiers: r.modifiers,
    pointers: r.pointers,
    evidence: r.evidence as EvidenceSpan[],
  }));
}

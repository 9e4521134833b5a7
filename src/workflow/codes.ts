import type { CodingResult, EvidenceSpan } from '../coding/types.js';
import { reusableInsert, reusableQuery } from '../store/reusable-query.js';
import type { EncounterCodeStatus } from '../store/schema-workflow.js';
import { type AuditEntryInput, appendAudit } from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, type EncounterView, lockEncounter, transition, viewAfterChange } from './encounters.js';
import { invalid } from './errors.js';

/**
 * The coder's codes for an encounter, saved as a whole. Each row says what the engine proposed
 * (null for a code the coder added) and what the coder finalised — accepted as is, rejected,
 * or replaced by another code — so acceptance and accuracy can be measured per code.
 */
export interface CodeInput {
  code: string;
  sequence: number;
  status: EncounterCodeStatus;
  proposed: string | null;
}

export const MAX_CODES = 50;

// A save replaces the encounter's rows: built once (reusable-query.ts).
const deleteCodes = reusableQuery((db, id: number) =>
  db.deleteFrom('encounter_code').where('encounter_id', '=', id),
);
const insertCodes = reusableInsert('encounter_code', [
  'encounter_id',
  'code',
  'sequence',
  'status',
  'proposed',
  'title',
  'evidence',
  'saved_by',
]);

export async function saveCodes(
  ctx: WorkflowContext,
  actor: Actor,
  id: number,
  input: readonly CodeInput[],
  options: { view?: boolean } = {},
): Promise<EncounterView | undefined> {
  if (input.length > MAX_CODES) throw invalid('too_many_codes', `at most ${MAX_CODES} codes`, 'codes');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockEncounter(trx, id, ['suggestion']);
    const suggestion = row.suggestion as CodingResult | null;
    const proposedCodes = new Map((suggestion?.codes ?? []).map((c) => [c.code, c]));
    const finals = new Set<string>();
    const rows = input.map((c, i) => {
      const field = `codes[${i}]`;
      const code = c.code.trim().toUpperCase();
      const proposed = c.proposed === null ? null : c.proposed.trim().toUpperCase();
      if (c.status === 'added' && proposed !== null)
        throw invalid('invalid_code_row', 'an added code has no proposed code', `${field}.proposed`);
      if (c.status !== 'added') {
        if (proposed === null)
          throw invalid(
            'invalid_code_row',
            `a ${c.status} code names the engine's proposed code`,
            `${field}.proposed`,
          );
        if (!proposedCodes.has(proposed))
          throw invalid(
            'not_proposed',
            `${proposed} is not among the engine's suggested codes`,
            `${field}.proposed`,
          );
      }
      if (c.status === 'accepted' && code !== proposed)
        throw invalid('invalid_code_row', 'an accepted code is the proposed code', `${field}.code`);
      if (c.status === 'replaced' && code === proposed)
        throw invalid('invalid_code_row', 'a replacement differs from the proposed code', `${field}.code`);
      let title = proposedCodes.get(code)?.title ?? '';
      // The code as stored: a final code in the Tabular's own form (dotted, upper case), a
      // rejected one as sent (it need not be valid).
      let stored = code;
      if (c.status !== 'rejected') {
        const [v] = ctx.terminology.validate([code], { date: row.date_of_service });
        if (!v?.valid)
          throw invalid(
            'invalid_code',
            `${c.code}: ${v?.problem?.message ?? 'not a reportable code'}`,
            `${field}.code`,
          );
        title = v.title ?? title;
        stored = v.code ?? code;
        if (finals.has(v.code!))
          throw invalid('duplicate_code', `${v.code} is listed twice`, `${field}.code`);
        finals.add(v.code!);
      }
      const evidence: EvidenceSpan[] = proposed ? (proposedCodes.get(proposed)?.evidence ?? []) : [];
      return {
        encounter_id: id,
        code: stored,
        sequence: c.sequence,
        status: c.status,
        proposed,
        title: title || (ctx.terminology.lookup(code)?.title ?? ''),
        evidence: JSON.stringify(evidence),
        saved_by: actor.user.id,
      };
    });
    const seqs = rows.filter((r) => r.status !== 'rejected').map((r) => r.sequence);
    if (new Set(seqs).size !== seqs.length)
      throw invalid('duplicate_sequence', 'two final codes share a sequence number', 'codes');
    await deleteCodes.execute(trx, id);
    await insertCodes.execute(trx, rows);
    const summary = rows.map((r) => ({
      code: r.code,
      status: r.status,
      proposed: r.proposed,
      sequence: r.sequence,
    }));
    await transition(trx, row, actor, 'save-codes', { codes: summary });
    const change: AuditEntryInput = {
      action: 'save',
      entityType: 'code',
      entityId: id,
      detail: { codes: summary },
    };
    // With `view`, the view is read in this transaction and audited in the same single append.
    if (options.view) return viewAfterChange(trx, actor, id, [change]);
    await appendAudit(trx, auditActor(actor), [change]);
    return undefined;
  });
}

import { sql } from 'kysely';
import type { CodingResult, EvidenceSpan } from '../coding/types.js';
import { reusableQuery } from '../store/reusable-query.js';
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

/**
 * A save makes the encounter's rows what the coder sent, in one statement: rows no longer sent
 * are deleted, new ones inserted, changed ones updated, and rows sent unchanged (most of them,
 * on a re-save) are left alone, so `saved_by` names who last changed a row. It replaced a
 * DELETE of every row and an INSERT of them all again: two round trips on the embedded store
 * and every row and index entry rewritten on each save. The DELETE and the upsert touch
 * different keys, so the order PostgreSQL runs them in does not matter.
 */
const writeCodes = reusableQuery((db, id: number, rowsJson: string, userId: number) => {
  const statement = sql`
    WITH incoming AS (
      SELECT * FROM jsonb_to_recordset(${rowsJson}::jsonb)
        AS r(code text, sequence integer, status text, proposed text, title text, evidence jsonb)
    ), gone AS (
      DELETE FROM encounter_code c
      WHERE c.encounter_id = ${id}
        AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.sequence = c.sequence AND i.code = c.code)
    )
    INSERT INTO encounter_code AS c
      (encounter_id, code, sequence, status, proposed, title, evidence, saved_by)
    SELECT ${id}, code, sequence, status, proposed, title, evidence, ${userId} FROM incoming
    ON CONFLICT (encounter_id, sequence, code) DO UPDATE
      SET status = excluded.status, proposed = excluded.proposed, title = excluded.title,
          evidence = excluded.evidence, saved_by = excluded.saved_by
      WHERE (c.status, c.proposed, c.title, c.evidence)
        IS DISTINCT FROM (excluded.status, excluded.proposed, excluded.title, excluded.evidence)`;
  return { compile: () => statement.compile(db) };
});

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
        code: stored,
        sequence: c.sequence,
        status: c.status,
        proposed,
        title: title || (ctx.terminology.lookup(code)?.title ?? ''),
        evidence,
      };
    });
    const seqs = rows.filter((r) => r.status !== 'rejected').map((r) => r.sequence);
    if (new Set(seqs).size !== seqs.length)
      throw invalid('duplicate_sequence', 'two final codes share a sequence number', 'codes');
    // A row is keyed by its sequence and code: the same code twice at one number (a rejected
    // copy of an accepted code, say) would be one row written twice.
    const keys = new Set(rows.map((r) => `${r.sequence} ${r.code}`));
    if (keys.size !== rows.length)
      throw invalid('duplicate_code_row', 'a code is listed twice at the same sequence number', 'codes');
    await writeCodes.execute(trx, id, JSON.stringify(rows), actor.user.id);
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

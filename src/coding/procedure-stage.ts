/**
 * Runs every procedure finder over the prepared note, then makes claim lines of what they found:
 * modifiers (25, RT/LT/50, 59/X{EPSU}) and diagnosis pointers, which need all the lines and the
 * diagnoses together. Each finder's failure is its own: a finder that throws leaves a warning
 * naming it and the other code systems' results stand.
 */
import type { PreparedNote } from './prepare-note.js';
import type { ProcedureFinder } from './procedure-finder.js';
import type { ProcedureSuggestion } from './procedure-types.js';
import type { CodeSuggestion, PhysicianQuery } from './types.js';

/** What turns found procedures into claim lines (modifiers, pointers); pure. */
export type ProcedureLines = (
  procedures: readonly ProcedureSuggestion[],
  diagnoses: readonly CodeSuggestion[],
  note: PreparedNote,
) => ProcedureSuggestion[];

export interface ProcedureStageResult {
  procedures: ProcedureSuggestion[];
  queries: PhysicianQuery[];
  warnings: string[];
}

export function runProcedureFinders(
  finders: readonly ProcedureFinder[],
  note: PreparedNote,
  diagnoses: readonly CodeSuggestion[],
  lines?: ProcedureLines,
): ProcedureStageResult {
  const context = { input: note.input, analysis: note.analysis, diagnoses };
  const procedures: ProcedureSuggestion[] = [];
  const queries: PhysicianQuery[] = [];
  const warnings: string[] = [];
  for (const finder of finders) {
    try {
      const found = finder.find(context);
      procedures.push(...found.procedures);
      queries.push(...found.queries);
    } catch (error) {
      // A defect in one finder must not cost the coder the diagnoses and the other lines.
      warnings.push(`${finder.name} procedure coding failed: ${(error as Error).message}`);
    }
  }
  return { procedures: lines ? lines(procedures, diagnoses, note) : procedures, queries, warnings };
}

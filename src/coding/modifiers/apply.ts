/**
 * The claim-line stage: modifiers on the lines of every finder, then diagnosis pointers. Order
 * matters: RT/LT first (an NCCI pair on opposite sides needs no 59), then 59/X{S,E,U} on the
 * column 2 line of a pair, then 25 on the E/M. Each rule adds to new line objects; a modifier it
 * considered and did not add is explained in the line's rationale details.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { PreparedNote } from '../prepare-note.js';
import type { ProcedureLines } from '../procedure-stage.js';
import type { ProcedureSuggestion } from '../procedure-types.js';
import type { CodeSuggestion } from '../types.js';
import { assignDiagnosisPointers } from './diagnosis-pointers.js';
import { type DistinctServiceOptions, distinctServiceModifiers } from './distinct-service.js';
import { lateralityModifiers } from './laterality.js';
import { modifier25 } from './modifier-25.js';
import type { PtpPairs } from './ptp-pairs.js';

export interface ModifierContext extends DistinctServiceOptions {
  /** The analysed note the lines' evidence offsets point into. */
  analysis: NoteAnalysis;
  dateOfService: string;
  /** The result's ICD-10-CM codes (for 25: a problem apart from the procedure's). */
  diagnoses: readonly CodeSuggestion[];
  /** NCCI PTP edits (59/X and the E/M pairs of 25); without them only the minor-procedure list and RT/LT/50 apply. */
  ptp?: PtpPairs;
}

export function applyModifiers(
  lines: readonly ProcedureSuggestion[],
  context: ModifierContext,
): ProcedureSuggestion[] {
  const { analysis, dateOfService, diagnoses, ptp } = context;
  const sided = lateralityModifiers(lines, analysis);
  const distinct = distinctServiceModifiers(sided, analysis, dateOfService, ptp, context);
  return modifier25(distinct, diagnoses, analysis, dateOfService, ptp);
}

/** The engine's claim-line stage (`ProcedureLines`): modifiers, then pointers. */
export function procedureLines(options: { ptp?: PtpPairs } & DistinctServiceOptions = {}): ProcedureLines {
  return (procedures, diagnoses, note: PreparedNote) => {
    const context = {
      ...options,
      analysis: note.analysis,
      dateOfService: note.input.dateOfService,
      diagnoses,
    };
    return assignDiagnosisPointers(applyModifiers(procedures, context), diagnoses, note.analysis);
  };
}

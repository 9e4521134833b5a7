/**
 * One interface for every procedure code system's finder (E/M, HCPCS Level II, ICD-10-PCS).
 * A finder reads the analysed note and the diagnoses already coded, and returns new values; it
 * never mutates its input. Finders hold their data (HCPCS records, PCS tables), loaded at
 * construction or, for a finder built to load on demand, by `prepare` before the first note that
 * needs it, so `find` is synchronous and fast, like the diagnosis engine's `code`.
 */
import type { NoteAnalysis } from '../nlp/index.js';
import type { ProcedureCodeSystem, ProcedureSuggestion } from './procedure-types.js';
import type { CodeSuggestion, NoteInput, PhysicianQuery } from './types.js';

export interface ProcedureContext {
  readonly input: NoteInput;
  readonly analysis: NoteAnalysis;
  /** The ICD-10-CM codes of this result, in sequence order (for diagnosis pointers). */
  readonly diagnoses: readonly CodeSuggestion[];
}

export interface ProcedureFindings {
  procedures: ProcedureSuggestion[];
  /** Where the note documents too little for a level, a unit count or a PCS axis: what is missing. */
  queries: PhysicianQuery[];
}

export interface ProcedureFinder {
  readonly system: ProcedureCodeSystem;
  /** A short name for rationale and benchmarks: "em", "hcpcs", "pcs". */
  readonly name: string;
  /**
   * Loads what `find` will need for this note and is not loaded yet (undefined: nothing to load).
   * Callers awaiting the same data share one load; a failed load is tried again next time.
   */
  prepare?(input: NoteInput): Promise<void> | undefined;
  find(context: ProcedureContext): ProcedureFindings;
}

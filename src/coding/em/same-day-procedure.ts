/**
 * A procedure performed at this visit, from the procedures section or a plan line that says it
 * was done ("injections today", "post-reduction films acceptable").
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { EvidenceSpan } from '../types.js';
import { isDecisionSection, lineAround } from './note-parts.js';
import { type GlobalKind, PERFORMED, PROCEDURE_TERMS } from './same-day-procedure-terms.js';
import { findTerms } from './terms.js';

export interface SameDayProcedure {
  global: GlobalKind;
  evidence: EvidenceSpan;
}

export function findSameDayProcedure(analysis: NoteAnalysis): SameDayProcedure | undefined {
  const hits = findTerms(
    analysis,
    PROCEDURE_TERMS,
    (s) => s.section === 'procedures' || isDecisionSection(s.section),
  ).filter(
    (h) => !h.context.negated && !h.context.hypothetical && !h.context.historical && !h.context.family,
  );
  const performed = hits.filter((h) => {
    if (h.sentence.section === 'procedures') return true;
    const line = lineAround(analysis.text, h.span.start);
    return PERFORMED.test(analysis.text.slice(line.start, line.end));
  });
  // A major procedure decides the modifier when both are present (57 over 25).
  const hit = performed.find((h) => h.term.kind === 'major') ?? performed[0];
  return hit ? { global: hit.term.kind, evidence: hit.span } : undefined;
}

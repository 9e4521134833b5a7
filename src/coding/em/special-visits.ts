/**
 * Finds a preventive, post-operative (global period) or staff-only visit. Read only where the
 * note opens (title, chief complaint, history) or in its assessment, where the visit's purpose
 * is written; a plan's "post-op visit in 2 weeks" is not this visit.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { EvidenceSpan } from '../types.js';
import { isDecisionSection, isOpeningSentence } from './note-parts.js';
import { SPECIAL_VISIT_TERMS, type SpecialVisitKind } from './special-visit-terms.js';
import { affirmed, findTerms } from './terms.js';

export interface SpecialVisit {
  kind: SpecialVisitKind;
  evidence: EvidenceSpan;
}

export function findSpecialVisit(analysis: NoteAnalysis): SpecialVisit | undefined {
  const hits = findTerms(
    analysis,
    SPECIAL_VISIT_TERMS,
    (s) => isOpeningSentence(analysis, s) || (isDecisionSection(s.section) && s.section !== 'plan'),
  ).filter((h) => affirmed(h) && !h.context.hypothetical);
  const hit = hits[0];
  return hit ? { kind: hit.term.kind, evidence: hit.span } : undefined;
}

/**
 * New or established patient (office visits only; ED and hospital codes do not distinguish).
 * The encounter record's status wins. Otherwise the note is read: wording that names the status
 * outranks wording that implies it, and two readings of the same strength that disagree leave
 * the status unknown (a physician query, not a guess). A consult is read as a new patient; the
 * rationale reminds the coder of the 3-year rule (same group, same specialty).
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { EvidenceSpan, NoteInput } from '../types.js';
import { isOpeningSentence } from './note-parts.js';
import { EXPLICIT_STATUS, IMPLIED_STATUS, type StatusKind } from './patient-status-terms.js';
import { affirmed, findTerms, type Term, type TermHit } from './terms.js';

export interface StatusReading {
  status?: StatusKind;
  from: string;
  evidence: EvidenceSpan[];
}

function agreed(hits: TermHit<StatusKind>[]): StatusKind | 'conflict' | undefined {
  const kinds = new Set(hits.map((h) => h.term.kind));
  if (kinds.size > 1) return 'conflict';
  return hits[0]?.term.kind;
}

function readWith(
  analysis: NoteAnalysis,
  terms: readonly Term<StatusKind>[],
  openingOnly: boolean,
): { hits: TermHit<StatusKind>[]; status: StatusKind | 'conflict' | undefined } {
  const hits = findTerms(analysis, terms, (s) =>
    openingOnly ? isOpeningSentence(analysis, s) : s.section !== 'plan' && s.section !== 'family_history',
  ).filter((h) => affirmed(h) && !h.context.hypothetical);
  return { hits, status: agreed(hits) };
}

export function readPatientStatus(input: NoteInput, analysis: NoteAnalysis): StatusReading {
  const recorded = input.visit?.patientStatus;
  if (recorded) return { status: recorded, from: `encounter record (${recorded})`, evidence: [] };
  for (const [terms, openingOnly, strength] of [
    [EXPLICIT_STATUS, false, 'stated'],
    [IMPLIED_STATUS, true, 'implied'],
  ] as const) {
    const { hits, status } = readWith(analysis, terms, openingOnly);
    if (status === 'conflict') {
      return {
        from: `the note ${strength} both new and established (${hits.map((h) => `"${h.span.text}"`).join(', ')})`,
        evidence: hits.map((h) => h.span),
      };
    }
    if (status) {
      const first = hits.find((h) => h.term.kind === status)!;
      return {
        status,
        from: `the note (${strength}: "${first.span.text}")`,
        evidence: [first.span],
      };
    }
  }
  return { from: 'neither the encounter record nor the note says new or established', evidence: [] };
}

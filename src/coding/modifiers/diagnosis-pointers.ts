/**
 * Diagnosis pointers: which of the result's ICD-10-CM codes each line is billed for, at most four
 * (837P SV107, CMS-1500 24E). A visit (E/M) points to the problems addressed, in sequence order;
 * any other line to the diagnoses written in the same sentences as its evidence, nearest first
 * ("Ketorolac 30 mg IM for acute low back pain"); failing that, the nearest diagnosis in the same
 * section, then the first-listed diagnosis. Pure: new lines, the input unchanged.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { ProcedureSuggestion } from '../procedure-types.js';
import type { CodeSuggestion, EvidenceSpan } from '../types.js';
import { sentenceAt } from './line-context.js';
import { isEvaluationAndManagement } from './line-kinds.js';

export const MAX_POINTERS = 4;

function distance(a: EvidenceSpan, b: EvidenceSpan): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

function sectionOf(analysis: NoteAnalysis, offset: number) {
  return analysis.sections.find((s) => s.start <= offset && offset < s.end);
}

export function diagnosisPointersFor(
  line: ProcedureSuggestion,
  diagnoses: readonly CodeSuggestion[],
  analysis: NoteAnalysis,
): string[] {
  const ordered = [...diagnoses].sort((a, b) => a.sequence - b.sequence);
  if (ordered.length === 0) return [];
  if (isEvaluationAndManagement(line)) return ordered.slice(0, MAX_POINTERS).map((d) => d.code);
  const scored = ordered.map((d) => {
    let sameSentence = Number.POSITIVE_INFINITY;
    let sameSection = Number.POSITIVE_INFINITY;
    for (const p of line.evidence) {
      const ps = sentenceAt(analysis, p.start);
      const psec = sectionOf(analysis, p.start);
      for (const e of d.evidence) {
        const gap = distance(p, e);
        if (ps && ps === sentenceAt(analysis, e.start)) sameSentence = Math.min(sameSentence, gap);
        if (psec && psec === sectionOf(analysis, e.start)) sameSection = Math.min(sameSection, gap);
      }
    }
    return { d, sameSentence, sameSection };
  });
  const inSentence = scored
    .filter((s) => Number.isFinite(s.sameSentence))
    .sort((a, b) => a.sameSentence - b.sameSentence);
  if (inSentence.length) return inSentence.slice(0, MAX_POINTERS).map((s) => s.d.code);
  const inSection = scored
    .filter((s) => Number.isFinite(s.sameSection))
    .sort((a, b) => a.sameSection - b.sameSection);
  if (inSection[0]) return [inSection[0].d.code];
  return [ordered[0]?.code ?? ''].filter(Boolean);
}

/** Every line with its pointers (max 4), as new objects. */
export function assignDiagnosisPointers(
  lines: readonly ProcedureSuggestion[],
  diagnoses: readonly CodeSuggestion[],
  analysis: NoteAnalysis,
): ProcedureSuggestion[] {
  return lines.map((line) => ({
    ...line,
    diagnosisPointers: diagnosisPointersFor(line, diagnoses, analysis),
  }));
}

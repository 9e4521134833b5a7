/**
 * Facts a coder reads from the note's wording rather than from an Index term: weeks of
 * gestation, BMI, tobacco use, a vaccine given, long-term drug therapy. Each finder is a pure
 * function over the analysed note and the codes the Index walk already proposed.
 */
import type { NoteAnalysis } from '../../../nlp/analyze.js';
import type { EvidenceSpan } from '../../types.js';

export interface Fact {
  code: string;
  evidence: EvidenceSpan[];
  indexPath: string[];
  guideline: string;
  /** Codes (or category prefixes ending in "*") this fact replaces when both are proposed. */
  replaces?: string[];
}

export interface FactInput {
  analysis: NoteAnalysis;
  age: number;
  /** Codes already proposed from the Index walk (affirmative, current). */
  codes: readonly string[];
}

export type FactFinder = (input: FactInput) => Fact[];

/** The quoted evidence for a regular-expression match inside a sentence's text. */
export function spanOf(
  analysis: NoteAnalysis,
  sentenceStart: number,
  m: RegExpExecArray,
  section: string,
): EvidenceSpan {
  const start = sentenceStart + m.index;
  const end = start + m[0].length;
  return { start, end, text: analysis.text.slice(start, end), section };
}

/** Sentences with their text, for finders that read wording. */
export function sentenceTexts(analysis: NoteAnalysis) {
  return analysis.sentences.map((s) => ({ sentence: s, text: analysis.text.slice(s.start, s.end) }));
}

/** The quoted evidence of a candidate: the note's words a finder read it from. */
import type { NoteAnalysis, Sentence } from '../../../nlp/analyze.js';
import type { EvidenceSpan } from '../../types.js';
import { type Mention, POS_BASE } from '../index-match.js';

/** One span per sentence the positions fall in, the mention's own sentence first. */
export function evidenceOf(
  analysis: NoteAnalysis,
  m: Pick<Mention, 'sentence' | 'positions'>,
): EvidenceSpan[] {
  const bySentence = new Map<number, number[]>();
  for (const p of m.positions) {
    const s = Math.floor(p / POS_BASE);
    const list = bySentence.get(s) ?? [];
    list.push(p % POS_BASE);
    bySentence.set(s, list);
  }
  const spans: EvidenceSpan[] = [];
  for (const [si, idx] of bySentence) {
    const sentence: Sentence = analysis.sentences[si]!;
    const start = Math.min(...idx.map((i) => sentence.tokens[i]!.start));
    const end = Math.max(...idx.map((i) => sentence.tokens[i]!.end));
    spans.push({ start, end, text: analysis.text.slice(start, end), section: sentence.section });
  }
  return spans.sort((a, b) => (a.start === m.sentence.start ? -1 : a.start - b.start));
}

/** The whole sentence as evidence, where no word of it was matched. */
export function sentenceSpan(analysis: NoteAnalysis, s: Sentence): EvidenceSpan {
  return { start: s.start, end: s.end, text: analysis.text.slice(s.start, s.end), section: s.section };
}

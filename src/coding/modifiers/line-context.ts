/**
 * What the note says around a procedure line: the sentences that hold its evidence. Modifiers are
 * read from there (the side, the site, a separate encounter), never from the whole note, so the
 * "left" of another problem does not become this line's LT.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/index.js';
import type { ProcedureSuggestion } from '../procedure-types.js';

export interface LineContext {
  sentences: Sentence[];
  /** The sentences' text, joined by a space. */
  text: string;
}

export function sentenceAt(analysis: NoteAnalysis, offset: number): Sentence | undefined {
  return analysis.sentences.find((s) => s.start <= offset && offset < Math.max(s.end, s.start + 1));
}

export function lineContext(line: ProcedureSuggestion, analysis: NoteAnalysis): LineContext {
  const sentences: Sentence[] = [];
  for (const e of line.evidence) {
    const s = sentenceAt(analysis, e.start);
    if (s && !sentences.includes(s)) sentences.push(s);
  }
  sentences.sort((a, b) => a.start - b.start);
  return { sentences, text: sentences.map((s) => analysis.text.slice(s.start, s.end)).join(' ') };
}

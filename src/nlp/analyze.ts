/**
 * One pass over a note: sections, sentences, tokens (abbreviations expanded) and per-token
 * context flags. Everything the coding engine reads about the text comes from here, with
 * offsets into the original note so evidence can be quoted exactly.
 */
import { expandAbbreviations } from './abbreviations.js';
import { type ContextFlags, contextScopes } from './context.js';
import { findSections, type Section, type SectionKind } from './sections.js';
import { splitSentences } from './sentences.js';
import { type Token, tokenize } from './tokens.js';

export interface Sentence {
  index: number;
  start: number;
  end: number;
  section: SectionKind;
  /** Tokens after abbreviation expansion (expanded words share the abbreviation's offsets). */
  tokens: Token[];
  /** flags[i] is the context of tokens[i]. */
  flags: ContextFlags[];
}

export interface NoteAnalysis {
  text: string;
  sections: Section[];
  sentences: Sentence[];
}

export interface AnalyzeOptions {
  /** Stop after this many sentences (a cap on work per note). */
  maxSentences?: number;
}

export function analyzeNote(text: string, options: AnalyzeOptions = {}): NoteAnalysis {
  const max = options.maxSentences ?? 5000;
  const sections = findSections(text);
  const sentences: Sentence[] = [];
  const bodies =
    sections.length > 0 ? sections : [{ kind: 'preamble' as const, bodyStart: 0, end: text.length }];
  for (const section of bodies) {
    for (const span of splitSentences(text, section.bodyStart, section.end)) {
      if (sentences.length >= max) return { text, sections, sentences };
      const tokens = expandAbbreviations(tokenize(text, span.start, span.end));
      if (tokens.length === 0) continue;
      sentences.push({
        index: sentences.length,
        start: span.start,
        end: span.end,
        section: section.kind,
        tokens,
        flags: contextScopes(tokens),
      });
    }
  }
  return { text, sections, sentences };
}

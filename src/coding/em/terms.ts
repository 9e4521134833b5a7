/**
 * Word lists as data: each row is a pattern (a regular-expression source matched on word
 * boundaries, case-insensitive, any run of spaces where the pattern has one), the concept it
 * stands for and the source it came from. `findTerms` reads the analysed note sentence by
 * sentence and gives each hit its span and the context flags of the words it covers (negated,
 * hypothetical, family ...) from `nlp/context`, so a list never re-splits the text.
 */
import { type ContextFlags, contextOf, type NoteAnalysis, type Sentence } from '../../nlp/index.js';
import type { EvidenceSpan } from '../types.js';
import type { SourceKey } from './sources.js';

export interface Term<K extends string = string> {
  pattern: string;
  kind: K;
  /** Our own label for the rationale; defaults to the matched text. */
  label?: string;
  source: SourceKey;
  /** Match case as written: "US" (ultrasound) is not "us", "PET" is not "pet". */
  caseSensitive?: boolean;
}

export interface TermHit<K extends string = string> {
  term: Term<K>;
  span: EvidenceSpan;
  sentence: Sentence;
  context: ContextFlags;
}

const compiled = new WeakMap<Term, RegExp>();

function regexOf(term: Term): RegExp {
  let re = compiled.get(term);
  if (!re) {
    const flags = term.caseSensitive ? 'g' : 'gi';
    re = new RegExp(`(?<![A-Za-z0-9])(?:${term.pattern.replace(/ /g, '\\s+')})(?![A-Za-z0-9])`, flags);
    compiled.set(term, re);
  }
  return re;
}

/**
 * One regular expression for a whole list: whether any of its terms occurs in a sentence. Most
 * sentences hold none of a list's words, and one pass over the sentence for the list costs a
 * fraction of one pass per term; the per-term passes (which keep overlapping hits) run only on
 * the sentences this finds something in. Any non-empty match of a term is also a match of the
 * alternation at the same place, so no hit is lost.
 */
const anyOfList = new WeakMap<readonly Term[], RegExp>();

function anyRegexOf(terms: readonly Term[]): RegExp {
  let re = anyOfList.get(terms);
  if (!re) {
    // A case-sensitive term is matched as written; (?i:) groups would say it inline, but Node 20
    // lacks them, so the list's test ignores case and the term's own regex decides.
    const body = terms.map((t) => `(?:${t.pattern.replace(/ /g, '\\s+')})`).join('|');
    re = new RegExp(`(?<![A-Za-z0-9])(?:${body})(?![A-Za-z0-9])`, 'i');
    anyOfList.set(terms, re);
  }
  return re;
}

/** The quoted span of text[start, end) in a sentence's section. */
export function spanIn(analysis: NoteAnalysis, start: number, end: number, section: string): EvidenceSpan {
  return { start, end, text: analysis.text.slice(start, end), section };
}

/** Context flags of the sentence's tokens that overlap [start, end). */
export function contextAt(sentence: Sentence, start: number, end: number): ContextFlags {
  let from = -1;
  let to = -1;
  sentence.tokens.forEach((t, i) => {
    if (t.end > start && t.start < end) {
      if (from < 0) from = i;
      to = i + 1;
    }
  });
  return from < 0 ? contextOf([], 0, 0) : contextOf(sentence.flags, from, to);
}

/** Every hit of the terms in the sentences the filter keeps, in note order. */
export function findTerms<K extends string>(
  analysis: NoteAnalysis,
  terms: readonly Term<K>[],
  keep: (s: Sentence) => boolean = () => true,
): TermHit<K>[] {
  const hits: TermHit<K>[] = [];
  for (const sentence of analysis.sentences) {
    if (!keep(sentence)) continue;
    const text = analysis.text.slice(sentence.start, sentence.end);
    if (!anyRegexOf(terms).test(text)) continue;
    for (const term of terms) {
      const re = regexOf(term);
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const start = sentence.start + m.index;
        const end = start + m[0].length;
        hits.push({
          term,
          span: spanIn(analysis, start, end, sentence.section),
          sentence,
          context: contextAt(sentence, start, end),
        });
      }
    }
  }
  return hits.sort((a, b) => a.span.start - b.span.start);
}

/** Drops hits inside a longer hit ("ECG" inside "ambulatory ECG monitor"). */
export function outermost<T extends { span: EvidenceSpan }>(hits: T[]): T[] {
  const length = (h: T) => h.span.end - h.span.start;
  return hits.filter(
    (h) =>
      !hits.some(
        (o) => o !== h && o.span.start <= h.span.start && o.span.end >= h.span.end && length(o) > length(h),
      ),
  );
}

/** A hit that states the thing as present for this patient (not denied, not someone else's). */
export function affirmed(hit: { context: ContextFlags }): boolean {
  return !hit.context.negated && !hit.context.family;
}

/** Builds term rows from compact tuples: [pattern, kind, source, label?]. */
export function rows<K extends string>(
  list: ReadonlyArray<readonly [pattern: string, kind: K, source: SourceKey, label?: string]>,
): Term<K>[] {
  return list.map(([pattern, kind, source, label]) =>
    label ? { pattern, kind, source, label } : { pattern, kind, source },
  );
}

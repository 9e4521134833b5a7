import { expandAbbreviations } from './abbreviations.js';
import { editDistance } from './edit-distance.js';
import { STOPWORDS, splitParenthesised, stem, words } from './text.js';
import type { SearchSource } from './types.js';

/** One searchable text pointing at a code: a title, an inclusion term, or an Index path. */
export interface SearchDoc {
  code: string;
  /** Shown to the user as what matched. */
  text: string;
  /** Words that must match for a precise hit. */
  essential: string;
  /** Words that may match but are not required (Index nonessential modifiers, parenthesised words). */
  nonessential: string;
  source: SearchSource;
}

export interface RankedDoc {
  doc: SearchDoc;
  /** 0..1: share of the query matched, weighted by rarity, times how much of the doc it covers. */
  relevance: number;
}

// Query words that fail every fuzzy match still weigh this much, so a document matching the
// rest of the query cannot look like a full match.
const UNKNOWN_WORD_WEIGHT = 4;
const MIN_COVERAGE = 0.5;

/**
 * Inverted index over stems, built once at load time. Typos are resolved against the vocabulary
 * with a deletion index (SymSpell-style): every stem of 5+ letters is stored with its one-letter
 * deletions, so a query word finds the stems within edit distance 1–2 by a handful of map
 * lookups instead of a vocabulary scan.
 */
export class SearchIndex {
  private readonly docs: readonly SearchDoc[];
  private readonly termIds = new Map<string, number>();
  private readonly essentialPostings: Int32Array[] = [];
  private readonly optionalPostings: Int32Array[] = [];
  private readonly idf: Float64Array;
  private readonly docWeight: Float64Array;
  private readonly deletions = new Map<string, number[]>();
  // Scratch buffers reused by every query (the service is single-threaded JavaScript).
  private readonly coverage: Float64Array;
  private readonly essentialHit: Float64Array;
  private readonly bestForWord: Float64Array;
  private readonly bestEssentialForWord: Float64Array;

  constructor(docs: readonly SearchDoc[]) {
    this.docs = docs;
    const ess: number[][] = [];
    const opt: number[][] = [];
    const docTerms: number[][] = [];
    docs.forEach((doc, d) => {
      const e = new Set(contentStems(doc.essential));
      const o = new Set(contentStems(doc.nonessential).filter((s) => !e.has(s)));
      const ids: number[] = [];
      for (const s of e) {
        const t = this.term(s, ess, opt);
        (ess[t] as number[]).push(d);
        ids.push(t);
      }
      for (const s of o) (opt[this.term(s, ess, opt)] as number[]).push(d);
      docTerms.push(ids);
    });
    const n = docs.length;
    this.idf = new Float64Array(ess.length);
    for (let t = 0; t < ess.length; t++) {
      this.essentialPostings.push(Int32Array.from(ess[t] as number[]));
      this.optionalPostings.push(Int32Array.from(opt[t] as number[]));
      const df = (ess[t] as number[]).length + (opt[t] as number[]).length;
      this.idf[t] = Math.log(1 + n / Math.max(1, df));
    }
    this.docWeight = new Float64Array(n);
    docTerms.forEach((ids, d) => {
      let w = 0;
      for (const t of ids) w += this.idf[t] as number;
      this.docWeight[d] = w;
    });
    for (const [s, t] of this.termIds) {
      if (s.length < 5) continue;
      for (const v of new Set([s, ...deletes(s)])) {
        const list = this.deletions.get(v);
        if (list) list.push(t);
        else this.deletions.set(v, [t]);
      }
    }
    this.coverage = new Float64Array(n);
    this.essentialHit = new Float64Array(n);
    this.bestForWord = new Float64Array(n);
    this.bestEssentialForWord = new Float64Array(n);
  }

  get size(): number {
    return this.docs.length;
  }

  /** Documents matching at least half the query (by weight), best first, at most `limit` of them. */
  query(text: string, limit: number): RankedDoc[] {
    const queryStems = [...new Set(contentStems(expandAbbreviations(text)))];
    if (queryStems.length === 0) return [];
    let total = 0;
    const touched: number[] = [];
    for (const q of queryStems) {
      const matches = this.resolve(q);
      const weight =
        matches.length > 0 ? Math.max(...matches.map(([t]) => this.idf[t] as number)) : UNKNOWN_WORD_WEIGHT;
      total += weight;
      const wordTouched: number[] = [];
      for (const [t, quality] of matches) {
        const idf = this.idf[t] as number;
        for (const postings of [this.essentialPostings[t], this.optionalPostings[t]]) {
          const essential = postings === this.essentialPostings[t];
          for (const d of postings as Int32Array) {
            if (this.bestForWord[d] === 0) wordTouched.push(d);
            if (weight * quality > (this.bestForWord[d] as number)) this.bestForWord[d] = weight * quality;
            if (essential && idf * quality > (this.bestEssentialForWord[d] as number)) {
              this.bestEssentialForWord[d] = idf * quality;
            }
          }
        }
      }
      for (const d of wordTouched) {
        if (this.coverage[d] === 0) touched.push(d);
        this.coverage[d] = (this.coverage[d] as number) + (this.bestForWord[d] as number);
        this.essentialHit[d] = (this.essentialHit[d] as number) + (this.bestEssentialForWord[d] as number);
        this.bestForWord[d] = 0;
        this.bestEssentialForWord[d] = 0;
      }
    }
    const ranked: RankedDoc[] = [];
    for (const d of touched) {
      const coverage = (this.coverage[d] as number) / total;
      const precision = Math.min(
        1,
        (this.essentialHit[d] as number) / Math.max(1e-9, this.docWeight[d] as number),
      );
      this.coverage[d] = 0;
      this.essentialHit[d] = 0;
      if (coverage < MIN_COVERAGE) continue;
      ranked.push({
        doc: this.docs[d] as SearchDoc,
        relevance: coverage * coverage * (0.6 + 0.4 * precision),
      });
    }
    ranked.sort((a, b) => b.relevance - a.relevance);
    return ranked.slice(0, limit);
  }

  /** Vocabulary stems a query stem stands for, with a match quality (1 = exact). */
  private resolve(q: string): Array<[number, number]> {
    const exact = this.termIds.get(q);
    if (exact !== undefined) return [[exact, 1]];
    if (q.length < 5) return [];
    const maxDistance = q.length >= 8 ? 2 : 1;
    const variants = new Set([q, ...deletes(q)]);
    if (maxDistance === 2) for (const v of deletes(q)) for (const w of deletes(v)) variants.add(w);
    const found = new Map<number, number>();
    for (const v of variants) {
      for (const t of this.deletions.get(v) ?? []) {
        if (found.has(t)) continue;
        const d = editDistance(q, this.stemOf(t), maxDistance);
        if (d <= maxDistance) found.set(t, d === 1 ? 0.85 : 0.7);
      }
    }
    return [...found];
  }

  private stemOf(t: number): string {
    return this.stemsById[t] as string;
  }

  private readonly stemsById: string[] = [];

  private term(s: string, ess: number[][], opt: number[][]): number {
    let t = this.termIds.get(s);
    if (t === undefined) {
      t = ess.length;
      this.termIds.set(s, t);
      this.stemsById.push(s);
      ess.push([]);
      opt.push([]);
    }
    return t;
  }
}

/** Stems of the meaningful words (stopwords dropped). */
function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!STOPWORDS.has(w)) out.push(stem(w));
  return out;
}

function deletes(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** A title's essential and parenthesised words ("Essential (primary) hypertension"). */
export function titleDoc(code: string, title: string, source: SearchSource): SearchDoc {
  const { essential, nonessential } = splitParenthesised(title);
  return { code, text: title, essential, nonessential, source };
}

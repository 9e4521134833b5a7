import { stems } from '../text/index.js';
import { expandAbbreviations } from './abbreviations.js';
import { editDistance } from './edit-distance.js';
import type { SearchSource } from './types.js';

/** What every searchable document carries; the service adds how to show what matched. */
export interface SearchDocBase {
  code: string;
  source: SearchSource;
}

export interface RankedDoc<D extends SearchDocBase = SearchDocBase> {
  doc: D;
  /** 0..1: share of the query matched, weighted by rarity, times how much of the doc it covers. */
  relevance: number;
}

// Query words that fail every fuzzy match still weigh this much, so a document matching the
// rest of the query cannot look like a full match.
const UNKNOWN_WORD_WEIGHT = 4;
const MIN_COVERAGE = 0.5;

/**
 * Collects documents with their stems (essential words must match for a precise hit; optional
 * ones — Index nonessential modifiers, parenthesised words — may match) into postings lists.
 * Each document is given already stemmed (with `stemsOf`), so the caller can share work (an
 * Index path reuses its parent's stems).
 */
export class SearchIndexBuilder<D extends SearchDocBase> {
  readonly docs: D[] = [];
  readonly termIds = new Map<string, number>();
  readonly stemsById: string[] = [];
  readonly essential: number[][] = [];
  readonly optional: number[][] = [];
  // Last document each term was posted for, to skip repeated words within a document.
  private readonly lastEssential: number[] = [];
  private readonly lastOptional: number[] = [];

  /**
   * `families` folds a word's forms into one stem (search-families.ts); documents and queries
   * are stemmed through the same families.
   */
  constructor(readonly families: ReadonlyMap<string, string> = new Map()) {}

  /** Search stems of a document's text: its content stems, each folded into its word family. */
  stemsOf(text: string): string[] {
    return familyStems(text, this.families, true);
  }

  add(doc: D, essential: readonly string[], optional: readonly string[]): void {
    const d = this.docs.length;
    this.docs.push(doc);
    for (const s of essential) {
      const t = this.term(s);
      if (this.lastEssential[t] === d) continue;
      this.lastEssential[t] = d;
      (this.essential[t] as number[]).push(d);
    }
    for (const s of optional) {
      const t = this.term(s);
      if (this.lastEssential[t] === d || this.lastOptional[t] === d) continue;
      this.lastOptional[t] = d;
      (this.optional[t] as number[]).push(d);
    }
  }

  build(): SearchIndex<D> {
    return new SearchIndex(this);
  }

  private term(s: string): number {
    let t = this.termIds.get(s);
    if (t === undefined) {
      t = this.stemsById.length;
      this.termIds.set(s, t);
      this.stemsById.push(s);
      this.essential.push([]);
      this.optional.push([]);
      this.lastEssential.push(-1);
      this.lastOptional.push(-1);
    }
    return t;
  }
}

/**
 * Inverted index over stems, built once at load time. Typos are resolved against the vocabulary
 * with a deletion index (SymSpell-style): every stem of 5+ letters is stored with its one-letter
 * deletions, so a query word finds the stems within edit distance 1–2 by a handful of map
 * lookups instead of a vocabulary scan. A word folded into its family (search-families.ts) is
 * spelled there as itself: "inflamatory" is one letter from "inflammatory", not three from its
 * family stem "inflammation".
 */
export class SearchIndex<D extends SearchDocBase = SearchDocBase> {
  private readonly docs: readonly D[];
  private readonly termIds: ReadonlyMap<string, number>;
  private readonly stemsById: readonly string[];
  private readonly families: ReadonlyMap<string, string>;
  private readonly essentialPostings: Int32Array[] = [];
  private readonly optionalPostings: Int32Array[] = [];
  private readonly idf: Float64Array;
  private readonly docWeight: Float64Array;
  /** Typo candidates: spellings (vocabulary stems and folded forms) and the term each stands for. */
  private readonly spellings: string[] = [];
  private readonly spellingTerm: number[] = [];
  /** Spelling indexes by one-letter deletion (and by the spelling itself). */
  private readonly deletions = new Map<string, number[]>();
  // Scratch buffers reused by every query (the service is single-threaded JavaScript).
  private readonly coverage: Float64Array;
  private readonly essentialHit: Float64Array;
  private readonly bestForWord: Float64Array;
  private readonly bestEssentialForWord: Float64Array;

  constructor(built: SearchIndexBuilder<D>) {
    this.docs = built.docs;
    this.termIds = built.termIds;
    this.stemsById = built.stemsById;
    this.families = built.families;
    const n = this.docs.length;
    const terms = built.stemsById.length;
    this.idf = new Float64Array(terms);
    this.docWeight = new Float64Array(n);
    for (let t = 0; t < terms; t++) {
      const ess = Int32Array.from(built.essential[t] as number[]);
      const opt = Int32Array.from(built.optional[t] as number[]);
      this.essentialPostings.push(ess);
      this.optionalPostings.push(opt);
      const idf = Math.log(1 + n / Math.max(1, ess.length + opt.length));
      this.idf[t] = idf;
      for (const d of ess) this.docWeight[d] = (this.docWeight[d] as number) + idf;
    }
    for (let t = 0; t < terms; t++) this.addSpelling(this.stemsById[t] as string, t);
    for (const [form, family] of this.families) {
      const t = this.termIds.get(family);
      if (t !== undefined && !this.termIds.has(form)) this.addSpelling(form, t);
    }
    this.coverage = new Float64Array(n);
    this.essentialHit = new Float64Array(n);
    this.bestForWord = new Float64Array(n);
    this.bestEssentialForWord = new Float64Array(n);
  }

  private addSpelling(s: string, t: number): void {
    if (s.length < 5) return;
    const k = this.spellings.length;
    this.spellings.push(s);
    this.spellingTerm.push(t);
    this.addDeletion(s, k);
    for (let i = 0; i < s.length; i++) {
      // Doubled letters give the same deletion twice; post the spelling once.
      if (i > 0 && s[i] === s[i - 1]) continue;
      this.addDeletion(s.slice(0, i) + s.slice(i + 1), k);
    }
  }

  private addDeletion(v: string, k: number): void {
    const list = this.deletions.get(v);
    if (list) list.push(k);
    else this.deletions.set(v, [k]);
  }

  get size(): number {
    return this.docs.length;
  }

  /** Search stems of a query text, as documents were stemmed (abbreviations not expanded). */
  stemsOf(text: string): string[] {
    return familyStems(text, this.families, false);
  }

  /** Documents matching at least half the query (by weight), best first, at most `limit` of them. */
  query(text: string, limit: number): RankedDoc<D>[] {
    const queryStems = [...new Set(this.stemsOf(expandAbbreviations(text)))];
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
    const ranked: RankedDoc<D>[] = [];
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
        doc: this.docs[d] as D,
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
    const tried = new Set<number>();
    for (const v of variants) {
      for (const k of this.deletions.get(v) ?? []) {
        if (tried.has(k)) continue;
        tried.add(k);
        const d = editDistance(q, this.spellings[k] as string, maxDistance);
        if (d > maxDistance) continue;
        const t = this.spellingTerm[k] as number;
        const quality = d === 0 ? 1 : d === 1 ? 0.85 : 0.7;
        if (quality > (found.get(t) ?? 0)) found.set(t, quality);
      }
    }
    return [...found];
  }
}

/** `document`: an Index subterm that is the letter "A" alone names a type (see stems). */
function familyStems(text: string, families: ReadonlyMap<string, string>, document: boolean): string[] {
  const out = stems(text, { letterA: true, loneA: document });
  if (families.size === 0) return out;
  for (let i = 0; i < out.length; i++) {
    const family = families.get(out[i] as string);
    if (family !== undefined) out[i] = family;
  }
  return out;
}

function deletes(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

import type { Icd10cmIndexKind } from '../store/schema.js';
import { normalizeTitle, stems, words } from '../text/index.js';
import { editDistance } from './edit-distance.js';

/** Table cells (drug and neoplasm tables) as columns: term id, column number, code. */
export interface IndexCellColumns {
  termId: readonly number[];
  col: readonly number[];
  code: readonly string[];
}

const NO_CELLS: ReadonlyMap<number, string> = new Map();
/** Distinct unknown first words remembered per index (bounded for a long-running server). */
const NEAR_MAIN_LIMIT = 10_000;

/** A first word of main terms, its terms, and its place in the index's first-word map. */
interface FirstWord {
  key: string;
  list: readonly IndexTerm[];
  order: number;
}

/**
 * One Index term (main term at level 0, subterms below). The matching keys (normalised title,
 * its alternatives, stems) are computed on first use: a walk touches a few hundred of the
 * ~100,000 terms, so computing them for all at load time would be wasted work. Otherwise
 * read-only after load.
 */
export class IndexTerm {
  readonly children: IndexTerm[] = [];
  /** Number of terms below this one. */
  descendants = 0;
  cells: ReadonlyMap<number, string> = NO_CELLS;
  private normCache: string | undefined;
  private alternativesCache: readonly string[] | undefined;
  private stemKeyCache: string | undefined;
  private nemodStemsCache: ReadonlySet<string> | undefined;
  private alternativeKeysCache: readonly string[] | undefined;
  private alternativeWordsCache: ReadonlyArray<readonly string[]> | undefined;
  private normWordsCache: readonly string[] | undefined;

  constructor(
    readonly id: number,
    readonly parentId: number | null,
    readonly level: number,
    readonly title: string,
    readonly nemod: string | null,
    readonly code: string | null,
    readonly manif: string | null,
    readonly see: string | null,
    readonly seeAlso: string | null,
    readonly seeCat: string | null,
    readonly subcat: string | null,
  ) {}

  /** Lower-case title with normalised commas and spaces. */
  get norm(): string {
    this.normCache ??= normalizeTitle(this.title);
    return this.normCache;
  }

  /** The title's comma-separated alternatives ("femur, femoral" → femur | femoral). */
  get alternatives(): readonly string[] {
    this.alternativesCache ??= this.norm.split(', ');
    return this.alternativesCache;
  }

  /** Order-insensitive key of the title's stems. */
  get stemKey(): string {
    this.stemKeyCache ??= stemKey(this.title);
    return this.stemKeyCache;
  }

  /** `stemKey` of each alternative. */
  get alternativeKeys(): readonly string[] {
    this.alternativeKeysCache ??= this.alternatives.map(stemKey);
    return this.alternativeKeysCache;
  }

  /** The words of each alternative, for matching with typos. */
  get alternativeWords(): ReadonlyArray<readonly string[]> {
    this.alternativeWordsCache ??= this.alternatives.map((a) => words(a));
    return this.alternativeWordsCache;
  }

  get normWords(): readonly string[] {
    this.normWordsCache ??= words(this.norm);
    return this.normWordsCache;
  }

  get nemodStems(): ReadonlySet<string> {
    this.nemodStemsCache ??= new Set(this.nemod ? stems(this.nemod) : []);
    return this.nemodStemsCache;
  }
}

/**
 * One Alphabetic Index (disease, external cause, drug or neoplasm) as a tree in memory, with
 * main terms keyed by their first word so a walk starts from a few candidates.
 */
export class AlphabeticIndex {
  readonly mainTerms: readonly IndexTerm[];
  readonly byId: ReadonlyMap<number, IndexTerm>;
  /** Every term in document order (parents before children). */
  readonly terms: readonly IndexTerm[];
  private readonly mainByWord: ReadonlyMap<string, readonly IndexTerm[]>;
  /** Typo-tolerant candidates by first word, see mainCandidates. */
  private readonly nearMain = new Map<string, IndexTerm[]>();
  private wordsByLength: ReadonlyMap<number, ReadonlyArray<FirstWord>> | undefined;

  constructor(
    readonly kind: Icd10cmIndexKind,
    /** Every term, unlinked (children are filled here); ideally in id order. */
    rows: IndexTerm[],
    cells?: IndexCellColumns,
  ) {
    const terms = isSortedById(rows) ? rows : [...rows].sort((a, b) => a.id - b.id);
    const byId = new Map<number, IndexTerm>();
    for (const t of terms) byId.set(t.id, t);
    for (let i = 0; i < (cells?.termId.length ?? 0); i++) {
      const t = byId.get(cells?.termId[i] as number);
      if (!t) continue;
      if (t.cells === NO_CELLS) t.cells = new Map();
      (t.cells as Map<number, string>).set(cells?.col[i] as number, cells?.code[i] as string);
    }
    const main: IndexTerm[] = [];
    for (const t of terms) {
      const parent = t.parentId === null ? undefined : byId.get(t.parentId);
      if (parent) parent.children.push(t);
      else main.push(t);
    }
    // Ids follow document order, so a reverse pass sees children before parents.
    for (let i = terms.length - 1; i >= 0; i--) {
      const t = terms[i] as IndexTerm;
      const parent = t.parentId === null ? undefined : byId.get(t.parentId);
      if (parent) parent.descendants += t.descendants + 1;
    }
    const mainByWord = new Map<string, IndexTerm[]>();
    for (const t of main) {
      for (const w of new Set(t.alternatives.map(firstWord))) {
        const list = mainByWord.get(w);
        if (list) list.push(t);
        else mainByWord.set(w, [t]);
      }
    }
    this.mainTerms = main;
    this.byId = byId;
    this.terms = terms;
    this.mainByWord = mainByWord;
  }

  /** Main terms that could match a query part: same first word, else one typo away. */
  mainCandidates(part: string): readonly IndexTerm[] {
    const w = firstWord(part);
    const direct = this.mainByWord.get(w);
    if (direct) return direct;
    if (w.length < 5) return [];
    // The typo search compares the word with every main term's; words come back query after
    // query (a note's site words are asked about again and again), so the answer is kept.
    let out = this.nearMain.get(w);
    if (out) return out;
    const max = w.length >= 8 ? 2 : 1;
    // Only words within `max` letters of the word's length can be within `max` edits of it.
    const near: Array<FirstWord> = [];
    const byLength = this.mainWordsByLength();
    for (let len = w.length - max; len <= w.length + max; len++)
      for (const e of byLength.get(len) ?? []) if (editDistance(e.key, w, max) <= max) near.push(e);
    // In mainByWord's order, as a scan of every first word would list them.
    out = near.sort((a, b) => a.order - b.order).flatMap((e) => e.list);
    if (this.nearMain.size >= NEAR_MAIN_LIMIT) this.nearMain.clear();
    this.nearMain.set(w, out);
    return out;
  }

  /** mainByWord's first words by length, each with its place in mainByWord (built on first use). */
  private mainWordsByLength(): ReadonlyMap<number, ReadonlyArray<FirstWord>> {
    if (!this.wordsByLength) {
      const byLength = new Map<number, Array<FirstWord>>();
      let order = 0;
      for (const [key, list] of this.mainByWord) {
        const entry = { key, list, order: order++ };
        const same = byLength.get(key.length);
        if (same) same.push(entry);
        else byLength.set(key.length, [entry]);
      }
      this.wordsByLength = byLength;
    }
    return this.wordsByLength;
  }

  /** Path from the main term down to a term. */
  pathTo(term: IndexTerm): IndexTerm[] {
    const out: IndexTerm[] = [];
    for (
      let t: IndexTerm | undefined = term;
      t;
      t = t.parentId === null ? undefined : this.byId.get(t.parentId)
    ) {
      out.push(t);
    }
    return out.reverse();
  }
}

function isSortedById(terms: readonly IndexTerm[]): boolean {
  for (let i = 1; i < terms.length; i++)
    if ((terms[i] as IndexTerm).id < (terms[i - 1] as IndexTerm).id) return false;
  return true;
}

function firstWord(text: string): string {
  return (normalizeTitle(text).match(/[a-z0-9]+/) ?? [''])[0];
}

/** Order-insensitive key of a title's meaningful stems, for matching "neck femur" with "femur neck". */
export function stemKey(text: string): string {
  return stems(text).sort().join(' ');
}

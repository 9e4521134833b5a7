import type { Icd10cmIndexKind } from '../store/schema.js';
import { editDistance } from './edit-distance.js';
import { normalizeTitle, stems } from './text.js';

/** One Index row as the loader reads it (ids follow document order: parents before children). */
export type IndexTermRow = readonly [
  id: number,
  parentId: number | null,
  level: number,
  title: string,
  nemod: string | null,
  code: string | null,
  manif: string | null,
  see: string | null,
  seeAlso: string | null,
  seeCat: string | null,
  subcat: string | null,
];

/** One table cell row (drug and neoplasm tables): term id, column, code. */
export type IndexCellRow = readonly [termId: number, col: number, code: string];

const NO_CELLS: ReadonlyMap<number, string> = new Map();

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

  constructor(
    readonly kind: Icd10cmIndexKind,
    rows: readonly IndexTermRow[],
    cells: readonly IndexCellRow[] = [],
  ) {
    const sorted = isSortedById(rows) ? rows : [...rows].sort((a, b) => a[0] - b[0]);
    const byId = new Map<number, IndexTerm>();
    const terms: IndexTerm[] = [];
    for (const r of sorted) {
      const t = new IndexTerm(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]);
      byId.set(t.id, t);
      terms.push(t);
    }
    for (const [termId, col, code] of cells) {
      const t = byId.get(termId);
      if (!t) continue;
      if (t.cells === NO_CELLS) t.cells = new Map();
      (t.cells as Map<number, string>).set(col, code);
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
    const max = w.length >= 8 ? 2 : 1;
    const out: IndexTerm[] = [];
    for (const [key, list] of this.mainByWord) {
      if (editDistance(key, w, max) <= max) out.push(...list);
    }
    return out;
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

function isSortedById(rows: readonly IndexTermRow[]): boolean {
  for (let i = 1; i < rows.length; i++)
    if ((rows[i] as IndexTermRow)[0] < (rows[i - 1] as IndexTermRow)[0]) return false;
  return true;
}

function firstWord(text: string): string {
  return (normalizeTitle(text).match(/[a-z0-9]+/) ?? [''])[0];
}

/** Order-insensitive key of a title's meaningful stems, for matching "neck femur" with "femur neck". */
export function stemKey(text: string): string {
  return stems(text).sort().join(' ');
}

import type { Icd10cmIndexKind } from '../store/schema.js';
import { editDistance } from './edit-distance.js';
import { normalizeTitle, stems } from './text.js';

/** One Index term (main term at level 0, subterms below) as loaded from icd10cm_index_term. */
export interface IndexTerm {
  id: number;
  parentId: number | null;
  level: number;
  title: string;
  nemod: string | null;
  code: string | null;
  manif: string | null;
  see: string | null;
  seeAlso: string | null;
  seeCat: string | null;
  subcat: string | null;
  /** Table cells by column (drug and neoplasm tables). */
  cells: ReadonlyMap<number, string>;
  children: IndexTerm[];
  /** Precomputed for matching. */
  norm: string;
  /** The title's comma-separated alternatives ("femur, femoral" → femur | femoral). */
  alternatives: readonly string[];
  stemKey: string;
  nemodStems: ReadonlySet<string>;
  descendants: number;
}

export type IndexTermInput = Omit<
  IndexTerm,
  'children' | 'norm' | 'alternatives' | 'stemKey' | 'nemodStems' | 'descendants' | 'cells'
>;

/**
 * One Alphabetic Index (disease, external cause, drug or neoplasm) as a tree in memory, with
 * main terms keyed by their first word so a walk starts from a few candidates.
 */
export class AlphabeticIndex {
  readonly mainTerms: readonly IndexTerm[];
  readonly byId: ReadonlyMap<number, IndexTerm>;
  private readonly mainByWord: ReadonlyMap<string, readonly IndexTerm[]>;

  constructor(
    readonly kind: Icd10cmIndexKind,
    terms: readonly IndexTermInput[],
    cells: ReadonlyArray<{ termId: number; col: number; code: string }>,
  ) {
    const cellsByTerm = new Map<number, Map<number, string>>();
    for (const c of cells) {
      const m = cellsByTerm.get(c.termId) ?? new Map<number, string>();
      cellsByTerm.set(c.termId, m);
      m.set(c.col, c.code);
    }
    const byId = new Map<number, IndexTerm>();
    const sorted = [...terms].sort((a, b) => a.id - b.id);
    for (const t of sorted) {
      const norm = normalizeTitle(t.title);
      byId.set(t.id, {
        ...t,
        cells: cellsByTerm.get(t.id) ?? new Map(),
        children: [],
        norm,
        alternatives: norm.split(', '),
        stemKey: stemKey(t.title),
        nemodStems: new Set(t.nemod ? stems(t.nemod) : []),
        descendants: 0,
      });
    }
    const main: IndexTerm[] = [];
    for (const t of byId.values()) {
      const parent = t.parentId === null ? undefined : byId.get(t.parentId);
      if (parent) parent.children.push(t);
      else main.push(t);
    }
    // Ids follow document order, so a reverse pass sees children before parents.
    for (const t of [...byId.values()].reverse()) {
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
    this.mainByWord = mainByWord;
  }

  /** Main terms that could match a query part: same first word, else one typo away. */
  mainCandidates(part: string): readonly IndexTerm[] {
    const w = firstWord(part);
    const direct = this.mainByWord.get(w);
    if (direct) return direct;
    if (w.length < 5) return [];
    const out: IndexTerm[] = [];
    for (const [key, list] of this.mainByWord) {
      if (editDistance(key, w, w.length >= 8 ? 2 : 1) <= (w.length >= 8 ? 2 : 1)) out.push(...list);
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

function firstWord(text: string): string {
  return (normalizeTitle(text).match(/[a-z0-9]+/) ?? [''])[0];
}

/** Order-insensitive key of a title's meaningful stems, for matching "neck femur" with "femur neck". */
export function stemKey(text: string): string {
  return stems(text).sort().join(' ');
}

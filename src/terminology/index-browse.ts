import type { AlphabeticIndex, IndexTerm } from './alphabetic-index.js';
import { TerminologyError } from './errors.js';
import type { Icd10cmTerminology, IndexStep, WalkableIndexKind } from './types.js';

/**
 * Browsing the Alphabetic Index as a coder reads the book: main terms A–Z, a term's subterms
 * indented below it, its see / see also references, and the path back up to the main term.
 *
 * It pages through the terminology service's own Index tree (terms with their subterms, in
 * document order), so the browser and the walks read one copy.
 */

export interface IndexTermView {
  id: number;
  /** 0 = main term, 1.. = subterm level. */
  level: number;
  title: string;
  /** Nonessential modifiers, printed in parentheses after the title. */
  nemod: string | null;
  /** The code as the Index prints it (may end with `-`: complete it in the Tabular). */
  code: string | null;
  /** Manifestation code printed in brackets after the code. */
  manif: string | null;
  see: string | null;
  seeAlso: string | null;
  /** "see category X" */
  seeCategory: string | null;
  /** "see subcategory X" */
  subcategory: string | null;
  /** Number of terms below this one. */
  subterms: number;
}

export interface IndexRelease {
  fiscalYear: number;
  label: string;
}

export interface IndexMainTerms {
  kind: WalkableIndexKind;
  release: IndexRelease;
  prefix: string;
  /** Main terms whose title starts with the prefix, in Index order, at most `limit`. */
  terms: IndexTermView[];
  /** How many main terms match in all. */
  total: number;
}

export interface IndexTermPage {
  kind: WalkableIndexKind;
  release: IndexRelease;
  term: IndexTermView;
  /** From the main term down to the parent (empty for a main term). */
  ancestors: IndexTermView[];
  /** Direct subterms in Index order. */
  children: IndexTermView[];
}

export const INDEX_NAMES: Record<WalkableIndexKind, string> = {
  disease: 'Alphabetic Index',
  eindex: 'External Cause Index',
};

/** What the browser shows of a term. */
function view(t: IndexTerm): IndexTermView {
  return {
    id: t.id,
    level: t.level,
    title: t.title,
    nemod: t.nemod,
    code: t.code,
    manif: t.manif,
    see: t.see,
    seeAlso: t.seeAlso,
    seeCategory: t.seeCat,
    subcategory: t.subcat,
    subterms: t.descendants,
  };
}

interface BrowsedIndex {
  index: AlphabeticIndex;
  release: IndexRelease;
  /** Lower-case main-term titles, parallel to `index.mainTerms`. */
  lowerMains: string[];
}

export class IndexBrowser {
  private constructor(private readonly indexes: Partial<Record<WalkableIndexKind, BrowsedIndex>>) {}

  /**
   * Browses the very Index the terminology service walks (one copy in memory): the disease and
   * external cause indexes of the releases it chose.
   */
  static of(terminology: Pick<Icd10cmTerminology, 'alphabeticIndex' | 'selection'>): IndexBrowser {
    const indexes: Partial<Record<WalkableIndexKind, BrowsedIndex>> = {};
    for (const kind of ['disease', 'eindex'] as const) {
      const index = terminology.alphabeticIndex(kind);
      const choice = kind === 'disease' ? terminology.selection.index : terminology.selection.eindex;
      if (!index || !choice) continue;
      indexes[kind] = {
        index,
        release: { fiscalYear: choice.release.fiscalYear, label: choice.release.label },
        lowerMains: index.mainTerms.map((t) => t.title.toLowerCase()),
      };
    }
    return new IndexBrowser(indexes);
  }

  /** Main terms starting with `prefix` (case and surrounding spaces ignored). */
  mainTerms(kind: WalkableIndexKind, prefix: string, limit: number): IndexMainTerms {
    const { index, release, lowerMains } = this.index(kind);
    const p = prefix.trim().toLowerCase();
    const matching = index.mainTerms.filter((_, k) => (lowerMains[k] as string).startsWith(p));
    return { kind, release, prefix: p, terms: matching.slice(0, limit).map(view), total: matching.length };
  }

  /** A term with its ancestors and direct subterms; null when no term has that id. */
  term(kind: WalkableIndexKind, id: number): IndexTermPage | null {
    const { index, release } = this.index(kind);
    const term = index.byId.get(id);
    if (!term) return null;
    return {
      kind,
      release,
      term: view(term),
      ancestors: index.pathTo(term).slice(0, -1).map(view),
      children: term.children.map(view),
    };
  }

  /**
   * The ids of the terms a walk went through (`indexLookup(...).path`), matched by title level
   * by level from each main term the walk started at or jumped to; null where a step is not found.
   */
  resolveSteps(kind: WalkableIndexKind, steps: readonly IndexStep[]): (number | null)[] {
    const { index } = this.index(kind);
    const out: (number | null)[] = [];
    let current: IndexTerm | null = null;
    for (const step of steps) {
      let candidates: readonly IndexTerm[] = [];
      if (step.level === 0) candidates = index.mainTerms;
      else if (current !== null && current.level === step.level - 1) candidates = current.children;
      current = pick(candidates, step);
      out.push(current === null ? null : current.id);
    }
    return out;
  }

  private index(kind: WalkableIndexKind): BrowsedIndex {
    const index = this.indexes[kind];
    if (!index) {
      throw new TerminologyError(
        INDEX_NAMES[kind],
        `no imported release has the ${kind === 'disease' ? 'index' : 'eindex'} file`,
      );
    }
    return index;
  }
}

/** The term with the step's title (and nonessential modifiers, when two share a title). */
function pick(candidates: readonly IndexTerm[], step: IndexStep): IndexTerm | null {
  let first: IndexTerm | null = null;
  for (const t of candidates) {
    if (t.title !== step.title) continue;
    if (t.nemod === step.nemod) return t;
    first ??= t;
  }
  return first;
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.js';
import { TerminologyError } from './errors.js';
import { fetchColumns } from './fetch-rows.js';
import type { IndexStep, ReleaseInfo, ReleaseSelection, WalkableIndexKind } from './types.js';

/**
 * Browsing the Alphabetic Index as a coder reads the book: main terms A–Z, a term's subterms
 * indented below it, its see / see also references, and the path back up to the main term.
 *
 * The terminology service holds the Index for walks (`indexLookup`), not for paging through it,
 * so the browser keeps its own copy, read once with the engines from the same store and release
 * the service chose: one array per column (~90,000 terms for the disease and external cause
 * indexes), not one object per term. Terms are stored in document order (a term's subterms
 * follow it), so a term's subtree is the run of terms after it, and its size — counted once at
 * load — is how the browser finds children, ancestors and "has subterms" without a tree of
 * objects.
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

const COLUMNS = ['id', 'level', 'title', 'nemod', 'code', 'manif', 'see', 'see_also', 'see_cat', 'subcat'];

/** One index as columns, row i = the i-th term in document order. */
class IndexColumns {
  readonly ids: Int32Array;
  readonly levels: Int16Array;
  /** Number of terms in each term's subtree. */
  readonly subterms: Int32Array;
  readonly position = new Map<number, number>();
  /** Positions of the main terms. */
  readonly mains: number[] = [];
  private readonly lowerMainTitles: string[] = [];

  constructor(
    readonly release: IndexRelease,
    private readonly text: string[][],
    ids: string[],
    levels: string[],
  ) {
    const n = ids.length;
    this.ids = Int32Array.from(ids, Number);
    this.levels = Int16Array.from(levels, Number);
    this.subterms = new Int32Array(n);
    // A term's subtree runs until the next term at its level or above: a stack of open terms.
    const open: number[] = [];
    for (let i = 0; i <= n; i++) {
      const level = i < n ? (this.levels[i] as number) : -1;
      while (open.length > 0 && (this.levels[open[open.length - 1] as number] as number) >= level) {
        const j = open.pop() as number;
        this.subterms[j] = i - j - 1;
      }
      if (i < n) open.push(i);
    }
    for (let i = 0; i < n; i++) {
      this.position.set(this.ids[i] as number, i);
      if (this.levels[i] === 0) {
        this.mains.push(i);
        this.lowerMainTitles.push((this.text[0]?.[i] ?? '').toLowerCase());
      }
    }
  }

  view(i: number): IndexTermView {
    const [title, nemod, code, manif, see, seeAlso, seeCat, subcat] = this.text.map((c) => c[i] || null);
    return {
      id: this.ids[i] as number,
      level: this.levels[i] as number,
      title: title ?? '',
      nemod: nemod ?? null,
      code: code ?? null,
      manif: manif ?? null,
      see: see ?? null,
      seeAlso: seeAlso ?? null,
      seeCategory: seeCat ?? null,
      subcategory: subcat ?? null,
      subterms: this.subterms[i] as number,
    };
  }

  title(i: number): string {
    return this.text[0]?.[i] ?? '';
  }

  nemod(i: number): string | null {
    return this.text[1]?.[i] || null;
  }

  mainsStartingWith(prefix: string): number[] {
    return this.mains.filter((_, k) => (this.lowerMainTitles[k] as string).startsWith(prefix));
  }

  /** Positions of the direct subterms of the term at `at`. */
  children(at: number): number[] {
    const out: number[] = [];
    const end = at + (this.subterms[at] as number);
    for (let j = at + 1; j <= end; j += (this.subterms[j] as number) + 1) out.push(j);
    return out;
  }

  /** Positions from the main term down to the parent of the term at `at`. */
  ancestors(at: number): number[] {
    const out: number[] = [];
    for (let i = at - 1, want = (this.levels[at] as number) - 1; i >= 0 && want >= 0; i--) {
      if (this.levels[i] === want) {
        out.unshift(i);
        want--;
      }
    }
    return out;
  }
}

export class IndexBrowser {
  private constructor(private readonly indexes: Partial<Record<WalkableIndexKind, IndexColumns>>) {}

  /** Reads the disease and external cause indexes of the releases the terminology service chose. */
  static async load(db: Kysely<Database>, selection: ReleaseSelection): Promise<IndexBrowser> {
    const [disease, eindex] = await Promise.all([
      selection.index ? readIndex(db, selection.index.release, 'disease') : undefined,
      selection.eindex ? readIndex(db, selection.eindex.release, 'eindex') : undefined,
    ]);
    return new IndexBrowser({ ...(disease ? { disease } : {}), ...(eindex ? { eindex } : {}) });
  }

  /** Main terms starting with `prefix` (case and surrounding spaces ignored). */
  mainTerms(kind: WalkableIndexKind, prefix: string, limit: number): IndexMainTerms {
    const index = this.index(kind);
    const p = prefix.trim().toLowerCase();
    const matching = index.mainsStartingWith(p);
    return {
      kind,
      release: index.release,
      prefix: p,
      terms: matching.slice(0, limit).map((i) => index.view(i)),
      total: matching.length,
    };
  }

  /** A term with its ancestors and direct subterms; null when no term has that id. */
  term(kind: WalkableIndexKind, id: number): IndexTermPage | null {
    const index = this.index(kind);
    const at = index.position.get(id);
    if (at === undefined) return null;
    return {
      kind,
      release: index.release,
      term: index.view(at),
      ancestors: index.ancestors(at).map((i) => index.view(i)),
      children: index.children(at).map((i) => index.view(i)),
    };
  }

  /**
   * The ids of the terms a walk went through (`indexLookup(...).path`), matched by title level
   * by level from each main term the walk started at or jumped to; null where a step is not found.
   */
  resolveSteps(kind: WalkableIndexKind, steps: readonly IndexStep[]): (number | null)[] {
    const index = this.index(kind);
    const out: (number | null)[] = [];
    let current: number | null = null;
    for (const step of steps) {
      let candidates: number[] = [];
      if (step.level === 0) candidates = index.mains;
      else if (current !== null && index.levels[current] === step.level - 1)
        candidates = index.children(current);
      current = pick(index, candidates, step);
      out.push(current === null ? null : (index.ids[current] as number));
    }
    return out;
  }

  private index(kind: WalkableIndexKind): IndexColumns {
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
function pick(index: IndexColumns, candidates: readonly number[], step: IndexStep): number | null {
  let first: number | null = null;
  for (const i of candidates) {
    if (index.title(i) !== step.title) continue;
    if (index.nemod(i) === step.nemod) return i;
    first ??= i;
  }
  return first;
}

async function readIndex(db: Kysely<Database>, release: ReleaseInfo, kind: WalkableIndexKind) {
  const result = await fetchColumns(
    db,
    COLUMNS.map((c) => sql.ref(c)),
    sql`FROM (SELECT * FROM icd10cm_index_term
              WHERE release_id = ${release.id} AND kind = ${kind} ORDER BY id) t`,
  );
  const [ids = [], levels = [], ...text] = result.columns;
  return new IndexColumns({ fiscalYear: release.fiscalYear, label: release.label }, text, ids, levels);
}

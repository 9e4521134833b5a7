import { splitParenthesised } from '../text/index.js';
import { expandAbbreviations } from './abbreviations.js';
import type { AlphabeticIndex, IndexTerm } from './alphabetic-index.js';
import { normalizeCode } from './code-format.js';
import { asCodePrefix, codesForPrefix, SortedCodes } from './code-query.js';
import type { CodeNode, CodeSet } from './code-set.js';
import { splitIndexQuery, walkIndex } from './index-walk.js';
import { layVariants } from './lay-synonyms.js';
import type { NoteBook } from './notes.js';
import type { ReleaseCodes } from './release-codes.js';
import { indexWordFamilies } from './search-families.js';
import { type SearchDocBase, type SearchIndex, SearchIndexBuilder } from './search-index.js';
import type { SearchHit, SearchOptions, SearchSource } from './types.js';

const DEFAULT_LIMIT = 20;
// Documents considered before grouping by code; several documents often point at one code.
const CANDIDATES_PER_HIT = 8;
const SOURCE_BONUS: Record<SearchSource, number> = {
  code: 0,
  title: 0.02,
  index: 0.015,
  inclusionTerm: 0.01,
};
// Reportable codes first: billable, or complete but for the 7th character (injury codes).
const REPORTABLE_BONUS = 0.04;
// An Index path entered by a main term the query names is the path a coder follows ("heart
// attack" enters at "Attack, heart", not at "Angina (attack) (heart)" through its modifiers).
const MAIN_TERM_BONUS = 0.08;
// A query rewritten with a lay synonym ranks just below the same match on the words as typed.
const VARIANT_FACTOR = 0.97;

/**
 * A searchable text pointing at a code: a title or inclusion term (`text`), or an Index term
 * whose path ("Fracture, traumatic › femur › neck") is spelled out only when it is shown.
 */
export interface CodeSearchDoc extends SearchDocBase {
  text: string | null;
  term: IndexTerm | null;
  /** For an Index term without a code of its own: the "see" reference that gave the code. */
  see: string | null;
  /** Stems of the Index main term the path starts from (empty for titles and inclusion terms). */
  main: readonly string[];
}

export interface CodeSearch {
  index: SearchIndex<CodeSearchDoc>;
  /** The Alphabetic Index the `term` documents come from. */
  alphabetic: AlphabeticIndex | null;
  /** The release's codes by compact form, for code and code-prefix queries. */
  sorted: SortedCodes;
}

/**
 * Builds the search documents of a release: every Tabular code title (7th-character expansions
 * excluded — they repeat their parent's words), every inclusion term, and every Alphabetic Index
 * path that ends in a code ("Fracture, traumatic › femur › neck" → S72.00-). Each Index term's
 * words are stemmed once; a path reuses its parent's stems.
 */
export function buildSearchIndex(codes: CodeSet, notes: NoteBook, index: AlphabeticIndex | null): CodeSearch {
  const builder = new SearchIndexBuilder<CodeSearchDoc>(index ? indexWordFamilies(index) : new Map());
  for (const node of codes.inOrder) {
    if (node.source === 'derived') continue;
    addText(builder, node.code, node.title, 'title');
  }
  for (const [owner, list] of notes.entries()) {
    if (!owner.startsWith('code:')) continue;
    const code = owner.slice(5);
    if (!codes.get(code)) continue;
    for (const n of list) if (n.kind === 'inclusionTerm') addText(builder, code, n.text, 'inclusionTerm');
  }
  if (index) addIndexPaths(builder, codes, index);
  return { index: builder.build(), alphabetic: index, sorted: new SortedCodes(codes) };
}

function addText(
  builder: SearchIndexBuilder<CodeSearchDoc>,
  code: string,
  text: string,
  source: SearchSource,
): void {
  const { essential, nonessential } = splitParenthesised(text);
  builder.add(
    { code, source, text, term: null, see: null, main: NO_STEMS },
    builder.stemsOf(essential),
    builder.stemsOf(nonessential),
  );
}

const NO_STEMS: readonly string[] = [];

function addIndexPaths(
  builder: SearchIndexBuilder<CodeSearchDoc>,
  codes: CodeSet,
  index: AlphabeticIndex,
): void {
  // Stems of each term's path and of its main term, kept only for terms with children (parents
  // precede children).
  const pathStems = new Map<number, [readonly string[], readonly string[], readonly string[]]>();
  const seeTargets = new Map<string, string | null>();
  for (const term of index.terms) {
    const parent = term.parentId === null ? undefined : pathStems.get(term.parentId);
    const ownEssential = builder.stemsOf(term.title);
    const ownOptional = term.nemod ? builder.stemsOf(term.nemod) : NO_STEMS;
    const essential = parent ? parent[0].concat(ownEssential) : ownEssential;
    const optional = parent ? parent[1].concat(ownOptional) : ownOptional;
    const main = parent ? parent[2] : ownEssential;
    if (term.children.length > 0) pathStems.set(term.id, [essential, optional, main]);
    if (term.code) {
      const code = normalizeCode(withoutDash(term.code));
      if (!code || !codes.get(code)) continue;
      builder.add({ code, source: 'index', text: null, term, see: null, main }, essential, optional);
    } else if (term.see) {
      // "Attack, heart — see Infarct, myocardium": the words of this path lead to the code at the
      // end of the reference, which is how a coder reads it.
      const code = seeTarget(index, codes, term.see, seeTargets);
      if (code)
        builder.add({ code, source: 'index', text: null, term, see: term.see, main }, essential, optional);
    }
  }
}

/**
 * The code a "see" reference ends at, when the reference names an Index path that walks through
 * to a code ("Infarct, myocardium" → I21.9); null for "see condition" and references that stop
 * at a heading. Remembered per reference text: many terms share one ("see Fracture, arm").
 */
function seeTarget(
  index: AlphabeticIndex,
  codes: CodeSet,
  see: string,
  memo: Map<string, string | null>,
): string | null {
  const known = memo.get(see);
  if (known !== undefined) return known;
  const parts = splitIndexQuery(see);
  const walk = parts.length > 0 ? walkIndex(index, parts) : null;
  const last = walk && walk.consumed >= parts.length ? walk.steps[walk.steps.length - 1]?.term : undefined;
  const code = last?.code ? normalizeCode(withoutDash(last.code)) : null;
  const found = code && codes.get(code) ? code : null;
  memo.set(see, found);
  return found;
}

/** An Index code without its trailing "-" (and a dot left before it): `S72.0-` → `S72.0`. */
export function withoutDash(code: string): string {
  let end = code.length;
  while (end > 0 && (code[end - 1] === '-' || code[end - 1] === '.')) end--;
  return end === code.length ? code : code.slice(0, end);
}

function docText(search: CodeSearch, doc: CodeSearchDoc): string {
  if (doc.text !== null) return doc.text;
  if (!doc.term || !search.alphabetic) return '';
  const path = search.alphabetic
    .pathTo(doc.term)
    .map((t) => t.title)
    .join(' › ');
  return doc.see ? `${path} › see ${doc.see}` : path;
}

/**
 * Ranked codes for a query. A code or code prefix ("E11.22", "e11", "S72.0") lists that code and
 * what lies under it. Words search Tabular titles, inclusion terms and Alphabetic Index paths
 * (with "see" references followed) together, as typed and with lay synonyms swapped in; one hit
 * per code, showing its best-matching text and the best Index path that reached it.
 */
export function searchCodes(
  search: CodeSearch,
  codes: CodeSet,
  text: string,
  options: SearchOptions = {},
  newer: readonly ReleaseCodes[] = [],
): SearchHit[] {
  const limit = Math.max(1, Math.min(500, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const prefix = asCodePrefix(text);
  if (prefix) {
    const found: SearchHit[] = codesForPrefix(
      codes,
      search.sorted,
      prefix,
      options.billableOnly ? 5000 : limit,
    )
      .filter((n) => !options.billableOnly || n.billable)
      .slice(0, limit)
      .map(codeHit);
    // Codes newer than the Tabular (a release with only the CDC codes file: FY2026 E11.A).
    for (const set of newer) {
      if (found.length >= limit || prefix.length < 3) break;
      for (const e of set.startingWith(prefix, limit)) {
        if (found.length >= limit) break;
        if (codes.get(e.code) || found.some((h) => h.code === e.code)) continue;
        if (options.billableOnly && !e.billable) continue;
        found.push({
          ...codeHit(e),
          matched: `${e.title} (${set.release.label}; not in the ${codes.release.label} Tabular)`,
          release: set.release.label,
        });
      }
    }
    if (found.length > 0) return found;
  }
  // Built as plain literals of one shape: spreading a hit into a wider object made every
  // candidate a dictionary-mode object and doubled the cost of a query.
  type Best = SearchHit & { doc: CodeSearchDoc; pathDoc: CodeSearchDoc | null; pathScore: number };
  const best = new Map<string, Best>();
  const variants = [text, ...layVariants(text)];
  for (let v = 0; v < variants.length; v++) {
    const variant = variants[v] as string;
    const factor = v === 0 ? 1 : VARIANT_FACTOR;
    const queryStems = new Set(search.index.stemsOf(expandAbbreviations(variant)));
    for (const { doc, relevance } of search.index.query(variant, limit * CANDIDATES_PER_HIT)) {
      const node = codes.get(doc.code);
      if (!node) continue;
      if (options.billableOnly && !node.billable) continue;
      const reportable = node.billable || codes.needsSeventhOnly(node);
      const entered = doc.main.some((s) => queryStems.has(s));
      const score =
        relevance * factor +
        SOURCE_BONUS[doc.source] +
        (reportable ? REPORTABLE_BONUS : 0) +
        (entered ? MAIN_TERM_BONUS : 0);
      let seen = best.get(node.code);
      if (!seen) {
        seen = {
          code: node.code,
          title: node.title,
          billable: node.billable,
          score: -1,
          matched: '',
          source: doc.source,
          path: null,
          doc,
          pathDoc: null,
          pathScore: -1,
        };
        best.set(node.code, seen);
      }
      if (doc.term && score > seen.pathScore) {
        seen.pathDoc = doc;
        seen.pathScore = score;
      }
      if (seen.score >= score) continue;
      seen.score = score;
      seen.source = doc.source;
      seen.doc = doc;
    }
  }
  const order = (h: SearchHit) => codes.get(h.code)?.seq ?? 0;
  // The matched text and path (an Index path is assembled here) only for the hits returned.
  return [...best.values()]
    .sort((a, b) => b.score - a.score || order(a) - order(b))
    .slice(0, limit)
    .map((h) => ({
      code: h.code,
      title: h.title,
      billable: h.billable,
      score: Math.round(h.score * 1000) / 1000,
      matched: docText(search, h.doc),
      source: h.source,
      path: h.pathDoc ? docText(search, h.pathDoc) : null,
    }));
}

function codeHit(node: Pick<CodeNode, 'code' | 'title' | 'billable'>): SearchHit {
  return {
    code: node.code,
    title: node.title,
    billable: node.billable,
    score: 1,
    matched: node.title,
    source: 'code',
    path: null,
  };
}

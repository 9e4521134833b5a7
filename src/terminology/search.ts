import type { AlphabeticIndex, IndexTerm } from './alphabetic-index.js';
import { normalizeCode } from './code-format.js';
import type { CodeSet } from './code-set.js';
import type { NoteBook } from './notes.js';
import { contentStems, type SearchDocBase, type SearchIndex, SearchIndexBuilder } from './search-index.js';
import { splitParenthesised } from './text.js';
import type { SearchHit, SearchOptions, SearchSource } from './types.js';

const DEFAULT_LIMIT = 20;
// Documents considered before grouping by code; several documents often point at one code.
const CANDIDATES_PER_HIT = 8;
const SOURCE_BONUS: Record<SearchSource, number> = { title: 0.02, index: 0.015, inclusionTerm: 0.01 };
// Reportable codes first: billable, or complete but for the 7th character (injury codes).
const REPORTABLE_BONUS = 0.04;

/**
 * A searchable text pointing at a code: a title or inclusion term (`text`), or an Index term
 * whose path ("Fracture, traumatic › femur › neck") is spelled out only when it is shown.
 */
export interface CodeSearchDoc extends SearchDocBase {
  text: string | null;
  term: IndexTerm | null;
}

export interface CodeSearch {
  index: SearchIndex<CodeSearchDoc>;
  /** The Alphabetic Index the `term` documents come from. */
  alphabetic: AlphabeticIndex | null;
}

/**
 * Builds the search documents of a release: every Tabular code title (7th-character expansions
 * excluded — they repeat their parent's words), every inclusion term, and every Alphabetic Index
 * path that ends in a code ("Fracture, traumatic › femur › neck" → S72.00-). Each Index term's
 * words are stemmed once; a path reuses its parent's stems.
 */
export function buildSearchIndex(codes: CodeSet, notes: NoteBook, index: AlphabeticIndex | null): CodeSearch {
  const builder = new SearchIndexBuilder<CodeSearchDoc>();
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
  return { index: builder.build(), alphabetic: index };
}

function addText(
  builder: SearchIndexBuilder<CodeSearchDoc>,
  code: string,
  text: string,
  source: SearchSource,
): void {
  const { essential, nonessential } = splitParenthesised(text);
  builder.add({ code, source, text, term: null }, contentStems(essential), contentStems(nonessential));
}

const NO_STEMS: readonly string[] = [];

function addIndexPaths(
  builder: SearchIndexBuilder<CodeSearchDoc>,
  codes: CodeSet,
  index: AlphabeticIndex,
): void {
  // Stems of each term's path, kept only for terms with children (parents precede children).
  const pathStems = new Map<number, [readonly string[], readonly string[]]>();
  for (const term of index.terms) {
    const parent = term.parentId === null ? undefined : pathStems.get(term.parentId);
    const ownEssential = contentStems(term.title);
    const ownOptional = term.nemod ? contentStems(term.nemod) : NO_STEMS;
    const essential = parent ? parent[0].concat(ownEssential) : ownEssential;
    const optional = parent ? parent[1].concat(ownOptional) : ownOptional;
    if (term.children.length > 0) pathStems.set(term.id, [essential, optional]);
    if (!term.code) continue;
    const code = normalizeCode(withoutDash(term.code));
    if (!code || !codes.get(code)) continue;
    builder.add({ code, source: 'index', text: null, term }, essential, optional);
  }
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
  return search.alphabetic
    .pathTo(doc.term)
    .map((t) => t.title)
    .join(' › ');
}

/** Ranked codes for free text; one hit per code, its best-matching text shown. */
export function searchCodes(
  search: CodeSearch,
  codes: CodeSet,
  text: string,
  options: SearchOptions = {},
): SearchHit[] {
  const limit = Math.max(1, Math.min(500, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const ranked = search.index.query(text, limit * CANDIDATES_PER_HIT);
  const best = new Map<string, SearchHit & { doc: CodeSearchDoc }>();
  for (const { doc, relevance } of ranked) {
    const node = codes.get(doc.code);
    if (!node) continue;
    if (options.billableOnly && !node.billable) continue;
    const reportable = node.billable || codes.needsSeventhOnly(node);
    const score = relevance + SOURCE_BONUS[doc.source] + (reportable ? REPORTABLE_BONUS : 0);
    const seen = best.get(node.code);
    if (seen && seen.score >= score) continue;
    best.set(node.code, {
      code: node.code,
      title: node.title,
      billable: node.billable,
      score: Math.round(score * 1000) / 1000,
      matched: '',
      source: doc.source,
      doc,
    });
  }
  const order = (h: SearchHit) => codes.get(h.code)?.seq ?? 0;
  // The matched text (an Index path is assembled here) only for the hits returned.
  return [...best.values()]
    .sort((a, b) => b.score - a.score || order(a) - order(b))
    .slice(0, limit)
    .map(({ doc, ...hit }) => ({ ...hit, matched: docText(search, doc) }));
}

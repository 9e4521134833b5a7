import type { AlphabeticIndex, IndexTerm } from './alphabetic-index.js';
import { normalizeCode } from './code-format.js';
import type { CodeSet } from './code-set.js';
import type { NoteBook } from './notes.js';
import { type SearchDoc, SearchIndex, titleDoc } from './search-index.js';
import type { SearchHit, SearchOptions, SearchSource } from './types.js';

const DEFAULT_LIMIT = 20;
// Documents considered before grouping by code; several documents often point at one code.
const CANDIDATES_PER_HIT = 8;
const SOURCE_BONUS: Record<SearchSource, number> = { title: 0.02, index: 0.015, inclusionTerm: 0.01 };
// Reportable codes first: billable, or complete but for the 7th character (injury codes).
const REPORTABLE_BONUS = 0.04;

/**
 * Builds the search documents of a release: every Tabular code title (7th-character expansions
 * excluded — they repeat their parent's words), every inclusion term, and every Alphabetic Index
 * path that ends in a code ("Fracture, traumatic › femur › neck" → S72.00-).
 */
export function buildSearchIndex(
  codes: CodeSet,
  notes: NoteBook,
  index: AlphabeticIndex | null,
): SearchIndex {
  const docs: SearchDoc[] = [];
  for (const node of codes.byCode.values()) {
    if (node.source === 'derived') continue;
    docs.push(titleDoc(node.code, node.title, 'title'));
  }
  for (const [owner, list] of notes.entries()) {
    if (!owner.startsWith('code:')) continue;
    const code = owner.slice(5);
    if (!codes.get(code)) continue;
    for (const n of list) if (n.kind === 'inclusionTerm') docs.push(titleDoc(code, n.text, 'inclusionTerm'));
  }
  if (index) {
    for (const term of index.byId.values()) {
      if (!term.code) continue;
      const code = normalizeCode(term.code.replace(/\.?-+$/, ''));
      if (!code || !codes.get(code)) continue;
      docs.push(indexDoc(index, term, code));
    }
  }
  return new SearchIndex(docs);
}

function indexDoc(index: AlphabeticIndex, term: IndexTerm, code: string): SearchDoc {
  const path = index.pathTo(term);
  return {
    code,
    text: path.map((t) => t.title).join(' › '),
    essential: path.map((t) => t.title).join(' '),
    nonessential: path.map((t) => t.nemod ?? '').join(' '),
    source: 'index',
  };
}

/** Ranked codes for free text; one hit per code, its best-matching text shown. */
export function searchCodes(
  searchIndex: SearchIndex,
  codes: CodeSet,
  text: string,
  options: SearchOptions = {},
): SearchHit[] {
  const limit = Math.max(1, Math.min(500, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const ranked = searchIndex.query(text, limit * CANDIDATES_PER_HIT);
  const best = new Map<string, SearchHit>();
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
      matched: doc.text,
      source: doc.source,
    });
  }
  const order = (h: SearchHit) => codes.get(h.code)?.seq ?? 0;
  return [...best.values()].sort((a, b) => b.score - a.score || order(a) - order(b)).slice(0, limit);
}

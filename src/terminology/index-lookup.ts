import type { AlphabeticIndex } from './alphabetic-index.js';
import { normalizeCode } from './code-format.js';
import { type CodeSet, ref } from './code-set.js';
import { splitIndexQuery, type Walk, walkIndex } from './index-walk.js';
import type {
  DrugCodes,
  IndexCode,
  IndexLookupResult,
  IndexStep,
  NeoplasmCodes,
  TableLookupResult,
} from './types.js';
import { LIST_CAP } from './validate.js';

function steps(walk: Walk | null): IndexStep[] {
  return (walk?.steps ?? []).map(({ term, via }) => ({
    title: term.title,
    nemod: term.nemod,
    level: term.level,
    code: term.code,
    ...(via ? { via } : {}),
  }));
}

/**
 * What an Index code means in the Tabular: a trailing `-` (or a header / a code still needing
 * its 7th character) makes it incomplete, and the billable codes under it are how to complete it.
 */
export function resolveIndexCode(raw: string, manif: string | null, codes: CodeSet): IndexCode {
  const dashed = raw.trim().endsWith('-');
  const code = normalizeCode(raw.trim().replace(/\.?-+$/, '')) ?? raw.trim();
  const node = codes.get(code);
  if (!node) return { code, manif, complete: !dashed, completions: [], completionCount: 0 };
  if (node.billable && !dashed) return { code, manif, complete: true, completions: [], completionCount: 0 };
  if (codes.needsSeventhOnly(node)) {
    const list = node.children.filter((c) => c.billable);
    return { code, manif, complete: false, completions: list.map(ref), completionCount: list.length };
  }
  const { codes: list, count } = codes.billableDescendants(node, LIST_CAP);
  return { code, manif, complete: node.billable && !dashed, completions: list, completionCount: count };
}

export function lookupIndex(
  index: AlphabeticIndex,
  codes: CodeSet,
  query: string,
  release: { fiscalYear: number; label: string },
): IndexLookupResult {
  const parts = splitIndexQuery(query);
  const walk = walkIndex(index, parts);
  const last = walk?.steps[walk.steps.length - 1]?.term;
  const found: IndexCode[] = [];
  if (last?.code) found.push(resolveIndexCode(last.code, last.manif, codes));
  if (last?.seeCat) found.push(resolveIndexCode(`${last.seeCat}-`, null, codes));
  if (last?.subcat) found.push(resolveIndexCode(last.subcat, null, codes));
  const consumed = walk?.consumed ?? 0;
  return {
    query,
    matched: walk !== null && consumed >= parts.length,
    path: steps(walk),
    unmatched: parts.slice(consumed),
    codes: found,
    seeAlso: walk?.unresolved ?? [],
    release,
  };
}

function cell(cells: ReadonlyMap<number, string>, col: number): string | null {
  const v = cells.get(col)?.trim();
  return v && !/^-+$/.test(v) ? v : null;
}

function tableLookup<C>(
  index: AlphabeticIndex,
  parts: string[],
  query: string,
  release: { fiscalYear: number; label: string },
  columns: (cells: ReadonlyMap<number, string>) => C,
): TableLookupResult<C> | null {
  const walk = walkIndex(index, parts);
  const last = walk?.steps[walk.steps.length - 1]?.term;
  if (!walk || !last) return null;
  return {
    query,
    matched: walk.consumed >= parts.length,
    path: steps(walk),
    unmatched: parts.slice(walk.consumed),
    codes: columns(last.cells),
    see: last.see ?? last.seeAlso ?? null,
    release,
  };
}

/** Neoplasm Table: the leading "Neoplasm" main term is implied. Columns 2–7 per the CDC layout. */
export function lookupNeoplasm(
  index: AlphabeticIndex,
  site: string,
  release: { fiscalYear: number; label: string },
): TableLookupResult<NeoplasmCodes> | null {
  const parts = splitIndexQuery(site);
  if (parts[0] && !/^neoplasm/.test(parts[0])) parts.unshift('neoplasm');
  return tableLookup(index, parts, site, release, (c) => ({
    malignantPrimary: cell(c, 2),
    malignantSecondary: cell(c, 3),
    inSitu: cell(c, 4),
    benign: cell(c, 5),
    uncertain: cell(c, 6),
    unspecified: cell(c, 7),
  }));
}

/** Table of Drugs and Chemicals: columns 2–7 per the CDC layout. */
export function lookupDrug(
  index: AlphabeticIndex,
  substance: string,
  release: { fiscalYear: number; label: string },
): TableLookupResult<DrugCodes> | null {
  return tableLookup(index, splitIndexQuery(substance), substance, release, (c) => ({
    poisoningAccidental: cell(c, 2),
    poisoningIntentional: cell(c, 3),
    poisoningAssault: cell(c, 4),
    poisoningUndetermined: cell(c, 5),
    adverseEffect: cell(c, 6),
    underdosing: cell(c, 7),
  }));
}

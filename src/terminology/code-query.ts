import { compactCode, normalizeCode } from './code-format.js';
import type { CodeNode, CodeSet } from './code-set.js';

/**
 * A search query that is a code or the start of one ("E11.22", "e1122", "E11", "S72.0"): an
 * encoder goes straight to the code and what lies under it, never to titles that happen to
 * contain the digits ("E11.22" is not "Trisomy 22"). Shapes: a letter, a digit, then letters or
 * digits, with or without the dot, any case.
 */
const CODE_PREFIX = /^[A-Za-z](?:[0-9][0-9A-Za-z]?|[A-Za-z][0-9])(?:\.?[0-9A-Za-z]{0,4})$/;

/** The query as a compact upper-case code prefix, or null when it is words. */
export function asCodePrefix(text: string): string | null {
  const s = text.trim();
  if (!CODE_PREFIX.test(s)) return null;
  // A dot is only meaningful after the 3-character category.
  const dot = s.indexOf('.');
  if (dot >= 0 && dot !== 3) return null;
  return compactCode(s.toUpperCase());
}

/**
 * The codes a code query names, in the order an encoder lists them: the code itself when it
 * exists, then what lies under it level by level (its children in Tabular order, then theirs),
 * so "E11" shows E11.0–E11.9 before their subcodes. A prefix that is not itself a code
 * ("E11.6" in a release without it, "S7") lists the shallowest codes that start with it.
 */
export function codesForPrefix(
  codes: CodeSet,
  sorted: SortedCodes,
  prefix: string,
  limit: number,
): CodeNode[] {
  const exact = codes.get(normalizeCode(prefix) ?? '');
  const roots = exact ? [exact] : shallowest(sorted.startingWith(prefix));
  const out: CodeNode[] = [];
  let level: CodeNode[] = roots;
  while (level.length > 0 && out.length < limit) {
    const next: CodeNode[] = [];
    for (const n of level) {
      if (out.length >= limit) break;
      out.push(n);
      for (const c of n.children) next.push(c);
    }
    level = next;
  }
  return out;
}

/**
 * The codes among `nodes` (sorted by compact code) none of whose ancestors is also among them,
 * in Tabular order. A code's descendants are exactly the codes its compact form is a prefix of,
 * and they sort right after it, so one pass keeps each run's first code.
 */
function shallowest(nodes: CodeNode[]): CodeNode[] {
  const roots: CodeNode[] = [];
  let root = '';
  for (const n of nodes) {
    const c = compactCode(n.code);
    if (root !== '' && c.startsWith(root)) continue;
    root = c;
    roots.push(n);
  }
  return roots.sort((a, b) => a.seq - b.seq);
}

/** A release's codes sorted by their compact form, for prefix ranges by binary search. */
export class SortedCodes {
  private readonly compact: string[];
  private readonly nodes: CodeNode[];

  constructor(codes: CodeSet) {
    const pairs = codes.inOrder.map((n) => [compactCode(n.code), n] as const);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.compact = pairs.map((p) => p[0]);
    this.nodes = pairs.map((p) => p[1]);
  }

  startingWith(prefix: string): CodeNode[] {
    let lo = 0;
    let hi = this.compact.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.compact[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: CodeNode[] = [];
    for (let i = lo; i < this.compact.length && (this.compact[i] as string).startsWith(prefix); i++) {
      out.push(this.nodes[i] as CodeNode);
    }
    return out;
  }
}

/**
 * Word search over ICD-10-PCS long titles: every word of the query must start a word of the
 * title ("lap chole" does not find "Laparoscopic", since titles never say it; "resect gallbl"
 * finds "Resection of Gallbladder"). A query that is a code or prefix lists the codes under it.
 * Fewer title words first (the most general match), then code order.
 */
import { normalizePcs } from './builder.js';
import type { PcsCodeSet } from './code-set.js';

export interface PcsSearchHit {
  code: string;
  title: string;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const titleWords = new WeakMap<PcsCodeSet, Map<string, string[]>>();

function wordsOf(set: PcsCodeSet): Map<string, string[]> {
  let cached = titleWords.get(set);
  if (!cached) {
    cached = new Map(set.codes.map((c) => [c, words(set.row(c)!.longTitle)]));
    titleWords.set(set, cached);
  }
  return cached;
}

export function searchPcs(set: PcsCodeSet, query: string, limit = 20): PcsSearchHit[] {
  const asCode = normalizePcs(query);
  if (
    /^[0-9A-HJ-NP-Z]{1,7}$/.test(asCode) &&
    /\d/.test(asCode) &&
    set.range(asCode)[1] > set.range(asCode)[0]
  ) {
    return set
      .withPrefix(asCode)
      .slice(0, limit)
      .map((code) => ({ code, title: set.row(code)!.longTitle }));
  }
  const wanted = words(query);
  if (wanted.length === 0) return [];
  const hits: Array<PcsSearchHit & { size: number }> = [];
  for (const [code, title] of wordsOf(set)) {
    if (wanted.every((w) => title.some((t) => t.startsWith(w)))) {
      hits.push({ code, title: set.row(code)!.longTitle, size: title.length });
    }
  }
  return hits
    .sort((a, b) => a.size - b.size || a.code.localeCompare(b.code))
    .slice(0, limit)
    .map(({ code, title }) => ({ code, title }));
}

/**
 * Word handling shared by search and the Alphabetic Index walk: lower-casing, splitting, a light
 * stemmer and the words that carry no meaning for matching. Light on purpose: clinical words are
 * long Greek/Latin compounds where aggressive stemming conflates different conditions
 * (hyper-/hypo-), so we only fold plurals, a few inflections and adjective/noun pairs
 * (diabetes/diabetic, hypertension/hypertensive, fracture/fractured).
 */

/** Words that never decide a match. "with"/"without" are kept: they change the meaning of codes. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'nos',
  'nec',
]);

const ROMAN: Readonly<Record<string, string>> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5' };

/** Lower-case words and numbers, with accents and punctuation removed (hyphens split words). */
export function words(text: string): string[] {
  const out: string[] = [];
  const lowered = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/'s\b/g, '');
  for (const m of lowered.matchAll(/[a-z0-9]+/g)) out.push(m[0]);
  return out;
}

/** Light stem of one lower-case word (see the file comment for what it folds). */
export function stem(word: string): string {
  const roman = ROMAN[word];
  if (roman) return roman;
  let w = word;
  if (w.length <= 3 || /^[0-9]/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is|ys)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ically', 'ical', 'ative', 'ation', 'ing', 'ion', 'ive', 'ed', 'ic', 'al', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Stems of the meaningful words of a text, in order (duplicates kept). */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!STOPWORDS.has(w)) out.push(stem(w));
  return out;
}

/** Lower case, single spaces, commas normalised to ", " (used to compare Index titles). */
export function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s*,\s*/g, ', ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits text into its parenthesised (nonessential) and plain parts: "Essential (primary) hypertension". */
export function splitParenthesised(text: string): { essential: string; nonessential: string } {
  const nonessential: string[] = [];
  const essential = text.replace(/\(([^)]*)\)/g, (_m, inner: string) => {
    nonessential.push(inner);
    return ' ';
  });
  return { essential, nonessential: nonessential.join(' ') };
}

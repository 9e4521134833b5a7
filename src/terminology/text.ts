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

const NON_ASCII = /[^\x00-\x7f]/;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * Lower-case words and numbers, with accents and punctuation removed (hyphens split words) and
 * the possessive 's dropped ("Alzheimer's" → "alzheimer"). A hand-written scan rather than
 * regular expressions: it runs over every title and Index term at load time.
 */
export function words(text: string): string[] {
  let s = text;
  if (NON_ASCII.test(s)) s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  s = s.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isWordChar(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) out.push(s.slice(start, i));
    start = -1;
    // 's at the end of a word: skip the s too.
    if (c === 39 && s.charCodeAt(i + 1) === 115 && !isWordChar(s.charCodeAt(i + 2))) i++;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

// Stems of the words seen so far: the vocabulary of a release is ~30,000 words, while titles and
// Index paths hold ~2 million word occurrences, so memoising makes stemming nearly free. Bounded
// so a long-running server fed arbitrary query words does not grow it without limit.
const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/** Light stem of one lower-case word (see the file comment for what it folds). */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const s = computeStem(word);
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

function computeStem(word: string): string {
  if (Object.hasOwn(ROMAN, word)) return ROMAN[word] as string;
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

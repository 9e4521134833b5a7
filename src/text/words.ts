/**
 * Word handling shared by the NLP, the coding engine, the Alphabetic Index walk and code search:
 * lower-casing, splitting, the words that carry no meaning for matching, and the content stems of
 * a text (stemmed with the one stemmer in ./stem.ts).
 */
import { stem } from './stem.js';

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

/**
 * Roman numerals as clinical text writes types, stages and grades ("type II", "stage IIIa"); the
 * Tabular and Index write them in digits. The NLP reads them after a word that takes one
 * ("type", "stage"); search and the Index walk read every standalone one (`stems`).
 */
export const ROMAN_NUMERALS: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  iiia: '3a',
  iiib: '3b',
};

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

/**
 * Words after which a lone "a" is a letter naming a type, not the article: "vitamin A",
 * "hepatitis A", "influenza A", "type A", "blood group A", "factor A", "protein A".
 */
const TAKES_A_LETTER: ReadonlySet<string> = new Set([
  'vitamin',
  'hepatitis',
  'influenza',
  'type',
  'group',
  'factor',
  'protein',
  'hemophilia',
  'haemophilia',
  'streptococcus',
  'strep',
]);

/**
 * Stems of the meaningful words of a text, in order (duplicates kept): stopwords dropped, roman
 * numerals as digits ("type ii" → type 2), every other word stemmed. With `letterA`, an "a" that
 * names a type (after TAKES_A_LETTER's words) is kept as "a": code search needs "hepatitis a" to
 * say more than "hepatitis"; with `loneA` too, so is a text that is the letter alone, as an Index
 * subterm "A" is (documents only: a query of "a" alone is the first key of a word being typed).
 * The coding engine reads letters its own way (the NLP's type letters) and leaves both off.
 */
export function stems(text: string, options?: { letterA?: boolean; loneA?: boolean }): string[] {
  const out: string[] = [];
  const all = words(text);
  for (let i = 0; i < all.length; i++) {
    const w = all[i] as string;
    if (STOPWORDS.has(w)) {
      if (
        w === 'a' &&
        options?.letterA &&
        ((options.loneA && all.length === 1) || TAKES_A_LETTER.has(all[i - 1] ?? ''))
      )
        out.push('a');
      continue;
    }
    out.push(Object.hasOwn(ROMAN_NUMERALS, w) ? (ROMAN_NUMERALS[w] as string) : stem(w));
  }
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

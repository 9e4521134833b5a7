import { startsLikeHead, stem } from '../text/index.js';
import type { AlphabeticIndex } from './alphabetic-index.js';

/**
 * Word families for code search, read from the Alphabetic Index. The Index lists the forms of a
 * word a coder may look under as one term: "Infection, infected, infective", "Diabetes,
 * diabetic", "Hypertension, hypertensive", "Infarct, infarction › myocardium, myocardial". The
 * shared stemmer folds inflections only (infection/infections), so without these families a
 * search document under "Infection, infected, infective" would carry three different words where
 * the Index means one: a query naming one of them matches a third of the title's weight, and the
 * path ranks below any path whose title happens to be a single word ("uti" put "Newborn ›
 * infection › urinary tract", P39.3, above "Infection, infected, infective › urinary", N39.0).
 *
 * A part of a title is a form of its head word when it starts with the head's first five letters
 * (the same reading the coding engine gives main terms, coding/icd10cm/terms.ts
 * mainTermVariants); other parts qualify the head ("Fracture, traumatic") and stay words of
 * their own. Only one-word parts fold. Forms listed together anywhere in the Index meet
 * everywhere in search (titles, inclusion terms, queries): "diabetic ulcer" finds "Type 2
 * diabetes mellitus with foot ulcer".
 *
 * Returns each folded stem's family stem (the stem of the head word first seen); stems not in
 * the map are their own family.
 */
export function indexWordFamilies(index: AlphabeticIndex): Map<string, string> {
  const parent = new Map<string, string>();
  // When two families meet, the one whose head was seen first keeps its stem.
  const seen = new Map<string, number>();
  const find = (s: string): string => {
    if (!seen.has(s)) seen.set(s, seen.size);
    let r = s;
    for (let p = parent.get(r); p !== undefined; p = parent.get(r)) r = p;
    return r;
  };
  for (const term of index.terms) {
    if (!term.title.includes(',')) continue;
    const forms = wordForms(term.title);
    if (forms.length < 2) continue;
    for (let i = 1; i < forms.length; i++) {
      const a = find(stem(forms[0] as string));
      const b = find(stem(forms[i] as string));
      if (a === b) continue;
      if ((seen.get(a) as number) < (seen.get(b) as number)) parent.set(b, a);
      else parent.set(a, b);
    }
  }
  const out = new Map<string, string>();
  for (const s of parent.keys()) out.set(s, find(s));
  return out;
}

/** The head word of a title and the parts that are forms of it, when the head is one word. */
export function wordForms(title: string): string[] {
  const parts = title
    .replace(/\([^)]*\)/g, ' ')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.length > 0);
  const head = parts[0];
  if (parts.length < 2 || !head || !/^[a-z]+$/.test(head)) return [];
  return [
    head,
    ...parts.slice(1).filter((p) => /^[a-z]+$/.test(p) && startsLikeHead(head, p) && sameWord(head, p)),
  ];
}

// Beyond the letters two forms share, each keeps at most this many of its stem: "infect|ion",
// "infect|ive"; "cervic|al" and "cervic|othoracic" are two words (a site and a compound).
const MAX_ENDING = 4;

/**
 * Two forms of one word, not a word and its compound or its inflammation: the Index lists
 * "Pharynx, pharyngeal, pharyngitis" and "Cervical, cervicothoracic" under one heading, but
 * pharyngitis is not the pharynx. An -itis word meets only forms that keep its "-it-"
 * (arthritis, arthritic).
 */
function sameWord(a: string, b: string): boolean {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (x.endsWith('itis') && !y.startsWith(x.slice(0, -2))) return false;
  }
  const sa = stem(a);
  const sb = stem(b);
  let common = 0;
  while (common < sa.length && common < sb.length && sa[common] === sb[common]) common++;
  return sa.length - common <= MAX_ENDING && sb.length - common <= MAX_ENDING;
}

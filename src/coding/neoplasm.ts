/**
 * Neoplasms (I.C.2): the Index sends "carcinoma", "cancer", "malignant tumor" to the Neoplasm
 * Table by site. The site is read from the other words of the statement (the longest Table row
 * they match) and the column from the behaviour: secondary when the statement says metastatic /
 * metastasis, else malignant primary; "in situ", "benign" and "uncertain" from the Index's own
 * "see" text.
 */
import { isPunct } from '../nlp/tokens.js';
import type { Icd10cmTerminology, NeoplasmCodes } from '../terminology/types.js';
import { type Mention, NEOPLASM_PREFIX } from './index-match.js';

const SKIP = new Set([
  'cancer',
  'carcinoma',
  'malignant',
  'malignancy',
  'neoplasm',
  'tumor',
  'of',
  'the',
  'with',
  'and',
  'had',
  'has',
  'history',
  'mother',
  'father',
  'sister',
  'brother',
  'stage',
  'metastatic',
  'primary',
  'adenocarcinoma',
  'in',
  'left',
  'right',
]);

export function neoplasmColumn(see: string, words: readonly string[]): keyof NeoplasmCodes {
  const s = see.toLowerCase();
  if (words.some((w) => w.startsWith('metasta')) && !words.includes('from')) return 'malignantSecondary';
  if (s.includes('in situ')) return 'inSitu';
  if (s.includes('benign')) return 'benign';
  if (s.includes('uncertain')) return 'uncertain';
  if (s.includes('malignant')) return 'malignantPrimary';
  return 'unspecified';
}

export function neoplasmCode(
  terminology: Pick<Icd10cmTerminology, 'neoplasmLookup'>,
  m: Mention,
): string | null {
  const see = m.code.slice(NEOPLASM_PREFIX.length);
  const words = m.sentence.tokens.filter((t) => !isPunct(t)).map((t) => t.norm);
  const column = neoplasmColumn(see, words);
  let best: { code: string; depth: number } | null = null;
  const sites = words.filter((w) => !SKIP.has(w) && w.length > 2);
  // Single words and adjacent pairs ("lung, upper lobe" is rarer than "lung"); keep the deepest row.
  const queries = [...sites, ...sites.slice(1).map((w, i) => `${sites[i]}, ${w}`)];
  for (const q of queries.slice(0, 40)) {
    let r: ReturnType<Icd10cmTerminology['neoplasmLookup']>;
    try {
      r = terminology.neoplasmLookup(q);
    } catch {
      return null;
    }
    const code = r?.matched ? r.codes[column] : null;
    if (code && (!best || r!.path.length > best.depth)) best = { code, depth: r!.path.length };
  }
  return best?.code ?? null;
}

/**
 * Family history of a malignant neoplasm by primary site (Z80.-), for when the Index's
 * "History, family, malignant neoplasm" subterms do not name the site the note uses.
 */
const FAMILY_BY_SITE: Array<[string, string, string]> = [
  ['C15', 'C26', 'Z80.0'],
  ['C33', 'C34', 'Z80.1'],
  ['C30', 'C39', 'Z80.2'],
  ['C50', 'C50', 'Z80.3'],
  ['C56', 'C56', 'Z80.41'],
  ['C61', 'C61', 'Z80.42'],
  ['C62', 'C62', 'Z80.43'],
  ['C51', 'C63', 'Z80.49'],
  ['C64', 'C68', 'Z80.5'],
  ['C91', 'C95', 'Z80.6'],
  ['C81', 'C96', 'Z80.7'],
  ['C00', 'C80', 'Z80.8'],
];

export function familyHistoryOfNeoplasm(code: string): string | null {
  const cat = code.slice(0, 3);
  if (!/^C/.test(cat)) return null;
  return FAMILY_BY_SITE.find(([lo, hi]) => cat >= lo && cat <= hi)?.[2] ?? null;
}

/**
 * Neoplasms (I.C.2): the Index sends "carcinoma", "cancer", "malignant tumor" to the Neoplasm
 * Table by site. The site is read from the other words of the statement (the longest Table row
 * they match) and the column from the behaviour: secondary when the statement says metastatic /
 * metastasis, else malignant primary; "in situ", "benign" and "uncertain" from the Index's own
 * "see" text.
 */
import { isPunct } from '../../nlp/tokens.js';
import type { Icd10cmTerminology, NeoplasmCodes } from '../../terminology/types.js';
import { type Mention, NEOPLASM_PREFIX, POS_BASE } from './index-match.js';

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

type Lookup = Pick<Icd10cmTerminology, 'neoplasmLookup'>;

const MAX_LOOKUPS = 60;
const BOUNDARY = new Set(['to', 'from', 'with', 'involving', 'and']);

/**
 * Adjectives of site that notes use where the Neoplasm Table has the organ's noun ("rectal
 * cancer" is "Neoplasm, rectum"); adjectives the Table lists itself ("gastric", "renal",
 * "hepatic", "pulmonary") need no entry.
 */
const SITE_NOUN: Readonly<Record<string, string>> = {
  rectal: 'rectum',
  pancreatic: 'pancreas',
  ovarian: 'ovary',
  prostatic: 'prostate',
  esophageal: 'esophagus',
  colonic: 'colon',
  sigmoid: 'sigmoid flexure',
  uterine: 'uterus',
  endometrial: 'endometrium',
  testicular: 'testis',
  laryngeal: 'larynx',
  pharyngeal: 'pharynx',
  mammary: 'breast',
  cerebral: 'brain',
  osseous: 'bone',
  duodenal: 'duodenum',
  cecal: 'cecum',
  anal: 'anus',
  vulvar: 'vulva',
  vaginal: 'vagina',
  penile: 'penis',
  pleural: 'pleura',
  peritoneal: 'peritoneum',
  tonsillar: 'tonsil',
  thyroidal: 'thyroid',
  adrenocortical: 'adrenal',
};
const METASTASIS = /^(metasta|mets$|met$|spread)/;

/**
 * The sites a statement names as metastatic ("metastatic to the liver", "bone metastases",
 * "spread to lymph nodes") and as primary ("metastases from the lung"): token indexes of each.
 */
export function siteRoles(norms: readonly string[]): { secondary: Set<number>; primary: Set<number> } {
  const secondary = new Set<number>();
  const primary = new Set<number>();
  const isSite = (i: number) => {
    const w = norms[i];
    return w !== undefined && /^[a-z]/.test(w) && w.length > 2 && !SKIP.has(w) && !METASTASIS.test(w);
  };
  // Words after "to"/"from" up to a punctuation mark, across "and" lists; returns where it stopped.
  const after = (i: number, into: Set<number>): number => {
    let j = i;
    for (; j < norms.length && j < i + 8; j++) {
      const w = norms[j]!;
      if (/^[,;:.()]$/.test(w) || w === 'with' || w === 'from' || w === 'to') break;
      if (isSite(j)) into.add(j);
    }
    return j;
  };
  norms.forEach((w, i) => {
    if (!METASTASIS.test(w)) return;
    // "liver metastases": the site words right before the noun.
    if (/^(metastasis|metastases|mets|met)$/.test(w))
      for (let j = i - 1; j >= 0 && j >= i - 2 && isSite(j); j--) secondary.add(j);
    let j = i + 1;
    if (norms[j] === 'disease' || norms[j] === 'cancer' || norms[j] === 'carcinoma') j++;
    if (norms[j] === 'to' || norms[j] === 'in' || norms[j] === 'involving') j = after(j + 1, secondary);
    else if (w === 'metastatic') {
      // "metastatic sigmoid colon cancer to the liver": the adjective's statement names the
      // primary first and where it spread after "to" (I.C.2: "metastatic to" = secondary site).
      let k = j;
      while (k < norms.length && k < i + 8 && !/^[,;:.()]$/.test(norms[k]!) && !BOUNDARY.has(norms[k]!)) k++;
      if (norms[k] === 'to' || norms[k] === 'involving') j = after(k + 1, secondary);
    }
    // "metastases from the lung", "bone metastases of breast cancer": the primary site.
    if (norms[j] === 'from' || (norms[j] === 'of' && w !== 'metastatic')) after(j + 1, primary);
  });
  return { secondary, primary };
}

function rowTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .trim();
}

/** The deepest Neoplasm Table row the site words reach, or null. */
function bestRow(
  terminology: Lookup,
  norms: readonly string[],
  sites: readonly number[],
  budget: { left: number },
): { codes: NeoplasmCodes; depth: number } | null {
  let best: { codes: NeoplasmCodes; depth: number } | null = null;
  const ask = (main: string, sub: string) => {
    if (budget.left-- <= 0) return;
    let r: ReturnType<Icd10cmTerminology['neoplasmLookup']>;
    try {
      r = terminology.neoplasmLookup(sub ? `${main}, ${sub}` : main);
    } catch {
      budget.left = 0;
      return;
    }
    // The Table's fuzzy matching is not trusted: the row must be the word's own ("brain" is
    // not "hippocampus, brain").
    const row = r?.matched ? r.path.find((p) => p.level === 1) : undefined;
    if (!r || !row || !rowTitle(row.title).startsWith(main)) {
      if (!sub && !main.endsWith(' nec')) ask(`${main} nec`, '');
      return;
    }
    // Likewise the subterm reached must share a word with the words asked for.
    const last = r.path.at(-1)!;
    if (
      sub &&
      (last.level < 2 || !sub.split(' ').some((w) => w.length > 2 && last.title.toLowerCase().includes(w)))
    )
      return;
    // Deeper rows first; at equal depth the row that used more of the words ("breast, upper
    // outer quadrant" over "breast, upper").
    const depth = r.path.length * 10 + (sub ? sub.split(' ').length : 0);
    if (!best || depth > best.depth) best = { codes: r.codes, depth };
  };
  const site = (j: number) => SITE_NOUN[norms[j]!] ?? norms[j]!;
  sites.forEach((i, k) => {
    const w = site(i);
    ask(w, '');
    for (let n = 1; n <= 3; n++) {
      const after = sites.slice(k + 1, k + 1 + n);
      if (after.length === n) ask(w, after.map(site).join(' '));
      const before = sites.slice(Math.max(0, k - n), k);
      if (before.length === n) ask(w, before.map(site).join(' '));
    }
  });
  return best;
}

export interface NeoplasmResult {
  code: string;
  column: keyof NeoplasmCodes;
}

/**
 * The Neoplasm Table codes a statement documents (I.C.2): the primary site in the column the
 * Index's behaviour names (malignant, in situ, benign, uncertain), and each metastatic site in
 * the "secondary" column ("colon cancer with liver metastases" → C18.9 + C78.7). A statement
 * that says metastatic without naming where reports the primary and C79.9; one that names only
 * where it spread reports only the secondary site.
 */
export function neoplasmCodes(terminology: Lookup, m: Mention): NeoplasmResult[] {
  const see = m.code.slice(NEOPLASM_PREFIX.length);
  const tokens = m.sentence.tokens;
  const norms = tokens.map((t) => t.norm);
  const words = tokens.filter((t) => !isPunct(t)).map((t) => t.norm);
  const { secondary, primary } = siteRoles(norms);
  const metastatic = words.some((w) => METASTASIS.test(w));
  const behaviour = neoplasmColumn(see, []);
  const siteIdx = norms
    .map((_w, i) => i)
    .filter(
      (i) =>
        !isPunct(tokens[i]!) && !SKIP.has(norms[i]!) && norms[i]!.length > 2 && !METASTASIS.test(norms[i]!),
    );
  const budget = { left: MAX_LOOKUPS };
  const out: NeoplasmResult[] = [];
  const primaryColumn: keyof NeoplasmCodes = metastatic ? 'malignantPrimary' : behaviour;
  const primarySites = primary.size > 0 ? [...primary] : siteIdx.filter((i) => !secondary.has(i));
  const primaryRow = bestRow(terminology, norms, primarySites, budget);
  const primaryCode = primaryRow?.codes[primaryColumn];
  if (primaryCode) out.push({ code: primaryCode, column: primaryColumn });
  if (secondary.size > 0) {
    for (const code of secondaryCodes(terminology, norms, secondary, budget))
      if (!out.some((o) => o.code === code)) out.push({ code, column: 'malignantSecondary' });
  } else if (metastatic && primaryCode && primary.size === 0) {
    out.push({ code: 'C79.9', column: 'malignantSecondary' });
  } else if (metastatic && !primaryCode) {
    const code = primaryRow?.codes.malignantSecondary;
    if (code) out.push({ code, column: 'malignantSecondary' });
  }
  // "Brain metastases from lung cancer": the statement is about the metastasis, the primary
  // only says where it came from; the secondary site is listed first (I.C.2.b: the encounter
  // directed at the secondary site has it as principal).
  if (primary.size > 0 && secondary.size > 0 && out[0]?.column !== 'malignantSecondary') {
    const first = out.filter((o) => o.column === 'malignantSecondary');
    return [...first, ...out.filter((o) => o.column !== 'malignantSecondary')];
  }
  return out;
}

/** The secondary column of each metastatic site: "liver and bone" are two codes. */
function secondaryCodes(
  terminology: Lookup,
  norms: readonly string[],
  secondary: ReadonlySet<number>,
  budget: { left: number },
): string[] {
  const groups: number[][] = [];
  for (const i of [...secondary].sort((a, b) => a - b)) {
    const last = groups.at(-1);
    if (last && i === last.at(-1)! + 1) last.push(i);
    else groups.push([i]);
  }
  const out: string[] = [];
  for (const g of groups) {
    const code = bestRow(terminology, norms, g, budget)?.codes.malignantSecondary;
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

const PRIMARY_MALIGNANT = /^C(?:[0-6]|7[0-6]|8[1-9]|9)/;

/**
 * An Index entry that codes a primary malignancy directly ("Cancer, ovarian" C56.-) in a
 * statement that also says where it spread ("liver metastases from ovarian cancer"): the
 * metastatic sites are coded too, in the Table's secondary column (I.C.2.d). When the entry's
 * own words are the metastatic site ("metastatic pancreatic carcinoma to liver" read as
 * "Carcinoma, liver"), the statement is read through the Table instead. Null when the
 * statement names no spread, or the code is not a primary malignancy.
 */
export function withSpread(terminology: Lookup, m: Mention): string[] | null {
  if (!PRIMARY_MALIGNANT.test(m.code)) return null;
  const norms = m.sentence.tokens.map((t) => t.norm);
  const { secondary, primary } = siteRoles(norms);
  if (secondary.size === 0) return null;
  const own = m.positions
    .filter((p) => Math.floor(p / POS_BASE) === m.sentence.index)
    .map((p) => p % POS_BASE);
  if (own.some((i) => secondary.has(i)))
    return neoplasmCodes(terminology, { ...m, code: `${NEOPLASM_PREFIX}Neoplasm, malignant` }).map(
      (n) => n.code,
    );
  const spread = secondaryCodes(terminology, norms, secondary, { left: MAX_LOOKUPS }).filter(
    (c) => c !== m.code,
  );
  return primary.size > 0 ? [...spread, m.code] : [m.code, ...spread];
}

/** The single code of the older interface: the first of `neoplasmCodes`. */
export function neoplasmCode(terminology: Lookup, m: Mention): string | null {
  return neoplasmCodes(terminology, m)[0]?.code ?? null;
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

/**
 * Abbreviations common in clinical notes, expanded at the token level so the expanded words
 * keep the offsets of the abbreviation (evidence still quotes "HTN", matching sees
 * "hypertension"). Keys are token sequences as the tokenizer produces them ("s/p" → s / p).
 * Only unambiguous abbreviations belong here: an expansion that is wrong half the time is
 * worse than none.
 */
import { CLINICAL_ABBREVIATIONS } from '../terminology/abbreviations.js';
import { ROMAN_NUMERALS as ROMAN, stem } from '../text/index.js';
import type { Token } from './tokens.js';

/** Shorthand of notes the terminology table does not hold (context words, sides, limbs). */
const NOTE_SHORTHAND: Record<string, string> = {
  ascvd: 'atherosclerotic cardiovascular disease',
  'a fib': 'atrial fibrillation',
  pad: 'peripheral arterial disease',
  cap: 'community acquired pneumonia',
  ocd: 'obsessive compulsive disorder',
  hiv: 'human immunodeficiency virus',
  doe: 'dyspnea on exertion',
  'n v': 'nausea vomiting',
  'h o': 'history of',
  pmh: 'past medical history',
  fhx: 'family history',
  fh: 'family history',
  's p': 'status post',
  // The Index's word for pain of the low back is "lumbago": its combination with sciatica
  // (M54.4-) is found only under that name ("Sciatica, with lumbago").
  'low back pain': 'lumbago',
  'r o': 'rule out',
  'c o': 'complains of',
  'w o': 'without',
  bilat: 'bilateral',
  rt: 'right',
  lt: 'left',
  lle: 'left lower extremity',
  rle: 'right lower extremity',
  lue: 'left upper extremity',
  rue: 'right upper extremity',
  ble: 'bilateral lower extremity',
  loc: 'loss of consciousness',
  // Ordinals as the Index writes them ("first degree", "second trimester").
  '1st': 'first',
  '2nd': 'second',
  '3rd': 'third',
  '4th': 'fourth',
  nsvd: 'normal spontaneous vaginal delivery',
  npdr: 'nonproliferative diabetic retinopathy',
  // One-word spelling of the Index's hyphenated term.
  posttraumatic: 'post traumatic',
  ou: 'bilateral',
  svd: 'spontaneous vaginal delivery',
  mva: 'motor vehicle accident',
  gu: 'genitourinary',
  hgb: 'hemoglobin',
  wnl: 'within normal limits',
  nkda: 'no known drug allergies',
  sz: 'seizure',
  bmi: 'body mass index',
  // Pain from a neoplasm, as the Index words it ("Pain, cancer associated", "Pain, tumor
  // associated": G89.3); "neoplasm related" is listed only under "Pain, chronic".
  'neoplasm related': 'cancer associated',
  'cancer related': 'cancer associated',
  'tumor related': 'tumor associated',
  'malignancy related': 'cancer associated',
  // Hematologic malignancies by their usual initials (the Index's "Leukemia, chronic
  // lymphocytic", "Lymphoma, non-Hodgkin").
  // CLL is a B-cell neoplasm by definition (WHO); the Index lists it only as "chronic
  // lymphocytic, of B-cell type" (C91.1-).
  cll: 'chronic lymphocytic leukemia of b cell type',
  'chronic lymphocytic leukemia': 'chronic lymphocytic leukemia of b cell type',
  cml: 'chronic myeloid leukemia',
  aml: 'acute myeloid leukemia',
  nhl: 'non hodgkin lymphoma',
  // Lobes of the lung (only the lung has upper, middle and lower lobes): the Neoplasm Table
  // reads "lung, upper lobe" and the side picks the Tabular child.
  rul: 'right upper lobe lung',
  rml: 'right middle lobe lung',
  rll: 'right lower lobe lung',
  lul: 'left upper lobe lung',
  lll: 'left lower lobe lung',
  // Organisms by genus initial, as the Index names them in full ("Colitis, Clostridium
  // difficile"; "Infection, Helicobacter pylori"). The tokenizer keeps the initial's period as a
  // token. Not yet "E. coli": read, it sends "E. coli urinary tract infection" to "Infection,
  // Escherichia coli NEC" (A49.8) instead of N39.0, until an NEC subterm yields to a sibling
  // the statement also names (tried; it cost elsewhere).
  'h . pylori': 'helicobacter pylori',
  'h pylori': 'helicobacter pylori',
  'c . difficile': 'clostridium difficile',
  'c . diff': 'clostridium difficile',
  'c diff': 'clostridium difficile',
};

/** The terminology service's clinical abbreviations (Index wording) plus note shorthand. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ...CLINICAL_ABBREVIATIONS,
  ...NOTE_SHORTHAND,
};

/** Roman numerals after "type", "stage", "grade", "class" are numbers ("type II" → "type 2"). */
const ROMAN_AFTER = new Set(['type', 'stage', 'grade', 'class', 'degree']);

interface Entry {
  key: string[];
  words: string[];
}

/** Entries by their first key token, longest first, so a lookup costs one map probe per token. */
const BY_FIRST = new Map<string, Entry[]>();
for (const [k, v] of Object.entries(ABBREVIATIONS)) {
  const entry = { key: k.split(' '), words: v.split(/[\s-]+/) };
  const list = BY_FIRST.get(entry.key[0]!) ?? [];
  list.push(entry);
  list.sort((a, b) => b.key.length - a.key.length);
  BY_FIRST.set(entry.key[0]!, list);
}

/**
 * Returns a new token list with abbreviations replaced by their expansion. Slash forms
 * (s/p, h/o, r/o) arrive as three tokens: letter, "/", letter.
 */
export function expandAbbreviations(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const hit = matchAt(tokens, i);
    if (hit) {
      const first = tokens[i]!;
      const last = tokens[hit.end - 1]!;
      const surface = tokens
        .slice(i, hit.end)
        .map((t) => t.norm)
        .join('');
      for (const w of hit.entry.words) {
        out.push({ start: first.start, end: last.end, norm: w, stem: stem(w), expandedFrom: surface });
      }
      i = hit.end - 1;
      continue;
    }
    const t = tokens[i]!;
    const prev = out[out.length - 1];
    // The numeral table is read only after "type", "stage" ...: a property lookup by every token's
    // text was most of this function's time.
    const roman = prev && ROMAN_AFTER.has(prev.norm) ? ROMAN[t.norm] : undefined;
    if (roman) {
      out.push({ ...t, norm: roman, stem: roman, expandedFrom: t.norm });
      continue;
    }
    out.push(t);
  }
  return out;
}

function matchAt(tokens: Token[], i: number): { entry: Entry; end: number } | undefined {
  for (const entry of BY_FIRST.get(tokens[i]!.norm) ?? []) {
    let j = i;
    let ok = true;
    for (const part of entry.key) {
      // Skip the slash between the letters of "s/p"-style abbreviations.
      if (tokens[j]?.norm === '/' && j > i) j++;
      if (tokens[j]?.norm !== part) {
        ok = false;
        break;
      }
      j++;
    }
    if (ok) return { entry, end: j };
  }
  return undefined;
}

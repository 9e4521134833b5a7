/**
 * Abbreviations common in clinical notes, expanded at the token level so the expanded words
 * keep the offsets of the abbreviation (evidence still quotes "HTN", matching sees
 * "hypertension"). Keys are token sequences as the tokenizer produces them ("s/p" → s / p).
 * Only unambiguous abbreviations belong here: an expansion that is wrong half the time is
 * worse than none.
 */
import { stem } from './stem.js';
import type { Token } from './tokens.js';

export const ABBREVIATIONS: Record<string, string> = {
  htn: 'hypertension',
  hld: 'hyperlipidemia',
  dm: 'diabetes mellitus',
  dm1: 'type 1 diabetes mellitus',
  dm2: 'type 2 diabetes mellitus',
  t1dm: 'type 1 diabetes mellitus',
  t2dm: 'type 2 diabetes mellitus',
  iddm: 'type 1 diabetes mellitus',
  niddm: 'type 2 diabetes mellitus',
  ckd: 'chronic kidney disease',
  esrd: 'end stage renal disease',
  aki: 'acute kidney injury',
  chf: 'congestive heart failure',
  hfref: 'heart failure with reduced ejection fraction',
  hfpef: 'heart failure with preserved ejection fraction',
  cad: 'coronary artery disease',
  ascvd: 'atherosclerotic cardiovascular disease',
  afib: 'atrial fibrillation',
  'a fib': 'atrial fibrillation',
  af: 'atrial fibrillation',
  mi: 'myocardial infarction',
  nstemi: 'non st elevation myocardial infarction',
  stemi: 'st elevation myocardial infarction',
  dvt: 'deep vein thrombosis',
  cva: 'cerebral infarction',
  tia: 'transient ischemic attack',
  pvd: 'peripheral vascular disease',
  pad: 'peripheral arterial disease',
  copd: 'chronic obstructive pulmonary disease',
  osa: 'obstructive sleep apnea',
  uri: 'upper respiratory infection',
  uti: 'urinary tract infection',
  cap: 'community acquired pneumonia',
  gerd: 'gastroesophageal reflux disease',
  ibs: 'irritable bowel syndrome',
  bph: 'benign prostatic hyperplasia',
  oa: 'osteoarthritis',
  ra: 'rheumatoid arthritis',
  mdd: 'major depressive disorder',
  gad: 'generalized anxiety disorder',
  ptsd: 'post traumatic stress disorder',
  adhd: 'attention deficit hyperactivity disorder',
  ocd: 'obsessive compulsive disorder',
  hiv: 'human immunodeficiency virus',
  sob: 'shortness of breath',
  doe: 'dyspnea on exertion',
  cp: 'chest pain',
  ha: 'headache',
  'n v': 'nausea vomiting',
  lbp: 'low back pain',
  hx: 'history',
  'h o': 'history of',
  pmh: 'past medical history',
  fhx: 'family history',
  fh: 'family history',
  's p': 'status post',
  'r o': 'rule out',
  'c o': 'complains of',
  'w o': 'without',
  bilat: 'bilateral',
  rt: 'right',
  lt: 'left',
  fx: 'fracture',
  lle: 'left lower extremity',
  rle: 'right lower extremity',
  lue: 'left upper extremity',
  rue: 'right upper extremity',
  ble: 'bilateral lower extremity',
  loc: 'loss of consciousness',
  mva: 'motor vehicle accident',
  gi: 'gastrointestinal',
  gu: 'genitourinary',
  hgb: 'hemoglobin',
  wnl: 'within normal limits',
  nkda: 'no known drug allergies',
  sz: 'seizure',
  aaa: 'abdominal aortic aneurysm',
  bmi: 'body mass index',
};

/** Roman numerals after "type", "stage", "grade", "class" are numbers ("type II" → "type 2"). */
const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5', iiia: '3a', iiib: '3b' };
const ROMAN_AFTER = new Set(['type', 'stage', 'grade', 'class', 'degree']);

interface Entry {
  key: string[];
  words: string[];
}

/** Entries by their first key token, longest first, so a lookup costs one map probe per token. */
const BY_FIRST = new Map<string, Entry[]>();
for (const [k, v] of Object.entries(ABBREVIATIONS)) {
  const entry = { key: k.split(' '), words: v.split(' ') };
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
    const roman = ROMAN[t.norm];
    if (roman && prev && ROMAN_AFTER.has(prev.norm)) {
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

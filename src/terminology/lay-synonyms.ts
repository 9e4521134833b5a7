import { words } from '../text/index.js';

/**
 * Lay and anatomical wording a coder or patient types, and the words the Alphabetic Index or the
 * Tabular uses for the same thing. Search runs the query once as typed and once with each
 * synonym swapped in, so "broken hip" also searches "fracture hip" (which the Index sends on to
 * "Fracture, femur, neck") and "acquired absence of colon" also searches "intestine, large".
 *
 * Data, not logic: each entry says where the equivalence comes from, so a reviewer can check it
 * against the book. Where the Index itself states the equivalence ("Broken, bone — see
 * Fracture"), that is the source; otherwise it is an anatomical or plain-language fact a coder
 * applies when choosing the main term (Official Guidelines I.A.1: the Index is entered by the
 * condition's name, not the patient's words).
 */
export interface LaySynonym {
  /** The words as typed (lower case, whole words, in order). */
  lay: string;
  /** The Index's or Tabular's words for it. */
  index: string;
  source: string;
}

export const LAY_SYNONYMS: readonly LaySynonym[] = [
  { lay: 'broken', index: 'fracture', source: 'Index: "Broken, bone — see Fracture"' },
  { lay: 'break', index: 'fracture', source: 'Index: "Broken, bone — see Fracture" (the verb)' },
  {
    lay: 'heart attack',
    index: 'infarction myocardium',
    source: 'Index: "Attack, heart — see Infarct, myocardium"',
  },
  {
    lay: 'colon',
    index: 'intestine large',
    source: 'anatomy: the colon is the large intestine (Index "Absence, intestine, large")',
  },
  {
    lay: 'bowel',
    index: 'intestine',
    source: 'anatomy: bowel is the intestine (Tabular K55–K64 "intestine")',
  },
  { lay: 'belly', index: 'abdomen', source: 'plain language for the abdomen (Index "Pain, abdominal")' },
  { lay: 'tummy', index: 'abdomen', source: 'plain language for the abdomen' },
  { lay: 'stomach ache', index: 'pain abdominal', source: 'plain language (Index "Pain, abdominal")' },
  {
    lay: 'high blood pressure',
    index: 'hypertension',
    source: 'Index: "High, blood pressure — see Hypertension"',
  },
  { lay: 'low blood pressure', index: 'hypotension', source: 'plain language (Index "Hypotension")' },
  { lay: 'high blood sugar', index: 'hyperglycemia', source: 'plain language (Index "Hyperglycemia")' },
  { lay: 'low blood sugar', index: 'hypoglycemia', source: 'plain language (Index "Hypoglycemia")' },
  {
    lay: 'high cholesterol',
    index: 'hypercholesterolemia',
    source: 'plain language (Index "Hypercholesterolemia")',
  },
  { lay: 'underactive thyroid', index: 'hypothyroidism', source: 'plain language (Index "Hypothyroidism")' },
  { lay: 'overactive thyroid', index: 'hyperthyroidism', source: 'plain language (Index "Hyperthyroidism")' },
  {
    lay: 'mini stroke',
    index: 'transient ischemic attack',
    source: 'plain language (Index "Attack, transient ischemic (TIA)")',
  },
  {
    lay: 'blood clot',
    index: 'thrombosis',
    source: 'plain language (Index "Clot (blood) — see also Thrombosis")',
  },
  { lay: 'passing out', index: 'syncope', source: 'plain language (Index "Fainting (fit) R55"; "Syncope")' },
  { lay: 'passed out', index: 'syncope', source: 'plain language (Index "Syncope")' },
  { lay: 'fainting', index: 'syncope', source: 'Index: "Fainting (fit) R55", the code of Syncope' },
  { lay: 'throwing up', index: 'vomiting', source: 'plain language (Index "Vomiting")' },
  { lay: 'nosebleed', index: 'epistaxis', source: 'plain language (Index "Epistaxis")' },
  { lay: 'pink eye', index: 'conjunctivitis', source: 'plain language (Index "Conjunctivitis")' },
  { lay: 'lazy eye', index: 'amblyopia', source: 'plain language (Index "Amblyopia")' },
  { lay: 'bed sore', index: 'ulcer pressure', source: 'Index: "Bedsore — see Ulcer, pressure, by site"' },
  { lay: 'bedsore', index: 'ulcer pressure', source: 'Index: "Bedsore — see Ulcer, pressure, by site"' },
  { lay: 'bladder infection', index: 'cystitis', source: 'plain language (Index "Cystitis")' },
  { lay: 'kidney stone', index: 'calculus kidney', source: 'Index: "Stone(s) — see also Calculus; kidney"' },
  {
    lay: 'gallstone',
    index: 'cholelithiasis',
    source: 'Index: "Gallstone — see Calculus, gallbladder"; "Cholelithiasis"',
  },
  {
    lay: 'water on the knee',
    index: 'effusion joint knee',
    source: 'plain language (Index "Effusion, joint, knee")',
  },
  { lay: 'fast heart rate', index: 'tachycardia', source: 'plain language (Index "Tachycardia")' },
  { lay: 'slow heart rate', index: 'bradycardia', source: 'plain language (Index "Bradycardia")' },
  { lay: 'shortness of breath', index: 'dyspnea', source: 'Index: "Shortness, breath R06.02"; "Dyspnea"' },
  { lay: 'dislocated', index: 'dislocation', source: 'the participle of the Index main term "Dislocation"' },
  { lay: 'sprained', index: 'sprain', source: 'the participle of the Index main term "Sprain"' },
  { lay: 'torn', index: 'tear', source: 'the participle of the Index main term "Tear, torn"' },
  {
    lay: 'kidney',
    index: 'renal',
    source: 'anatomy: Tabular titles say "renal" where the Index says "kidney"',
  },
];

interface CompiledSynonym {
  words: readonly string[];
  replacement: readonly string[];
}

const COMPILED: readonly CompiledSynonym[] = LAY_SYNONYMS.map((s) => ({
  words: words(s.lay),
  replacement: words(s.index),
}));

/**
 * The query with its lay words replaced by the Index's, one variant per synonym found (the
 * query itself is not included). At most a handful: queries are a few words long.
 */
export function layVariants(text: string): string[] {
  const typed = words(text);
  const out: string[] = [];
  for (const s of COMPILED) {
    const at = indexOfRun(typed, s.words);
    if (at < 0) continue;
    out.push([...typed.slice(0, at), ...s.replacement, ...typed.slice(at + s.words.length)].join(' '));
  }
  return out;
}

function indexOfRun(haystack: readonly string[], run: readonly string[]): number {
  outer: for (let i = 0; i + run.length <= haystack.length; i++) {
    for (let j = 0; j < run.length; j++) if (haystack[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}

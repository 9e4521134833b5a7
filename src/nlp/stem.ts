/**
 * A light stemmer for matching note words to Index and Tabular terms. It only needs to make
 * inflected forms of the same word meet (fracture/fractures/fractured, disease/diseases,
 * infection/infections); it never needs to produce a real word, so it is deliberately simpler
 * and more predictable than Porter.
 */

/** Words whose plural-looking ending is part of the word (Latin/Greek medical terms). */
const KEEP = new Set([
  'diabetes',
  'herpes',
  'rabies',
  'scabies',
  'mumps',
  'measles',
  'rickets',
  'series',
  'species',
  'lens',
  'pelvis',
  'axis',
  'thorax',
  'status',
  'sepsis',
  'mellitus',
  'virus',
  'fetus',
  'uterus',
  'bronchus',
  'bronchitis',
  'always',
  'was',
  'has',
  'is',
  'this',
  'his',
  'its',
  'us',
  'as',
  'yes',
  'less',
  'process',
  'abscess',
  'stress',
  'illness',
  'weakness',
  'numbness',
  'dizziness',
  'shortness',
  'tenderness',
]);

/** -ic adjectives that must not meet a noun: their stem word means something else. */
const IC_KEEP = new Set([
  'chronic',
  'systemic',
  'organic',
  'specific',
  'generic',
  'periodic',
  'arsenic',
  'electric',
]);

/** Irregular plurals common in clinical text. */
const IRREGULAR: Record<string, string> = {
  feet: 'foot',
  teeth: 'tooth',
  children: 'child',
  women: 'woman',
  men: 'man',
  vertebrae: 'vertebra',
  bursae: 'bursa',
  diagnoses: 'diagnosis',
  metastases: 'metastasis',
  stenoses: 'stenosis',
  neuroses: 'neurosis',
  psychoses: 'psychosis',
  ovaries: 'ovary',
  arteries: 'artery',
  injuries: 'injury',
  bodies: 'body',
  fingers: 'finger',
  calculi: 'calculus',
  emboli: 'embolus',
  thrombi: 'thrombus',
  bronchi: 'bronchus',
  fungi: 'fungus',
  nuclei: 'nucleus',
  atria: 'atrium',
  ganglia: 'ganglion',
  phalanges: 'phalanx',
  // Past tenses of the External Cause Index's verbs ("fell" is "Fall, falling").
  fell: 'fall',
  fallen: 'fall',
  struck: 'strike',
  bitten: 'bite',
  stung: 'sting',
  slid: 'slide',
  thrown: 'throw',
  threw: 'throw',
  caught: 'catch',
};

export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || /\d/.test(w)) return w;
  const irregular = IRREGULAR[w];
  if (irregular) w = irregular;
  else if (!KEEP.has(w) && !w.endsWith('itis') && !w.endsWith('osis') && !w.endsWith('asis')) {
    if (w.endsWith("'s")) w = w.slice(0, -2);
    else if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
    else if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (/(?:ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
    else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
      w = w.slice(0, -1);
  }
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // Latin noun / English adjective pairs meet: myocardium/myocardial, bacterium/bacterial,
  // duodenum/duodenal, cerebrum/cerebral.
  if (w.length > 5 && (w.endsWith('ium') || w.endsWith('ial'))) w = w.slice(0, -2);
  else if (w.length > 5 && w.endsWith('um') && !w.endsWith('ssum')) w = w.slice(0, -2);
  else if (w.length > 6 && w.endsWith('al')) w = w.slice(0, -2);
  // English noun / -ic adjective pairs meet the same way: colon/colonic, metabolism/metabolic.
  // Adjectives whose meaning is not "of the noun" keep their ending (systemic is not system).
  else if (w.length > 6 && w.endsWith('ic') && !IC_KEEP.has(w)) w = w.slice(0, -2);
  return w;
}

/** "stopp" (from "stopped") → "stop", so inflections meet their base form. */
function undouble(w: string): string {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

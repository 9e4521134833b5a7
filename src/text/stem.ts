/**
 * The one stemmer of medcoder: note words (NLP tokens), Index and Tabular terms (the coding
 * engine's matchers, the Index walk) and code search all stem with it, so a word folds the same
 * way wherever it is compared. It only needs to make inflected forms of the same word meet
 * (fracture/fractures/fractured, disease/diseases, infection/infections) and a few Latin
 * noun/English adjective pairs (myocardium/myocardial, colon/colonic); it never needs to produce
 * a real word, so it is deliberately simpler and more predictable than Porter.
 *
 * Derivations are not folded (infection/infective, diabetes/diabetic, hypertension/hypertensive):
 * clinical words are long Greek/Latin compounds where aggressive suffix stripping conflates
 * different things, and the coding engine is tuned on exactly these folds. Code search meets
 * the derived forms through the word families the Alphabetic Index itself lists
 * ("Infection, infected, infective"), see terminology/search-families.ts.
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

// Stems of the words seen so far: a release's vocabulary is ~30,000 words, while titles, Index
// paths and notes hold millions of word occurrences, so memoising makes stemming nearly free.
// Bounded so a long-running server fed arbitrary words does not grow it without limit.
const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/** Stem of one word (any case; the stem is lower case). */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const s = computeStem(word);
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

function computeStem(word: string): string {
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

/**
 * The stemmer lives in src/text (shared with terminology search). Kept as a re-export only for
 * the modules being restructured in parallel (coding/icd10cm/engine.ts, rules/combination.ts,
 * finders/*); new code imports `stem` from '../text/index.js'.
 */
export { stem } from '../text/stem.js';

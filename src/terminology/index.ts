// The ICD-10-CM terminology service: load once, answer from memory.
export { CLINICAL_ABBREVIATIONS, expandAbbreviation, expandAbbreviations } from './abbreviations.js';
export { normalizeCode } from './code-format.js';
export { editDistance } from './edit-distance.js';
export { TerminologyError } from './errors.js';
export { listReleases, loadTerminology } from './load.js';
export { chooseCodesRelease, selectReleases } from './release-selection.js';
export type * from './types.js';

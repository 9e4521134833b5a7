// ICD-10-PCS terminology: the release in memory, the code builder, word search.
export {
  buildStep,
  normalizePcs,
  PcsBuildError,
  type PcsChoice,
  type PcsProblem,
  type PcsStep,
  type PcsValidation,
  validatePcs,
} from './builder.js';
export {
  type PcsCharacter,
  type PcsCodeRow,
  PcsCodeSet,
  type PcsLabelRow,
  type PcsRelease,
} from './code-set.js';
export {
  choosePcsRelease,
  loadPcsCodeSet,
  type PcsLoadOptions,
  PcsNotImportedError,
  type PcsReleaseChoice,
} from './load.js';
export { type PcsSearchHit, searchPcs } from './search.js';

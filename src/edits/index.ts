// The claim scrubber's public API (re-exported by src/index.ts). Names carry "Scrub" where a
// bare name (Claim, Finding) would collide with the billing and coding modules.
export { AgeSexIndex, ageSexEdits } from './age-sex.js';
export {
  AGE_RANGES,
  type AgeSexKind,
  type AgeSexRule,
  deriveAgeSexRules,
  renderAgeSexTable,
} from './age-sex-derive.js';
export {
  type Claim as ScrubClaim,
  type ClaimInput as ScrubClaimInput,
  ClaimInputError,
  type ClaimLine as ScrubClaimLine,
  claimSchema as scrubClaimSchema,
  parseClaim as parseScrubClaim,
  resolveLines as resolveScrubLines,
} from './claim.js';
export { claimHygieneEdits } from './claim-hygiene.js';
export {
  type CodeReference,
  codeReferences,
  type DiagnosisFact,
  type DiagnosisFacts,
  type DiagnosisLookup,
  type DiagnosisStatus,
  referenceCovers,
} from './diagnosis-facts.js';
export {
  type EditFamily,
  type Finding as ScrubFinding,
  type Severity as ScrubSeverity,
  sortFindings,
} from './finding.js';
export {
  type BillingClaimLike,
  type FromBillingOptions,
  scrubInputFromBillingClaim,
} from './from-billing-claim.js';
export { icd10cmClaimEdits } from './icd10cm-claim.js';
export { type LoadedTables, type LoadTablesOptions, loadScrubTables } from './load-tables.js';
export { mueEdits } from './mue.js';
export { findBypass } from './ncci-modifiers.js';
export { ncciPtpEdits } from './ncci-ptp.js';
export { PLACE_OF_SERVICE } from './place-of-service.js';
export { procedureCodeEdits } from './procedure-codes.js';
export { type ScrubContext, type ScrubResult, scrubClaim, scrubJson } from './scrub.js';
export {
  buildScrubTables,
  type HcpcsEntry,
  type MueEntry,
  type PtpEdit,
  type PtpIndex,
  ptpActiveOn,
  ptpEdits,
  type ScrubTableInput,
  type ScrubTables,
} from './tables.js';
export { type TabularRelease, tabularDiagnosisFacts } from './tabular-facts.js';
export { terminologyDiagnosisFacts } from './terminology-facts.js';

// Claims: model, validation, 837P/837I writer and reader.

export {
  Cms1500Error,
  cms1500Pages,
  FORM_BOXES as CMS1500_BOXES,
  type FormBox as Cms1500Box,
  type FormField as Cms1500Field,
} from './cms1500.js';
export { renderCms1500 } from './cms1500-pdf.js';
export { type CorrectOptions, correctClaim, voidClaim } from './correct.js';
export { claimToFhir, LINE_CONTROL_URL, PCN_SYSTEM as FHIR_PCN_SYSTEM } from './fhir-claim.js';
export * from './model.js';
export { isValidNpi, npiCheckDigit } from './npi.js';
export { ClaimFormError } from './paper-form.js';
export { findPoaExemptFile, type LoadedPoaExemptList, loadPoaExemptList } from './poa-exempt.js';
export { type Read837Result, read837 } from './read-837.js';
export type { PoaExemptList } from './situational-rules.js';
export {
  applyEvent,
  type ClaimEvent,
  type ClaimState,
  ClaimStateError,
  type ClaimStatus as ClaimLifecycleStatus,
  newClaimState,
  type Transition as ClaimTransition,
} from './state.js';
export {
  claimHistory,
  createClaim,
  editClaim,
  getClaim,
  type StoredClaim,
  type StoredTransition,
  saveClaim,
  validateStoredClaim,
} from './store.js';
export { type SubmitOptions, type SubmittedBatch, submitClaims } from './submit.js';
export { recordTransition } from './transition-store.js';
export { UB04_BOXES, UB04_LAYOUT, Ub04Error, type Ub04Options, ub04Pages } from './ub04.js';
export { renderUb04 } from './ub04-pdf.js';
export {
  type ClaimIssue,
  ClaimValidationError,
  claimIssues,
  type DiagnosisValidator,
  type ValidateOptions as ClaimValidateOptions,
  validateClaim,
} from './validate.js';
export {
  type ClaimKind,
  IMPLEMENTATION as IMPLEMENTATION_837,
  type Submission,
  transactionSet837,
  write837,
} from './write-837.js';

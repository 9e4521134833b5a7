// Remittances and acknowledgments: 835 with balancing, 999, 277CA, CARC/RARC lists and triage.

export {
  type AckContent,
  type AckOutcome,
  type AckReport,
  applyAckFile,
  applyAcknowledgements,
} from './ack-store.js';
export { checkBalances } from './balance.js';
export {
  activeOn,
  loadReasonCodes,
  parseReasonCodes,
  type ReasonCode,
  type ReasonCodeLists,
} from './carc-rarc.js';
export { type DenialGroup, type DenialItem, denialsWorklist, type WorklistOptions } from './denials.js';
export { eobToRemittance, FhirImportError } from './fhir-eob.js';
export { postEobFile, postEobJson } from './fhir-post.js';
export { categorize, type DenialCategory, GROUPS, type GroupCode, needsWork } from './groups.js';
export { type BilledLine, type LineMatch, type MatchMethod, matchLines } from './match-lines.js';
export type * from './model.js';
export {
  type ClaimPosting,
  type LineDenial,
  type LinePosting,
  type OurClaim,
  type PostingPlan,
  PostingRefused,
  planPosting,
} from './posting.js';
export {
  type PostReport,
  postRemittanceFile,
  postRemittances,
  type RemittanceSource,
  sha256File,
} from './posting-store.js';
export { type ClaimAck, type ClaimAckStatus, type ClaimStatus, read277ca } from './read-277ca.js';
export { read835, remittanceFromSet } from './read-835.js';
export { type AckError, type AckStatus, type FunctionalAck, read999, type SetAck } from './read-999.js';

// The library API: `import { ... } from 'medcoder'`. Each module adds its public functions here.

export * from './claims/index.js';
export { type CptImportOptions, type CptImportReport, importCpt } from './codesets/cpt/import.js';
export { ImportError } from './codesets/errors.js';
export { type HcpcsImportOptions, type HcpcsImportReport, importHcpcs } from './codesets/hcpcs/import.js';
export { type HcpcsHit, lookupHcpcs, searchHcpcs } from './codesets/hcpcs/lookup.js';
export { type DerivedCode, deriveBillableCodes } from './codesets/icd10cm/billable.js';
export {
  type IndexCell as Icd10cmIndexCell,
  type IndexFile as Icd10cmIndexFile,
  type IndexTerm as Icd10cmIndexTerm,
  indexKindOf as icd10cmIndexKindOf,
  NO_CODE_CELLS as ICD10CM_NO_CODE_CELLS,
  type TableHeading as Icd10cmTableHeading,
} from './codesets/icd10cm/index-model.js';
export { parseIndex } from './codesets/icd10cm/index-parser.js';
export { type OrderRecord, parseOrderFile } from './codesets/icd10cm/order-parser.js';
export { fiscalYearOf, sniffIcd10cmFile } from './codesets/icd10cm/sniff.js';
export { parseTable } from './codesets/icd10cm/table-parser.js';
export {
  NOTE_KINDS as TABULAR_NOTE_KINDS,
  type NoteKind as TabularNoteKind,
  type Notes as TabularNotes,
  type SevenChrDef,
  type SeventhCharacter as TabularSeventhCharacter,
  type TabularChapter,
  type TabularCode,
  type TabularIntroSection,
  type TabularList,
  type TabularSection,
} from './codesets/icd10cm/tabular-model.js';
export { parseTabular } from './codesets/icd10cm/tabular-parser.js';
export { writeIndex } from './codesets/icd10cm/write-index.js';
export { writeOrder } from './codesets/icd10cm/write-order.js';
export { SEVEN_CHR_DEF_NOTE, writeTabular } from './codesets/icd10cm/write-tabular.js';
export { importMue, type MueImportOptions, type MueImportReport } from './codesets/mue/import.js';
export { lookupMue, type MueAnswer } from './codesets/mue/lookup.js';
export { importPtp, type PtpImportOptions, type PtpImportReport } from './codesets/ncci/ptp-import.js';
export { checkPtpPair, type PtpPairCheck, type PtpPairEdit } from './codesets/ncci/ptp-lookup.js';
export * from './coding/index.js';
export * from './edits/index.js';
export * from './remits/index.js';
export { buildServer, type ServerOptions } from './server/app.js';
export * from './store/index.js';
export type * from './store/schema-billing.js';
export type * from './store/schema-procedures.js';
export type * from './store/schema-workflow.js';
export * from './terminology/index.js';
export { createUser, type PublicUser } from './workflow/accounts.js';
export { type AuditVerification, appendAudit, verifyAuditChain } from './workflow/audit.js';
export { type Engines, loadEngines, type WorkflowContext, workflowContext } from './workflow/context.js';
export { WorkflowError } from './workflow/errors.js';
export { seedWorkbench } from './workflow/seed.js';
export * from './x12/index.js';

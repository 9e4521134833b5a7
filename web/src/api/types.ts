/**
 * The HTTP API's shapes as the browser sees them. They mirror the server contract and the
 * engine's CodingResult (src/coding/types.ts) and scrubber Finding (src/edits/finding.ts); the
 * web build cannot import those modules (they pull in the store and Node), so they are restated
 * here, and the end-to-end tests against the real server keep the two honest.
 */

export type Role = 'admin' | 'supervisor' | 'coder' | 'auditor' | 'biller' | 'provider';

/** An action of the server's permission table (src/workflow/permissions.ts). */
export type Permission =
  | 'encounter.import'
  | 'encounter.suggest'
  | 'encounter.assign'
  | 'encounter.code'
  | 'encounter.complete'
  | 'encounter.scrub'
  | 'encounter.claim'
  | 'query.ask'
  | 'query.answer';

export interface User {
  id: number | string;
  username: string;
  role: Role;
  /** What the role may do, as the server's session says (login, /auth/me). */
  permissions?: Permission[];
}

export interface Session {
  user: User;
  csrfToken: string;
  permissions?: Permission[];
}

/** An account as the admin's users page lists it (GET /api/users). */
export interface Account {
  id: number;
  username: string;
  role: Role;
  active: boolean;
  /** ISO time while a lockout after failed logins is in force. */
  lockedUntil: string | null;
  failedLogins: number;
  createdAt: string;
  passwordChangedAt: string;
}

export const ROLES: readonly Role[] = ['admin', 'supervisor', 'coder', 'auditor', 'biller', 'provider'];

export const ENCOUNTER_STATES = [
  'new',
  'suggested',
  'in_review',
  'coded',
  'claim_built',
  'submitted',
  'paid',
  'denied',
  'corrected',
] as const;
export type EncounterState = (typeof ENCOUNTER_STATES)[number];

export interface EncounterSummary {
  id: number | string;
  patient: { displayName: string; age: number; sex: string };
  dateOfService: string;
  setting: string;
  payer: string;
  state: EncounterState;
  assignee: { id: number | string; username: string } | null;
  createdAt: string;
  /** Days since the date of service. */
  ageDays: number;
  codeCount: number;
  /** Physician queries waiting on a provider, and answers not yet closed. */
  queries?: { open: number; answered: number };
}

export interface EncounterList {
  items: EncounterSummary[];
  total: number;
  counts: Partial<Record<EncounterState, number>>;
}

export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
  section?: string;
}

export interface CodeRationale {
  indexPath: string[];
  tabularNotes: string[];
  guidelines: string[];
}

export interface CodeSuggestion {
  code: string;
  title: string;
  sequence: number;
  evidence: EvidenceSpan[];
  rationale: CodeRationale;
  confidence: number;
}

export interface EnginePhysicianQuery {
  element: string;
  question: string;
  affectedCodes: string[];
  evidence: EvidenceSpan[];
}

export interface CodingResult {
  codes: CodeSuggestion[];
  /** E/M, HCPCS and ICD-10-PCS lines (api/procedures.ts), when procedure coding ran. */
  procedures?: import('./procedures.js').ProcedureSuggestion[];
  queries: EnginePhysicianQuery[];
  warnings: string[];
  release: { fiscalYear: number };
}

export type SavedCodeStatus = 'accepted' | 'rejected' | 'replaced' | 'added';

export interface SavedCode {
  code: string;
  title: string;
  sequence: number;
  status: SavedCodeStatus;
  proposed: string | null;
  evidence: EvidenceSpan[];
}

export type QueryStatus = 'open' | 'answered' | 'closed' | 'withdrawn';

/** A physician query on the encounter, as the coder sees it. */
export interface StoredQuery {
  id: number | string;
  kind: 'template' | 'free-text';
  element: string;
  question: string;
  options: string[];
  affectedCodes: string[];
  evidence: EvidenceSpan[];
  status: QueryStatus;
  provider: string | null;
  askedBy: string | null;
  askedAt: string;
  answerOption: string | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
}

export interface Finding {
  rule: string;
  family: string;
  severity: 'error' | 'warning' | 'info';
  lines: number[];
  codes: string[];
  message: string;
  fix: string;
  data?: Record<string, unknown>;
}

export interface HistoryEntry {
  at: string;
  by: string | null;
  action: string;
  detail?: unknown;
}

export interface EncounterView {
  encounter: EncounterSummary;
  note: { text: string; format?: string };
  suggestion: CodingResult | null;
  codes: SavedCode[];
  queries: StoredQuery[];
  findings: Finding[];
  claim: { id: number | string; state: string } | null;
  /** The latest events (the server's VIEW_HISTORY); `historyTotal` counts them all. */
  history: HistoryEntry[];
  historyTotal?: number;
}

export interface HistoryPage {
  total: number;
  offset: number;
  events: HistoryEntry[];
}

export interface CodeSave {
  code: string;
  sequence: number;
  status: SavedCodeStatus;
  proposed: string | null;
}

export interface ClaimLineInput {
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  pointers: number[];
}

export interface SearchResult {
  code: string;
  title: string;
  billable: boolean;
  score: number;
  /** The text that matched best: a title, an inclusion term, or an Index path ("Attack › heart"). */
  matched: string;
  /** Where it matched, when the server says (`code`, `title`, `inclusionTerm`, `index`). */
  source?: string;
  /** The best Alphabetic Index path that reached the code, when one did. */
  path?: string | null;
}

export interface ClaimSummary {
  id: number | string;
  encounterId: number | string | null;
  patientControlNumber: string;
  payer: string;
  totalCents: number;
  state: string;
  updatedAt: string;
}

export interface ClaimHistoryEntry {
  at: string;
  by: string | null;
  from: string | null;
  to: string;
  reason?: string | null;
}

/** A service line of the stored claim model (src/claims/model.ts). */
export interface StoredClaimLine {
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  diagnosisPointers: number[];
  serviceDate: string;
}

export interface ClaimDetail {
  id: number | string;
  encounterId: number | string | null;
  state: string;
  patientControlNumber: string;
  payerClaimNumber: string | null;
  totalCents: number;
  /** The claim model; only the parts the page shows are typed. */
  claim: { diagnoses?: string[]; lines?: StoredClaimLine[]; placeOfService?: string } | null;
  history: ClaimHistoryEntry[];
  /** Payments held as possible duplicates, awaiting a biller's accept or reject. */
  heldPayments?: HeldPayment[];
}

export interface HeldPayment {
  postingId: number;
  claimId: number;
  patientControlNumber: string;
  payerClaimNumber: string;
  paidCents: number;
  /** Why it was held (the earlier payment it may repeat). */
  reason: string;
}

export interface RemitClaim {
  claimId: number | string | null;
  encounterId: number | string | null;
  patientControlNumber: string;
  outcome: string;
  paidCents: number;
  state: string;
}

export interface RemitResult {
  posted: number;
  alreadyPosted: boolean;
  claims: RemitClaim[];
  problems: string[];
  paidCents?: number;
}

export interface ScrubResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Edit families that could not run (e.g. no NCCI table loaded), with the reason. */
  skipped: string[];
}

export interface DenialLine {
  claimId: number | string;
  encounterId: number | string | null;
  patientControlNumber?: string;
  lineNumber?: number | null;
  code: string | null;
  amountCents: number;
  rarc: string[];
}

export interface DenialReason {
  carc: string;
  meaning: string;
  category?: string;
  count: number;
  totalCents: number;
  lines: DenialLine[];
}

export interface DenialGroup {
  group: 'CO' | 'PR' | 'OA' | 'PI' | string;
  label?: string;
  reasons: DenialReason[];
}

export const AGE_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '120+'] as const;

export interface Dashboard {
  coderThroughput: { username: string; coded7d: number }[];
  /** 0..1; null when the engine has proposed nothing yet. */
  acceptanceRate: number | null;
  proposedCodes?: number;
  claimsByState: Record<string, number>;
  /** rate 0..1 */
  denialRateByReason: { carc: string; rate: number }[];
  arByAge: { bucket: string; totalCents: number }[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

/** The Tabular List and the Alphabetic Index (src/terminology/tabular-page.ts, index-browse.ts). */
export interface BrowseNode {
  type: 'root' | 'chapter' | 'section' | 'code';
  id: string;
  /** `chapter:4`, `section:E08-E13`, `code:E11.9`; `''` for the root. */
  ref: string;
  title: string;
  billable?: boolean;
  hasChildren: boolean;
}

export type NoteKind =
  | 'inclusionTerm'
  | 'includes'
  | 'excludes1'
  | 'excludes2'
  | 'codeFirst'
  | 'useAdditionalCode'
  | 'codeAlso'
  | 'notes'
  | 'sevenChrNote';

export interface TabularNote {
  kind: NoteKind;
  text: string;
  from: { type: 'chapter' | 'section' | 'code'; id: string };
  inherited: boolean;
}

export interface SeventhCharacterRule {
  definedOn: string;
  characters: { char: string; meaning: string; notes?: string[] }[];
  notes?: string[];
}

export interface TabularPage {
  node: BrowseNode;
  breadcrumbs: BrowseNode[];
  children: BrowseNode[];
  notes: TabularNote[];
  inherited: TabularNote[];
  code: {
    billable: boolean;
    header: boolean;
    shortTitle: string | null;
    source: 'tabular' | 'derived';
    seventh: SeventhCharacterRule | null;
  } | null;
  release: { fiscalYear: number; label: string };
}

export type IndexKind = 'disease' | 'eindex';

export interface IndexTerm {
  id: number;
  level: number;
  title: string;
  nemod: string | null;
  code: string | null;
  manif: string | null;
  see: string | null;
  seeAlso: string | null;
  seeCategory: string | null;
  subcategory: string | null;
  subterms: number;
}

export interface IndexMainTerms {
  kind: IndexKind;
  release: { fiscalYear: number; label: string };
  prefix: string;
  terms: IndexTerm[];
  total: number;
}

export interface IndexTermPage {
  kind: IndexKind;
  release: { fiscalYear: number; label: string };
  term: IndexTerm;
  ancestors: IndexTerm[];
  children: IndexTerm[];
}

export interface IndexWalk {
  query: string;
  kind: IndexKind;
  matched: boolean;
  path: {
    title: string;
    nemod: string | null;
    level: number;
    code: string | null;
    via?: 'see' | 'seeAlso' | 'seeCategory';
    termId: number | null;
  }[];
  unmatched: string[];
  codes: { code: string; manif: string | null; complete: boolean }[];
  seeAlso: string[];
}

/** Why a code cannot be reported (the terminology's InvalidCode), with what to use instead. */
export interface CodeProblem {
  reason:
    | 'malformed'
    | 'header'
    | 'missing-seventh'
    | 'missing-placeholder'
    | 'unknown'
    | 'not-in-release'
    | string;
  message: string;
  billableDescendants?: { code: string; title: string }[];
  options?: { code: string; title: string }[];
  suggestion?: { code: string; title: string };
  closest?: { code: string; title: string }[];
  foundIn?: { fiscalYear: number; label: string; billable: boolean; title: string }[];
}

export interface TransitionItem {
  id: number;
  patient: { displayName: string };
  dateOfService: string;
  state: EncounterState;
  release: { fiscalYear: number; label: string; reason: string; outsideWindow: boolean };
  problems: {
    code: string;
    source: 'coded' | 'suggested';
    status: SavedCodeStatus | null;
    problem: CodeProblem;
  }[];
}

export interface TransitionsReport {
  items: TransitionItem[];
  total: number;
  checked: number;
}

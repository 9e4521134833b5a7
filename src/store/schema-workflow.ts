import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the workbench tables (migrations 030-031): accounts and sessions, encounters with
 * their notes, engine suggestions and coder codes, physician queries, the encounter history and
 * the hash-chained audit log. They extend `Database` by interface merging, like
 * schema-billing.ts. JSON columns are written as JSON text and read back parsed.
 */

type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type UserRole = 'admin' | 'supervisor' | 'coder' | 'auditor' | 'biller' | 'provider';

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: UserRole;
  active: Generated<boolean>;
  created_at: CreatedAt;
  /** Consecutive failed logins since the last success (migration 075). */
  failed_logins: Generated<number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AppSessionTable {
  /** sha256 of the cookie value: a leaked table does not hand out live sessions. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export type EncounterState =
  | 'new'
  | 'suggested'
  | 'in_review'
  | 'coded'
  | 'claim_built'
  | 'submitted'
  | 'paid'
  | 'denied'
  | 'corrected';

export interface EncounterTable {
  id: Generated<number>;
  patient_name: string;
  birth_date: string;
  sex: 'F' | 'M' | 'U';
  date_of_service: string;
  setting: 'outpatient' | 'inpatient';
  payer: string;
  place_of_service: string;
  state: EncounterState;
  assignee_id: number | null;
  note_text: string;
  note_format: string;
  /** The engine's last CodingResult (src/coding/types.ts), null until suggested. */
  suggestion: Json<unknown> | null;
  claim_id: number | null;
  /** Events in the encounter's history (encounter_event rows), kept by the statements adding them. */
  event_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type EncounterCodeStatus = 'accepted' | 'rejected' | 'replaced' | 'added';

export interface EncounterCodeTable {
  encounter_id: number;
  code: string;
  sequence: number;
  status: EncounterCodeStatus;
  /** What the engine proposed for this row (null for a code the coder added). */
  proposed: string | null;
  title: string;
  evidence: Json<unknown[]>;
  saved_by: number;
}

/** open (asked) → answered → closed; an open query may be withdrawn (migration 080). */
export type QueryStatus = 'open' | 'answered' | 'closed' | 'withdrawn';

/** The engine's query as a multiple-choice template, or a question the coder wrote. */
export type QueryKind = 'template' | 'free-text';

/** A note excerpt a query shows its provider (offsets into the encounter's note). */
export interface QueryEvidence {
  start: number;
  end: number;
  text: string;
  section?: string;
}

type Stamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PhysicianQueryTable {
  id: Generated<number>;
  encounter_id: number;
  kind: ColumnType<QueryKind, QueryKind | undefined, QueryKind>;
  element: string;
  question: string;
  /** The answer choices of a template query (empty for free text). */
  options: ColumnType<string[], string | undefined, string>;
  affected_codes: Json<string[]>;
  evidence: ColumnType<QueryEvidence[], string | undefined, string>;
  status: QueryStatus;
  /** The provider account the query is addressed to (null only for queries from before 080). */
  provider_id: number | null;
  /** The choice the provider picked (template queries). */
  answer_option: string | null;
  answer: string | null;
  created_by: number;
  created_at: CreatedAt;
  answered_by: number | null;
  answered_at: Stamp;
  /** Who closed or withdrew it, and when. */
  closed_by: number | null;
  closed_at: Stamp;
}

export interface EncounterEventTable {
  id: Generated<number>;
  encounter_id: number;
  user_id: number | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  detail: Json<unknown>;
  at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** ISO timestamp, written by the server so the hash covers exactly what is stored. */
  at: string;
  user_id: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** Canonical JSON text (not jsonb: jsonb reorders keys and the hash covers the text). */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface WorkflowTables {
  app_user: AppUserTable;
  app_session: AppSessionTable;
  encounter: EncounterTable;
  encounter_code: EncounterCodeTable;
  physician_query: PhysicianQueryTable;
  encounter_event: EncounterEventTable;
  audit_log: AuditLogTable;
}

declare module './schema.js' {
  interface Database extends WorkflowTables {}
}

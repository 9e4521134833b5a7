import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the billing tables (migrations 024-026, 041, 042, 090-092): claims and their
 * history, 837 batches with their control numbers (and files), posted remittances with what the
 * payer sent, write-offs and acknowledgements. They extend `Database` by interface merging, like
 * schema-procedures.ts. Money is integer cents (bigint columns, read back as numbers); JSON
 * columns are written as JSON text and read back parsed.
 */

type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, never, never>;

export type BillingClaimKind = 'professional' | 'institutional';

export interface X12ControlCounterTable {
  sender_id: string;
  last_number: number;
}

export interface ClaimBatchTable {
  id: Generated<number>;
  kind: BillingClaimKind;
  sender_id: string;
  receiver_id: string;
  interchange_control: number;
  group_control: number;
  set_control: number;
  file_name: string | null;
  sha256: string;
  claims: number;
  created_by: string;
  created_at: CreatedAt;
  /** The 837 as written (migration 090); NULL for batches written before it. */
  x12: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ClaimTable {
  id: Generated<number>;
  kind: BillingClaimKind;
  patient_control_number: string;
  payer_claim_number: string | null;
  frequency: '1' | '7' | '8';
  status: string;
  /** The claim model as validated (src/claims/model.ts). */
  claim: Json<unknown>;
  total_charge_cents: number;
  payer_id: string;
  replaces_claim_id: number | null;
  batch_id: number | null;
  /** The biller working the claim (migration 092). */
  assignee_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

export interface ClaimLineTable {
  claim_id: number;
  line_number: number;
  procedure_code: string;
  modifiers: Json<string[]>;
  charge_cents: number;
  units: number;
  service_date: string;
  line_control_number: string | null;
}

export interface ClaimTransitionTable {
  id: Generated<number>;
  claim_id: number;
  from_status: string | null;
  to_status: string;
  event: string;
  detail: Json<unknown>;
  reason: string | null;
  by_whom: string;
  at: CreatedAt;
}

export interface RemittanceTable {
  id: Generated<number>;
  sha256: string;
  file_name: string | null;
  format: '835' | 'fhir-eob';
  payer: string;
  trace_numbers: Json<string[]>;
  total_paid_cents: number;
  claims_posted: number;
  claims_skipped: number;
  unknown_claims: Json<string[]>;
  posted_by: string;
  posted_at: CreatedAt;
  /** Each payment (835 transaction) of the file (migration 091; [] before it). */
  payments: ColumnType<unknown, string | undefined, string>;
}

/** One remittance claim as the payer sent it (migration 091). */
export interface RemittanceClaimTable {
  id: Generated<number>;
  remittance_id: number;
  /** Order in the file. */
  position: number;
  /** Index into the remittance's payments. */
  payment: number;
  /** The claim_posting key this remittance claim posts (or posted) under. */
  posting_key: string;
  patient_control_number: string;
  payer_claim_number: string;
  status_code: string;
  charge_cents: number;
  paid_cents: number;
  patient_responsibility_cents: number;
  detail: Json<unknown>;
}

/** An amount the practice gave up on a claim, with why (migration 092). */
export interface ClaimWriteOffTable {
  id: Generated<number>;
  claim_id: number;
  amount_cents: number;
  reason: string;
  note: string | null;
  by_whom: string;
  at: CreatedAt;
}

export interface ClaimPostingTable {
  id: Generated<number>;
  key: string;
  remittance_id: number;
  claim_id: number;
  outcome: 'paid' | 'partially_paid' | 'denied' | 'reversal';
  payer_claim_number: string;
  paid_cents: number;
  patient_responsibility_cents: number;
  claim_adjustments: Json<unknown>;
  /** 'held': a possible duplicate payment awaiting a biller (migration 041). */
  status: ColumnType<'posted' | 'held' | 'rejected', 'posted' | 'held' | 'rejected' | undefined>;
  /** The planned line postings of a held payment, written when it is accepted. */
  held_plan: ColumnType<unknown, string | null | undefined, string | null>;
  hold_reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution_note: string | null;
}

export interface ClaimScrubOverrideTable {
  id: Generated<number>;
  claim_id: number;
  claim_sha256: string;
  stage: 'validate' | 'submit';
  rules: Json<string[]>;
  reason: string;
  by_whom: string;
  at: CreatedAt;
}

export interface LinePostingTable {
  id: Generated<number>;
  claim_posting_id: number;
  claim_id: number;
  line_number: number | null;
  match_method: string;
  paid_cents: number;
  contractual_cents: number;
  patient_cents: number;
  denied: boolean;
}

export interface LineDenialTable {
  id: Generated<number>;
  line_posting_id: number;
  claim_id: number;
  line_number: number | null;
  group_code: string;
  carc: string;
  rarcs: Json<string[]>;
  amount_cents: number;
}

export interface AckFileTable {
  id: Generated<number>;
  sha256: string;
  file_name: string | null;
  applied_by: string;
  applied_at: CreatedAt;
}

export interface AcknowledgementTable {
  id: Generated<number>;
  ack_file_id: number;
  kind: '999' | '277CA';
  batch_id: number | null;
  claim_id: number | null;
  /** What the acknowledgement named: GS06/ST02 for a 999, CLM01 for a 277CA. */
  reference: string;
  status: string;
  reasons: Json<string[]>;
  /** False when the claim's state did not allow the move (e.g. a late 999 after payment). */
  applied: boolean;
  note: string | null;
}

export interface BillingTables {
  x12_control_counter: X12ControlCounterTable;
  claim_batch: ClaimBatchTable;
  claim: ClaimTable;
  claim_line: ClaimLineTable;
  claim_transition: ClaimTransitionTable;
  remittance: RemittanceTable;
  remittance_claim: RemittanceClaimTable;
  claim_write_off: ClaimWriteOffTable;
  claim_posting: ClaimPostingTable;
  claim_scrub_override: ClaimScrubOverrideTable;
  line_posting: LinePostingTable;
  line_denial: LineDenialTable;
  ack_file: AckFileTable;
  acknowledgement: AcknowledgementTable;
}

declare module './schema.js' {
  interface Database extends BillingTables {}
}

import type { ColumnType } from 'kysely';

/** Row type of the coder's procedure lines (migration 110), merged into `Database`. */

type Json<T> = ColumnType<T, string, string>;

export type ProcedureSystem = 'CPT' | 'HCPCS' | 'ICD-10-PCS';
export type ProcedureLineStatus = 'accepted' | 'rejected' | 'replaced' | 'added';

export interface EncounterProcedureTable {
  encounter_id: number;
  line: number;
  system: ProcedureSystem;
  code: string;
  status: ProcedureLineStatus;
  /** What the engine proposed for this line (null for a line the coder added). */
  proposed: string | null;
  title: string;
  units: number;
  modifiers: Json<string[]>;
  /** Dotted ICD-10-CM codes the line points to, in order (at most 4). */
  pointers: Json<string[]>;
  evidence: Json<unknown[]>;
  saved_by: number;
}

declare module './schema.js' {
  interface Database {
    encounter_procedure: EncounterProcedureTable;
  }
}

import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the coding-quality audit tables (migrations 085-086): samples, their items (the
 * coder's codes as drawn, the auditor's blind re-coding) and the auditor's classification of
 * each variance. They extend `Database` by interface merging, like schema-workflow.ts.
 */

type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** A code as an audit keeps it: the Tabular's dotted form and its title on the date of service. */
export interface QaCode {
  code: string;
  title: string;
}

export interface QaSampleTable {
  id: Generated<number>;
  created_by: number;
  auditor_id: number;
  /** The SampleCriteria the sample was drawn with (workflow/qa/population.ts). */
  criteria: Json<unknown>;
  seed: string;
  population: number;
  population_sha256: string;
  /** Encounters that matched but were coded by the auditor, left out. */
  excluded_own: number;
  created_at: CreatedAt;
}

export interface QaItemTable {
  id: Generated<number>;
  sample_id: number;
  /** Rank in the draw, from 1 (the order the seed put the encounters in). */
  position: number;
  encounter_id: number;
  coder_id: number;
  date_of_service: string;
  coded_at: ColumnType<Date, Date | string, never>;
  charge_cents: number | null;
  /** The coder's final codes, principal / first-listed first. */
  coder_codes: Json<QaCode[]>;
  auditor_codes: Json<QaCode[]> | null;
  submitted_at: ColumnType<Date | null, never, Date | string>;
}

export type VarianceKind =
  | 'wrong_code'
  | 'specificity'
  | 'missing_code'
  | 'extra_code'
  | 'sequencing'
  | 'other';

export interface QaVarianceTable {
  item_id: number;
  key: string;
  kind: VarianceKind;
  comment: string;
  classified_by: number;
  classified_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface QaTables {
  qa_sample: QaSampleTable;
  qa_item: QaItemTable;
  qa_variance: QaVarianceTable;
}

declare module './schema.js' {
  interface Database extends QaTables {}
}

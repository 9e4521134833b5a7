import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the ICD-10-PCS tables (migration 100). They extend `Database` by interface merging,
 * like schema-procedures.ts; modules that query them import this file for its types.
 */

export type PcsFileKind = 'order' | 'codes';

export interface Icd10pcsReleaseTable {
  id: Generated<number>;
  fiscal_year: number;
  effective_from: string;
  effective_to: string;
  label: string;
  codes: number;
  tables: number;
  /** Which version of the label derivation ran, and how many labels it found each way (title-diff, sibling, none, ...). */
  derivation: ColumnType<{ version: number; counts: Record<string, number> }, string, string>;
  imported_at: ColumnType<Date, never, never>;
}

export interface Icd10pcsReleaseFileTable {
  release_id: number;
  kind: PcsFileKind;
  file_name: string;
  sha256: string;
  bytes: number;
}

export interface Icd10pcsTableTable {
  release_id: number;
  table_code: string;
  seq: number;
  title: string;
}

export interface Icd10pcsCodeTable {
  release_id: number;
  code: string;
  seq: number;
  short_title: string;
  long_title: string;
}

export interface Icd10pcsLabelTable {
  release_id: number;
  context: string;
  position: number;
  value: string;
  label: string;
  derivation: string;
}

export interface PcsTables {
  icd10pcs_release: Icd10pcsReleaseTable;
  icd10pcs_release_file: Icd10pcsReleaseFileTable;
  icd10pcs_table: Icd10pcsTableTable;
  icd10pcs_code: Icd10pcsCodeTable;
  icd10pcs_label: Icd10pcsLabelTable;
}

declare module './schema.js' {
  interface Database extends PcsTables {}
}

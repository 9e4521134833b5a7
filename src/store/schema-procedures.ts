import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the procedure-side code sets (HCPCS Level II, CPT from the user's licensed file,
 * NCCI PTP edits, MUE tables). They extend `Database` by interface merging, so every Kysely
 * handle sees them once this module is loaded (src/store/index.ts re-exports it). Dates are ISO
 * `YYYY-MM-DD` strings; a release row is the version key (effective date) of one imported file set.
 */

export type MueService = 'practitioner' | 'outpatient' | 'dme';
export type PtpSetting = 'practitioner' | 'outpatient';

export interface HcpcsReleaseTable {
  id: Generated<number>;
  effective_from: string;
  label: string;
  file_name: string;
  sha256: string;
  codes: number;
  modifiers: number;
  imported_at: ColumnType<Date, never, never>;
}

export interface HcpcsCodeTable {
  release_id: number;
  code: string;
  long_description: string;
  short_description: string;
  pricing_indicators: string;
  coverage_code: string | null;
  betos: string | null;
  type_of_service: string | null;
  added_date: string | null;
  action_effective_date: string | null;
  termination_date: string | null;
  action_code: string | null;
}

export interface HcpcsModifierTable {
  release_id: number;
  modifier: string;
  long_description: string;
  short_description: string;
  added_date: string | null;
  action_effective_date: string | null;
  termination_date: string | null;
  action_code: string | null;
}

export interface MueReleaseTable {
  id: Generated<number>;
  service: MueService;
  effective_from: string;
  file_name: string;
  sha256: string;
  rows: number;
  imported_at: ColumnType<Date, never, never>;
}

export interface MueValueTable {
  release_id: number;
  code: string;
  mue: number;
  mai: number;
  rationale: string;
}

export interface NcciPtpReleaseTable {
  id: Generated<number>;
  setting: PtpSetting;
  effective_from: string;
  version: string;
  imported_at: ColumnType<Date, never, never>;
}

export interface NcciPtpReleaseFileTable {
  release_id: number;
  part: string;
  file_name: string;
  sha256: string;
  rows: number;
  imported_at: ColumnType<Date, never, never>;
}

export interface NcciPtpEditTable {
  release_id: number;
  part: string;
  column1: string;
  column2: string;
  prior_1996: boolean;
  effective_date: string;
  deletion_date: string | null;
  modifier_indicator: number;
  rationale: string;
}

export interface CptReleaseTable {
  id: Generated<number>;
  effective_from: string;
  label: string;
  file_name: string;
  sha256: string;
  codes: number;
  imported_at: ColumnType<Date, never, never>;
}

export interface CptCodeTable {
  release_id: number;
  code: string;
  short_descriptor: string;
  long_descriptor: string;
}

export interface ProcedureTables {
  hcpcs_release: HcpcsReleaseTable;
  hcpcs_code: HcpcsCodeTable;
  hcpcs_modifier: HcpcsModifierTable;
  mue_release: MueReleaseTable;
  mue_value: MueValueTable;
  ncci_ptp_release: NcciPtpReleaseTable;
  ncci_ptp_release_file: NcciPtpReleaseFileTable;
  ncci_ptp_edit: NcciPtpEditTable;
  cpt_release: CptReleaseTable;
  cpt_code: CptCodeTable;
}

declare module './schema.js' {
  interface Database extends ProcedureTables {}
}

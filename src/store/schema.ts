import type { ColumnType, Generated } from 'kysely';

/** Row types of every table, as Kysely sees them. Dates are ISO `YYYY-MM-DD` strings. */

/**
 * `codes`: the CDC codes file (codes valid for submission and long titles only), kept in
 * icd10cm_order with its headers derived. `addenda`: the codes addenda (changes from the
 * previous fiscal year), kept in icd10cm_addenda.
 */
export type Icd10cmFileKind =
  | 'tabular'
  | 'order'
  | 'codes'
  | 'addenda'
  | 'index'
  | 'eindex'
  | 'drug'
  | 'neoplasm';
export type Icd10cmIndexKind = 'disease' | 'eindex' | 'drug' | 'neoplasm';
export type Icd10cmNoteOwner = 'chapter' | 'section' | 'code';

export interface Icd10cmReleaseTable {
  id: Generated<number>;
  fiscal_year: number;
  effective_from: string;
  effective_to: string;
  label: string;
  imported_at: ColumnType<Date, never, never>;
}

export interface Icd10cmReleaseFileTable {
  release_id: number;
  kind: Icd10cmFileKind;
  file_name: string;
  sha256: string;
  bytes: number;
  counts: ColumnType<Record<string, number>, string, string>;
  imported_at: ColumnType<Date, never, never>;
}

export interface Icd10cmChapterTable {
  release_id: number;
  num: number;
  title: string;
  first_code: string | null;
  last_code: string | null;
}

export interface Icd10cmSectionTable {
  release_id: number;
  id: string;
  chapter_num: number;
  seq: number;
  title: string;
}

export interface Icd10cmCodeTable {
  release_id: number;
  code: string;
  parent: string | null;
  chapter_num: number;
  section_id: string;
  depth: number;
  seq: number;
  title: string;
  source: 'tabular' | 'derived';
  billable_derived: boolean;
}

export interface Icd10cmNoteTable {
  release_id: number;
  owner_type: Icd10cmNoteOwner;
  owner: string;
  kind: string;
  seq: number;
  text: string;
}

export interface Icd10cmSeventhTable {
  release_id: number;
  code: string;
  char: string;
  meaning: string;
}

export interface Icd10cmOrderTable {
  release_id: number;
  code: string;
  order_no: number;
  billable: boolean;
  short_title: string;
  long_title: string;
}

export interface Icd10cmAddendaTable {
  release_id: number;
  seq: number;
  action: 'add' | 'delete' | 'revise';
  code: string;
  title: string;
  previous_title: string | null;
}

export interface Icd10cmIndexTermTable {
  release_id: number;
  kind: Icd10cmIndexKind;
  id: number;
  parent_id: number | null;
  level: number;
  letter: string;
  title: string;
  nemod: string | null;
  code: string | null;
  manif: string | null;
  see: string | null;
  see_also: string | null;
  see_cat: string | null;
  subcat: string | null;
}

export interface Icd10cmIndexCellTable {
  release_id: number;
  kind: Icd10cmIndexKind;
  term_id: number;
  col: number;
  code: string;
}

export interface Icd10cmTableHeadingTable {
  release_id: number;
  kind: Icd10cmIndexKind;
  col: number;
  head: string;
}

export interface Database {
  icd10cm_release: Icd10cmReleaseTable;
  icd10cm_release_file: Icd10cmReleaseFileTable;
  icd10cm_chapter: Icd10cmChapterTable;
  icd10cm_section: Icd10cmSectionTable;
  icd10cm_code: Icd10cmCodeTable;
  icd10cm_note: Icd10cmNoteTable;
  icd10cm_seventh: Icd10cmSeventhTable;
  icd10cm_order: Icd10cmOrderTable;
  icd10cm_addenda: Icd10cmAddendaTable;
  icd10cm_index_term: Icd10cmIndexTermTable;
  icd10cm_index_cell: Icd10cmIndexCellTable;
  icd10cm_table_heading: Icd10cmTableHeadingTable;
}

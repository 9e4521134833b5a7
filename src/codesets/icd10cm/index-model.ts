import type { Icd10cmIndexKind } from '../../store/schema.js';

/**
 * The ICD-10-CM Alphabetic Index family as parsed from the CDC/CMS XML: the Index to Diseases and
 * Injuries (`disease`), the External Cause of Injuries Index (`eindex`), the Table of Drugs and
 * Chemicals (`drug`) and the Neoplasm Table (`neoplasm`). All four share one schema: letter →
 * mainTerm → term level=1..n, the two tables adding column headings and `cell`s per term.
 *
 * Each term element carries at most one `code`, `manif`, `see`, `seeAlso`, `seecat` and `subcat`
 * (both XSDs say maxOccurs=1, and none of the FY2023/FY2025 files repeats one), so each is a
 * single string here; a file that repeats one is rejected rather than silently losing text.
 */
export type IndexKind = Icd10cmIndexKind;

/** A table cell with a code (`--` / `-` cells, printed where a column has no code, are dropped). */
export interface IndexCell {
  /** Column number as in `indexHeading` (2..7 in the CDC tables; column 1 is the term itself). */
  col: number;
  /** Code as printed; a trailing `-` means more characters are needed (C50.9-, D05.-). */
  code: string;
}

export interface IndexTerm {
  /** 1-based document order within the file: stable, and parents always precede children. */
  id: number;
  /** Enclosing term's id; null for a main term. */
  parentId: number | null;
  /** 0 for a main term, else the `level` attribute (always parent's level + 1). */
  level: number;
  /** Title of the enclosing `letter` ("A", "#" …). */
  letter: string;
  /**
   * Title without the nonessential modifiers: "Abasia", "vein NEC", "enteritis" for
   * "(gastro)enteritis". Empty when the whole title is a modifier (FY2023 "Shock, electric" →
   * "(taser)"); `nemod` is then set.
   */
  title: string;
  /** Nonessential modifiers as printed, parentheses included: "(-astasia) (hysterical)". */
  nemod: string | null;
  code: string | null;
  /** Manifestation code printed in brackets after the code (etiology/manifestation pair). */
  manif: string | null;
  /** "see" cross-reference: the term to look up instead. */
  see: string | null;
  /** "see also" cross-reference: another term that may also apply. */
  seeAlso: string | null;
  /** "see category" reference (a category code such as T71). */
  seeCat: string | null;
  /** Subcategory reference (e.g. "T36.9", "M80.0A-"). */
  subcat: string | null;
  /** Table cells with codes, in document order; empty for the two indexes. */
  cells: IndexCell[];
}

/** A column heading of a table (`head col="n"`). */
export interface TableHeading {
  col: number;
  head: string;
}

export interface IndexFile {
  kind: IndexKind;
  /** Text of `<version>` (the fiscal year, "2025"); undefined when the file has none (the XSD allows that). */
  version: string | undefined;
  /** Document title ("ICD-10-CM INDEX TO DISEASES and INJURIES"); undefined for the tables, which have none. */
  title: string | undefined;
  /** Column headings, ordered by column; empty for the two indexes. */
  headings: TableHeading[];
  /** Every mainTerm and term, in document order (`terms[i].id === i + 1`). */
  terms: IndexTerm[];
}

/** Cell texts that mean "no code in this column": `--` in the Drug table, `-` in the Neoplasm table. */
export const NO_CODE_CELLS: ReadonlySet<string> = new Set(['--', '-']);

/**
 * Which member of the family a file is, from what precedes its first letter: the tables have
 * column headings (the Drug table's first column is "Substance" and the rest are poisoning,
 * adverse effect and underdosing; the Neoplasm table's are "Neoplasm" then malignant, in situ,
 * benign … behaviours), the External Cause Index says so in its title. Undefined for headings
 * that match neither table, so an unknown table is never mistaken for one we know.
 */
export function indexKindOf(title: string | undefined, headings: readonly string[]): IndexKind | undefined {
  if (headings.length === 0)
    return title !== undefined && /external\s+cause/i.test(title) ? 'eindex' : 'disease';
  const all = headings.join('\n');
  if (/^\s*substance\b/im.test(all) || /poisoning|adverse effect|underdosing/i.test(all)) return 'drug';
  if (/^\s*neoplasm\b/im.test(all) || /malignant/i.test(all)) return 'neoplasm';
  return undefined;
}

import type { Icd10cmFileKind } from '../store/schema.js';
import type { AlphabeticIndex } from './alphabetic-index.js';
import type { ReleaseCodes } from './release-codes.js';
import type { ReleaseDiff } from './release-diff.js';

/**
 * Public types of the ICD-10-CM terminology service. The service is loaded once from the store
 * (`loadTerminology`) and then answers from memory: the coding engine and the claim scrubber call
 * `lookup` / `validate` in hot loops, coders call `search` / `indexLookup` interactively.
 * Everything returned is plain data (JSON-serialisable) and must be treated as read-only.
 */

/** An ISO `YYYY-MM-DD` date. */
export type IsoDate = string;

/** One imported release and the kinds of file it holds (a release may be partial). */
export interface ReleaseInfo {
  id: number;
  fiscalYear: number;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate;
  label: string;
  files: readonly Icd10cmFileKind[];
}

/**
 * Why a release was chosen for a question:
 * - `date`: its effective window contains the date of service;
 * - `before-date`: no loaded release covers the date, so the newest one that started before it
 *   (or, when none did, the oldest one) — callers should flag the answer as approximate;
 * - `fiscal-year`: asked for explicitly;
 * - `default`: no date given — the newest release with both tabular and index (the "complete
 *   pair"), else the newest with a tabular or order file;
 * - `newest-with-file`: index and table questions go to the newest release that has the file.
 */
export type ReleaseReason = 'date' | 'before-date' | 'fiscal-year' | 'default' | 'newest-with-file';

export interface ReleaseChoice {
  release: ReleaseInfo;
  reason: ReleaseReason;
  /** True when the date of service lies outside the chosen release's effective window. */
  outsideWindow: boolean;
}

/** Which release answers which kind of question (null when no loaded release has the file). */
export interface ReleaseSelection {
  /** Codes, titles, billable flags, notes, 7th characters. */
  codes: ReleaseChoice;
  /** Alphabetic Index (disease). */
  index: ReleaseChoice | null;
  /** External Cause Index. */
  eindex: ReleaseChoice | null;
  drug: ReleaseChoice | null;
  neoplasm: ReleaseChoice | null;
}

export interface LoadTerminologyOptions {
  /** Date of service: picks the codes release whose effective window contains it. */
  date?: IsoDate;
  /** Explicit fiscal year for the codes release (wins over `date`). */
  fiscalYear?: number;
  /**
   * When to build the search index (titles, inclusion terms and Index paths; ~0.5 s of CPU on a
   * full release): `'first-use'` (default) on the first `search` call, so services that only
   * look up and validate (the coding engine, the claim scrubber) start faster; `'load'` during
   * loading, so the first search is as fast as the rest (interactive servers).
   */
  searchIndex?: 'load' | 'first-use';
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

/** Where a note is attached in the Tabular List. */
export interface NoteOwner {
  type: 'chapter' | 'section' | 'code';
  /** Chapter number as a string, section id (e.g. `E08-E13`) or dotted code. */
  id: string;
}

/** A Tabular note in effect for a code: its own, or inherited from an ancestor, section or chapter. */
export interface EffectiveNote {
  kind: NoteKind;
  text: string;
  from: NoteOwner;
  inherited: boolean;
}

export interface ChapterRef {
  num: number;
  title: string;
  firstCode: string | null;
  lastCode: string | null;
}

export interface SectionRef {
  id: string;
  title: string;
  chapterNum: number;
}

/** A code with its title and flags, as used in lists. */
export interface CodeRef {
  code: string;
  title: string;
  billable: boolean;
}

export interface SeventhCharacter {
  char: string;
  meaning: string;
  /**
   * Notes the Tabular lists under this character inside the `sevenChrDef` (e.g. for B on S72:
   * "initial encounter for open fracture NOS"). Absent when there are none.
   */
  notes?: readonly string[];
}

/** The 7th characters allowed for a code and the ancestor whose `sevenChrDef` defines them. */
export interface SeventhCharacterRule {
  definedOn: string;
  characters: readonly SeventhCharacter[];
  /** Notes of the definition as a whole (not under one character), if any. */
  notes?: readonly string[];
}

export interface CodeDetails {
  /** Dotted, upper-case code, e.g. `E11.65`. */
  code: string;
  title: string;
  /** Order-file short title when the release has an order file. */
  shortTitle: string | null;
  /** Valid for submission (order file flag when present, else derived from the Tabular). */
  billable: boolean;
  /** True for a category or subcategory with children (not reportable as such). */
  header: boolean;
  /** `derived` = a 7th-character expansion not spelled out in the Tabular XML. */
  source: 'tabular' | 'derived';
  chapter: ChapterRef;
  section: SectionRef;
  /** From the 3-character category down to the parent (excludes the code itself). */
  ancestors: readonly CodeRef[];
  children: readonly CodeRef[];
  /** Own notes first, then inherited ones from the nearest ancestor up to the chapter. */
  notes: readonly EffectiveNote[];
  /** Present when codes in this subtree take a 7th character. */
  seventh: SeventhCharacterRule | null;
  release: { fiscalYear: number; label: string };
}

export type BrowseNodeType = 'root' | 'chapter' | 'section' | 'code';

export interface BrowseNode {
  type: BrowseNodeType;
  /** Chapter number as a string, section id, or dotted code; `''` for the root. */
  id: string;
  /**
   * Unambiguous `browse` target for this node: `chapter:4`, `section:E08-E13`, `code:E11`
   * (`''` for the root). Needed because some section ids equal a code (`C50`).
   */
  ref: string;
  title: string;
  /** Codes only. */
  billable?: boolean;
  hasChildren: boolean;
}

export interface BrowseResult {
  node: BrowseNode;
  /** Chapter → sections → categories → subcategories …, in Tabular order. */
  children: readonly BrowseNode[];
}

export interface ValidateOptions {
  /** Date of service; picks the release to validate against (default: the loaded codes release). */
  date?: IsoDate;
}

/** Why a code cannot be reported. */
export type InvalidCode =
  | { reason: 'malformed'; message: string }
  | {
      reason: 'header';
      message: string;
      /** The first billable descendants in Tabular order, capped. */
      billableDescendants: readonly CodeRef[];
      billableDescendantCount: number;
    }
  | {
      reason: 'missing-seventh';
      message: string;
      /** Complete, reportable codes (e.g. `T51.3X1A`, `T51.3X1D`, `T51.3X1S`). */
      options: readonly CodeRef[];
    }
  | {
      reason: 'missing-placeholder';
      message: string;
      /** The code with placeholder `X` inserted (e.g. `T51.31A` → `T51.3X1A`). */
      suggestion: CodeRef;
    }
  | {
      reason: 'unknown';
      message: string;
      /** Closest codes by edit distance on the code, preferring the same category. */
      closest: readonly CodeRef[];
    }
  | {
      reason: 'not-in-release';
      message: string;
      /** Other loaded releases in which the code exists. */
      foundIn: ReadonlyArray<{ fiscalYear: number; label: string; billable: boolean; title: string }>;
    };

export type InvalidReason = InvalidCode['reason'];

export interface CodeValidation {
  /** The input exactly as given. */
  input: string;
  /** Dotted upper-case form, or null when the input is not shaped like a code. */
  code: string | null;
  /** True when the code exists and is billable in the release used. */
  valid: boolean;
  title: string | null;
  release: ReleaseChoice;
  /** Present when `valid` is false. */
  problem?: InvalidCode;
}

export interface SearchOptions {
  /** Maximum hits (default 20). */
  limit?: number;
  /** Only billable codes. */
  billableOnly?: boolean;
}

/** Where a search hit matched. */
export type SearchSource = 'code' | 'title' | 'inclusionTerm' | 'index';

export interface SearchHit {
  code: string;
  title: string;
  billable: boolean;
  score: number;
  /** The text that matched best (a title, an inclusion term, or an Index path). */
  matched: string;
  /** `code` when the query was the code or a prefix of it. */
  source: SearchSource;
  /** The best Alphabetic Index path that reached the code ("Attack › heart › see Infarct, myocardium"), if any did. */
  path: string | null;
  /** Set when the code is only in a release newer than the Tabular searched (its label). */
  release?: string;
}

/** One step of an Alphabetic Index walk. */
export interface IndexStep {
  title: string;
  /** Nonessential modifiers shown in parentheses, if any. */
  nemod: string | null;
  /** 0 = main term, 1.. = subterm level. */
  level: number;
  code: string | null;
  /** Set on the step reached by following a cross reference. */
  via?: 'see' | 'seeAlso' | 'seeCategory';
}

export interface IndexCode {
  code: string;
  /** The manifestation code printed in brackets after it, if any. */
  manif: string | null;
  /** False when the Index code ends with `-`, or is a header in the Tabular. */
  complete: boolean;
  /** For an incomplete code: the billable codes under it in the Tabular (capped). */
  completions: readonly CodeRef[];
  completionCount: number;
}

/** Which index a walk uses: the Alphabetic Index of diseases and injuries, or the External Cause Index. */
export type WalkableIndexKind = 'disease' | 'eindex';

export interface IndexLookupOptions {
  /** Default `disease`. */
  kind?: WalkableIndexKind;
}

export interface IndexLookupResult {
  query: string;
  /** The index walked (absent in results from older versions: `disease`). */
  kind?: WalkableIndexKind;
  /** True when every part of the query matched a term. */
  matched: boolean;
  path: readonly IndexStep[];
  /** Parts of the query that no subterm matched (the walk stops at the last matched term). */
  unmatched: readonly string[];
  codes: readonly IndexCode[];
  /** Cross references met on the way that were not followed automatically. */
  seeAlso: readonly string[];
  release: { fiscalYear: number; label: string } | null;
}

export interface NeoplasmCodes {
  malignantPrimary: string | null;
  malignantSecondary: string | null;
  inSitu: string | null;
  benign: string | null;
  uncertain: string | null;
  unspecified: string | null;
}

export interface DrugCodes {
  poisoningAccidental: string | null;
  poisoningIntentional: string | null;
  poisoningAssault: string | null;
  poisoningUndetermined: string | null;
  adverseEffect: string | null;
  underdosing: string | null;
}

export interface TableLookupResult<Codes> {
  query: string;
  matched: boolean;
  path: readonly IndexStep[];
  unmatched: readonly string[];
  /** The row of the deepest matched term (inheriting nothing: empty cells stay null). */
  codes: Codes;
  /** Cross reference on the row (e.g. "see also Neoplasm, skin"), if any. */
  see: string | null;
  release: { fiscalYear: number; label: string };
}

/** How long `loadTerminology` took, split into waiting for the database and building in memory. */
export interface LoadTimings {
  /** Wall-clock milliseconds from the call to the service being ready. */
  totalMs: number;
  /** Reading the tables (the queries run together). */
  queryMs: number;
  /** Building the tree, the code lists and the Alphabetic Indexes. */
  buildMs: number;
  /** Building the search index during loading; null when deferred to the first search. */
  searchIndexMs: number | null;
}

/** The in-memory terminology service: immutable after load, safe to share. */
export interface Icd10cmTerminology {
  readonly selection: ReleaseSelection;
  /** Load timings, when the service came from `loadTerminology`. */
  readonly loadTimings?: LoadTimings;
  /** Every imported release, oldest first. */
  readonly releases: readonly ReleaseInfo[];
  /** Code details, or null when the code does not exist in the codes release. */
  lookup(code: string): CodeDetails | null;
  /**
   * Children of a code, chapter number or section id; no argument = the chapters. Null if unknown.
   * `chapter:N`, `section:ID` and `code:CODE` name the kind explicitly (a bare id that is both a
   * section and a code, such as `C50`, means the code); each node's `ref` is in that form.
   */
  browse(target?: string | number): BrowseResult | null;
  validate(codes: readonly string[], options?: ValidateOptions): CodeValidation[];
  /** Codes added, deleted and retitled from one fiscal year's release to another's ("FY2023 → FY2026"). */
  diff(fromFiscalYear: number, toFiscalYear: number): ReleaseDiff;
  /**
   * The code list in effect on a date of service (from whichever release lists codes: a Tabular,
   * an order file or the CDC codes file), with how it was chosen (`outsideWindow` when the date
   * is outside every imported release).
   */
  codesOn(date: IsoDate): { choice: ReleaseChoice; codes: ReleaseCodes };
  search(text: string, options?: SearchOptions): SearchHit[];
  /** The disease or External Cause Index tree itself (read-only), for browsing; null when not imported. */
  alphabeticIndex(kind: 'disease' | 'eindex'): AlphabeticIndex | null;
  /** Walks the Alphabetic Index ("Fracture, femur, neck"), or the External Cause Index with `kind: 'eindex'`. */
  indexLookup(path: string, options?: IndexLookupOptions): IndexLookupResult;
  /** Walks the External Cause Index ("Fall, from, bed" → W06); same as `indexLookup(path, { kind: 'eindex' })`. */
  eindexLookup(path: string): IndexLookupResult;
  /**
   * Neoplasm Table row for a site ("breast, upper-outer quadrant"; a leading "Neoplasm," is
   * optional). Null when not even the first part matches; throws TerminologyError when no loaded
   * release has the table.
   */
  neoplasmLookup(site: string): TableLookupResult<NeoplasmCodes> | null;
  /** Table of Drugs and Chemicals row ("Insulin" , "Acetaminophen"); same contract as above. */
  drugLookup(substance: string): TableLookupResult<DrugCodes> | null;
}

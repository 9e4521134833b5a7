/**
 * The ICD-10-CM Tabular List as parsed from the CMS/NCHS XML, kept in the file's own shape
 * (chapter → section → category → subcategory → code) because coders rely on it: notes on a
 * node apply to everything below it, and the 7th-character definition of a category applies
 * to every code in its subtree.
 */

/** The instructional note kinds a chapter, section or code can carry, in the XML's names. */
export const NOTE_KINDS = [
  'inclusionTerm',
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
  'sevenChrNote',
] as const;

export type NoteKind = (typeof NOTE_KINDS)[number];

/** Notes by kind, each list in file order. Kinds a node does not carry are absent. */
export type Notes = Partial<Record<NoteKind, string[]>>;

/** One allowed 7th character (`<extension char="A">initial encounter</extension>`). */
export interface SeventhCharacter {
  char: string;
  meaning: string;
  /** Notes listed under this character inside the definition (e.g. "initial encounter for open fracture NOS"). */
  notes: string[];
}

/** A `<sevenChrDef>`: the 7th characters allowed for every code below its owner. */
export interface SevenChrDef {
  extensions: SeventhCharacter[];
  /** Notes that precede the first extension (none in the CMS releases seen so far). */
  notes: string[];
}

export interface TabularChapter {
  /** Chapter number (1–22). */
  num: number;
  /** The chapter's `<desc>`, verbatim, e.g. "Certain infectious and parasitic diseases (A00-B99)". */
  title: string;
  notes: Notes;
  sevenChrDef?: SevenChrDef;
  /** First and last category (3-character code) of the chapter in tabular order. */
  firstCode?: string;
  lastCode?: string;
}

export interface TabularSection {
  /** The section's `id` attribute, e.g. "A00-A09". */
  id: string;
  chapterNum: number;
  /** Position of the section in the whole tabular (0-based). */
  seq: number;
  /** The section's `<desc>`, verbatim, e.g. "Intestinal infectious diseases (A00-A09)". */
  title: string;
  notes: Notes;
  sevenChrDef?: SevenChrDef;
}

export interface TabularCode {
  /** With the dot, as in the XML: "E11.65". */
  code: string;
  /** The enclosing code, or null for a 3-character category. */
  parent: string | null;
  chapterNum: number;
  sectionId: string;
  /** 1 = 3-character category, 2 = 4 characters, … (characters without the dot − 2). */
  depth: number;
  /** Preorder position in the tabular (0-based). */
  seq: number;
  title: string;
  notes: Notes;
  sevenChrDef?: SevenChrDef;
  /** `placeholder="true"`: the code holds an X placeholder (H21.1X, S06.0X). */
  placeholder: boolean;
  /** Whether nested `<diag>` elements follow (a header in the order file's terms). */
  hasChildren: boolean;
}

/** One `<introSection>` of the introduction (the instructional notations). */
export interface TabularIntroSection {
  type: string;
  title: string;
  notes: string[];
}

export interface TabularList {
  /** The `<version>` text, e.g. "2021". */
  version: string;
  /** The fiscal year the version names (the first 4-digit year in it). */
  fiscalYear: number;
  introduction: TabularIntroSection[];
  chapters: TabularChapter[];
  sections: TabularSection[];
  /** Every `<diag>` in preorder. */
  codes: TabularCode[];
}

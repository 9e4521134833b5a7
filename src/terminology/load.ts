import { type Kysely, sql } from 'kysely';
import type { Database, Icd10cmFileKind, Icd10cmIndexKind } from '../store/schema.js';
import { AlphabeticIndex, type IndexCellRow, type IndexTermRow } from './alphabetic-index.js';
import { type CodeRow, CodeSet, type SeventhNoteRow, type SeventhRow } from './code-set.js';
import { TerminologyError } from './errors.js';
import { fetchTuples } from './fetch-rows.js';
import { NoteBook, type NoteRow } from './notes.js';
import { type CodeEntryRow, ReleaseCodes } from './release-codes.js';
import { hasCodes, selectReleases } from './release-selection.js';
import { buildSearchIndex } from './search.js';
import { Terminology } from './terminology.js';
import type { Icd10cmTerminology, LoadTerminologyOptions, ReleaseInfo } from './types.js';

/** Note kind under which the importer stores the notes inside a `sevenChrDef` ("B: …"). */
const SEVEN_CHR_DEF_NOTE = 'sevenChrDef';

/** Every imported release with the kinds of file it holds, oldest first. */
export async function listReleases(db: Kysely<Database>): Promise<ReleaseInfo[]> {
  const [releases, files] = await Promise.all([
    db.selectFrom('icd10cm_release').selectAll().orderBy('effective_from').orderBy('fiscal_year').execute(),
    db.selectFrom('icd10cm_release_file').select(['release_id', 'kind']).execute(),
  ]);
  return releases.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    label: r.label,
    files: files
      .filter((f) => f.release_id === r.id)
      .map((f) => f.kind as Icd10cmFileKind)
      .sort(),
  }));
}

/**
 * Loads the terminology into memory: the codes release chosen by date / fiscal year in full
 * (tree, notes, 7th characters), for every other release only its code list (what validate
 * needs to say "not in this release, valid in FY2021" or to check a claim of another date), and
 * the Alphabetic Index and tables from the newest releases that have them. Each table is read
 * with one JSON query (see fetch-rows.ts); every question after that is answered from memory.
 */
export async function loadTerminology(
  db: Kysely<Database>,
  options: LoadTerminologyOptions = {},
): Promise<Icd10cmTerminology> {
  const started = performance.now();
  const releases = await listReleases(db);
  if (releases.length === 0) {
    throw new TerminologyError('ICD-10-CM', 'no release imported: run "medcoder import icd10cm" first');
  }
  const selection = selectReleases(releases, options);
  const primary = selection.codes.release;
  const others = releases.filter((r) => hasCodes(r) && r.id !== primary.id);
  const [tree, noteRows, otherCodes, disease, eindex, drug, neoplasm] = await Promise.all([
    fetchCodeTree(db, primary),
    fetchTuples<[NoteRow['owner_type'], string, string, number, string]>(
      db,
      sql`owner_type, owner, kind, seq, text`,
      sql`FROM icd10cm_note WHERE release_id = ${primary.id}`,
    ),
    Promise.all(others.map((r) => fetchCodeList(db, r))),
    selection.index ? fetchIndex(db, selection.index.release, 'disease') : null,
    selection.eindex ? fetchIndex(db, selection.eindex.release, 'eindex') : null,
    selection.drug ? fetchIndex(db, selection.drug.release, 'drug') : null,
    selection.neoplasm ? fetchIndex(db, selection.neoplasm.release, 'neoplasm') : null,
  ]);
  const fetched = performance.now();

  const notes: NoteRow[] = [];
  const seventhNotes: SeventhNoteRow[] = [];
  for (const [owner_type, owner, kind, seq, text] of noteRows) {
    if (kind === SEVEN_CHR_DEF_NOTE) seventhNotes.push({ owner, seq, text });
    else notes.push({ owner_type, owner, kind, seq, text });
  }
  const codes = buildCodeSet(primary, tree, seventhNotes);
  const primaryCodes = ReleaseCodes.fromEntries(primary, codes.inOrder);
  const noteBook = new NoteBook(notes);
  const indexes = {
    disease: disease && new AlphabeticIndex('disease', disease.terms),
    eindex: eindex && new AlphabeticIndex('eindex', eindex.terms),
    drug: drug && new AlphabeticIndex('drug', drug.terms, drug.cells),
    neoplasm: neoplasm && new AlphabeticIndex('neoplasm', neoplasm.terms, neoplasm.cells),
  };
  const built = performance.now();
  const search = options.searchIndex === 'load' ? buildSearchIndex(codes, noteBook, indexes.disease) : null;
  const done = performance.now();
  return new Terminology({
    releases,
    selection,
    codes,
    releaseCodes: [primaryCodes, ...others.map((r, i) => new ReleaseCodes(r, otherCodes[i] ?? []))],
    notes: noteBook,
    indexes,
    search,
    timings: {
      totalMs: Math.round(done - started),
      queryMs: Math.round(fetched - started),
      buildMs: Math.round(built - fetched),
      searchIndexMs: search ? Math.round(done - built) : null,
    },
  });
}

interface CodeTree {
  codes: CodeRow[];
  chapters: Array<[number, string, string | null, string | null]>;
  sections: Array<[string, number, number, string]>;
  seventh: Array<[string, string, string]>;
}

/**
 * The chosen release's codes with the order file folded in (authoritative for billable and
 * titles when the release has one), plus chapters, sections and 7th characters.
 */
async function fetchCodeTree(db: Kysely<Database>, release: ReleaseInfo): Promise<CodeTree> {
  const [codes, chapters, sections, seventh] = await Promise.all([
    release.files.includes('order')
      ? fetchTuples<CodeRow>(
          db,
          sql`c.code, c.parent, c.chapter_num, c.section_id, c.depth, c.seq,
              coalesce(nullif(o.long_title, ''), c.title), o.short_title,
              coalesce(o.billable, c.billable_derived), c.source`,
          // The order file may spell codes with or without the dot.
          sql`FROM icd10cm_code c
              LEFT JOIN icd10cm_order o
                ON o.release_id = c.release_id AND replace(o.code, '.', '') = replace(c.code, '.', '')
              WHERE c.release_id = ${release.id}`,
        )
      : fetchTuples<CodeRow>(
          db,
          sql`code, parent, chapter_num, section_id, depth, seq, title, NULL, billable_derived, source`,
          sql`FROM icd10cm_code WHERE release_id = ${release.id}`,
        ),
    fetchTuples<CodeTree['chapters'][number]>(
      db,
      sql`num, title, first_code, last_code`,
      sql`FROM icd10cm_chapter WHERE release_id = ${release.id}`,
    ),
    fetchTuples<CodeTree['sections'][number]>(
      db,
      sql`id, chapter_num, seq, title`,
      sql`FROM icd10cm_section WHERE release_id = ${release.id}`,
    ),
    fetchTuples<CodeTree['seventh'][number]>(
      db,
      sql`code, char, meaning`,
      sql`FROM icd10cm_seventh WHERE release_id = ${release.id}`,
    ),
  ]);
  return { codes, chapters, sections, seventh };
}

function buildCodeSet(release: ReleaseInfo, tree: CodeTree, seventhNotes: SeventhNoteRow[]): CodeSet {
  return new CodeSet(
    release,
    tree.codes,
    tree.chapters.map(([num, title, firstCode, lastCode]) => ({ num, title, firstCode, lastCode })),
    tree.sections.map(([id, chapterNum, seq, title]) => ({ id, chapterNum, seq, title })),
    tree.seventh.map(([owner, char, meaning]): SeventhRow => ({ owner, char, meaning })),
    seventhNotes,
  );
}

/** Another release's code list: the order file when it has one (authoritative), else the Tabular. */
function fetchCodeList(db: Kysely<Database>, release: ReleaseInfo): Promise<CodeEntryRow[]> {
  return release.files.includes('order')
    ? fetchTuples<CodeEntryRow>(
        db,
        sql`code, long_title, billable, order_no`,
        sql`FROM icd10cm_order WHERE release_id = ${release.id}`,
      )
    : fetchTuples<CodeEntryRow>(
        db,
        sql`code, title, billable_derived, seq`,
        sql`FROM icd10cm_code WHERE release_id = ${release.id}`,
      );
}

async function fetchIndex(
  db: Kysely<Database>,
  release: ReleaseInfo,
  kind: Icd10cmIndexKind,
): Promise<{ terms: IndexTermRow[]; cells: IndexCellRow[] }> {
  const [terms, cells] = await Promise.all([
    fetchTuples<IndexTermRow>(
      db,
      sql`id, parent_id, level, title, nemod, code, manif, see, see_also, see_cat, subcat`,
      sql`FROM icd10cm_index_term WHERE release_id = ${release.id} AND kind = ${kind}`,
    ),
    kind === 'drug' || kind === 'neoplasm'
      ? fetchTuples<IndexCellRow>(
          db,
          sql`term_id, col, code`,
          sql`FROM icd10cm_index_cell WHERE release_id = ${release.id} AND kind = ${kind}`,
        )
      : [],
  ]);
  return { terms, cells };
}

import { type Kysely, sql } from 'kysely';
import type { Database, Icd10cmFileKind, Icd10cmIndexKind } from '../store/schema.js';
import { AlphabeticIndex, type IndexCellColumns, IndexTerm } from './alphabetic-index.js';
import { type CodeNode, CodeSet, type SeventhNoteRow, type SeventhRow } from './code-set.js';
import { TerminologyError } from './errors.js';
import { type Columns, fetchColumns } from './fetch-rows.js';
import { NoteBook, type NoteRow } from './notes.js';
import { type CodeEntryColumns, ReleaseCodes } from './release-codes.js';
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
 * with one query returning its columns as single texts (see fetch-rows.ts); every question after
 * that is answered from memory. A release with an order file but no Tabular (possible for a
 * partial import) gives validate its code list; lookup and browse then have no tree to show.
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
  const orderOnly = !primary.files.includes('tabular');
  const [tree, noteColumns, otherCodes, primaryList, disease, eindex, drug, neoplasm] = await Promise.all([
    fetchCodeTree(db, primary),
    fetchColumns(
      db,
      [sql`owner_type`, sql`owner`, sql`kind`, sql`seq`, sql`text`],
      sql`FROM icd10cm_note WHERE release_id = ${primary.id}`,
    ),
    Promise.all(others.map((r) => fetchCodeList(db, r))),
    orderOnly ? fetchCodeList(db, primary) : null,
    selection.index ? fetchIndex(db, selection.index.release, 'disease') : null,
    selection.eindex ? fetchIndex(db, selection.eindex.release, 'eindex') : null,
    selection.drug ? fetchIndex(db, selection.drug.release, 'drug') : null,
    selection.neoplasm ? fetchIndex(db, selection.neoplasm.release, 'neoplasm') : null,
  ]);
  const fetched = performance.now();

  const notes: NoteRow[] = [];
  const seventhNotes: SeventhNoteRow[] = [];
  const [ownerTypes, owners, kinds, seqs, texts] = cols(noteColumns, 5);
  for (let i = 0; i < noteColumns.rows; i++) {
    const owner = owners[i] as string;
    const seq = Number(seqs[i]);
    const text = texts[i] as string;
    const kind = kinds[i] as string;
    if (kind === SEVEN_CHR_DEF_NOTE) seventhNotes.push({ owner, seq, text });
    else notes.push({ owner_type: ownerTypes[i] as NoteRow['owner_type'], owner, kind, seq, text });
  }
  const codes = buildCodeSet(primary, tree, seventhNotes);
  const releaseCodes = [
    primaryList ? new ReleaseCodes(primary, primaryList) : ReleaseCodes.fromEntries(primary, codes.inOrder),
    ...others.map((r, i) => new ReleaseCodes(r, otherCodes[i])),
  ];
  const noteBook = new NoteBook(notes);
  const indexes = {
    disease: disease && new AlphabeticIndex('disease', disease.terms),
    eindex: eindex && new AlphabeticIndex('eindex', eindex.terms),
    drug: drug && new AlphabeticIndex('drug', drug.terms, drug.cells ?? undefined),
    neoplasm: neoplasm && new AlphabeticIndex('neoplasm', neoplasm.terms, neoplasm.cells ?? undefined),
  };
  const built = performance.now();
  const search = options.searchIndex === 'load' ? buildSearchIndex(codes, noteBook, indexes.disease) : null;
  const done = performance.now();
  return new Terminology({
    releases,
    selection,
    codes,
    releaseCodes,
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
  codes: Columns;
  chapters: Columns;
  sections: Columns;
  seventh: Columns;
}

/**
 * The chosen release's codes with the order file folded in (authoritative for billable and
 * titles when the release has one), plus chapters, sections and 7th characters.
 */
async function fetchCodeTree(db: Kysely<Database>, release: ReleaseInfo): Promise<CodeTree> {
  const where = sql`WHERE release_id = ${release.id}`;
  const [codes, chapters, sections, seventh] = await Promise.all([
    release.files.includes('order')
      ? fetchColumns(
          db,
          [
            sql`c.code`,
            sql`c.parent`,
            sql`c.chapter_num`,
            sql`c.section_id`,
            sql`c.depth`,
            sql`c.seq`,
            sql`coalesce(nullif(o.long_title, ''), c.title)`,
            sql`o.short_title`,
            sql`coalesce(o.billable, c.billable_derived)`,
            sql`c.source`,
          ],
          // The order file may spell codes with or without the dot.
          sql`FROM icd10cm_code c
              LEFT JOIN icd10cm_order o
                ON o.release_id = c.release_id AND replace(o.code, '.', '') = replace(c.code, '.', '')
              WHERE c.release_id = ${release.id}`,
        )
      : fetchColumns(
          db,
          [
            sql`code`,
            sql`parent`,
            sql`chapter_num`,
            sql`section_id`,
            sql`depth`,
            sql`seq`,
            sql`title`,
            sql`NULL`,
            sql`billable_derived`,
            sql`source`,
          ],
          sql`FROM icd10cm_code ${where}`,
        ),
    fetchColumns(
      db,
      [sql`num`, sql`title`, sql`first_code`, sql`last_code`],
      sql`FROM icd10cm_chapter ${where}`,
    ),
    fetchColumns(db, [sql`id`, sql`chapter_num`, sql`seq`, sql`title`], sql`FROM icd10cm_section ${where}`),
    fetchColumns(db, [sql`code`, sql`char`, sql`meaning`], sql`FROM icd10cm_seventh ${where}`),
  ]);
  return { codes, chapters, sections, seventh };
}

function buildCodeSet(release: ReleaseInfo, tree: CodeTree, seventhNotes: SeventhNoteRow[]): CodeSet {
  const [code, parent, chapterNum, sectionId, depth, seq, title, shortTitle, billable, source] = cols(
    tree.codes,
    10,
  );
  const nodes: CodeNode[] = new Array(tree.codes.rows);
  for (let i = 0; i < tree.codes.rows; i++) {
    nodes[i] = {
      code: code[i] as string,
      parent: parent[i] || null,
      chapterNum: Number(chapterNum[i]),
      sectionId: sectionId[i] as string,
      depth: Number(depth[i]),
      seq: Number(seq[i]),
      title: title[i] as string,
      shortTitle: shortTitle[i] || null,
      billable: billable[i] === 'true',
      source: source[i] === 'derived' ? 'derived' : 'tabular',
      children: [],
    };
  }
  const [num, chapterTitle, first, last] = cols(tree.chapters, 4);
  const [id, sectionChapter, sectionSeq, sectionTitle] = cols(tree.sections, 4);
  const [owner, char, meaning] = cols(tree.seventh, 3);
  return new CodeSet(
    release,
    nodes,
    num.map((n, i) => ({
      num: Number(n),
      title: chapterTitle[i] as string,
      firstCode: first[i] || null,
      lastCode: last[i] || null,
    })),
    id.map((s, i) => ({
      id: s,
      chapterNum: Number(sectionChapter[i]),
      seq: Number(sectionSeq[i]),
      title: sectionTitle[i] as string,
    })),
    owner.map((o, i): SeventhRow => ({ owner: o, char: char[i] as string, meaning: meaning[i] as string })),
    seventhNotes,
  );
}

type ColumnTuple<N extends number, Acc extends string[][] = []> = Acc['length'] extends N
  ? Acc
  : ColumnTuple<N, [...Acc, string[]]>;

/** The first `n` columns, each an array (empty when the query returned no row). */
function cols<N extends number>(result: Columns, n: N): ColumnTuple<N> {
  return Array.from({ length: n }, (_, i) => result.columns[i] ?? []) as ColumnTuple<N>;
}

/** Another release's code list: the order file when it has one (authoritative), else the Tabular. */
async function fetchCodeList(db: Kysely<Database>, release: ReleaseInfo): Promise<CodeEntryColumns> {
  const result =
    release.files.includes('order') || release.files.includes('codes')
      ? await fetchColumns(
          db,
          [sql`code`, sql`long_title`, sql`billable`, sql`order_no`],
          sql`FROM icd10cm_order WHERE release_id = ${release.id}`,
        )
      : await fetchColumns(
          db,
          [sql`code`, sql`title`, sql`billable_derived`, sql`seq`],
          sql`FROM icd10cm_code WHERE release_id = ${release.id}`,
        );
  const [code, title, billable, seq] = cols(result, 4);
  return { code, title, billable: billable.map((b) => b === 'true'), seq: seq.map(Number) };
}

async function fetchIndex(
  db: Kysely<Database>,
  release: ReleaseInfo,
  kind: Icd10cmIndexKind,
): Promise<{ terms: IndexTerm[]; cells: IndexCellColumns | null }> {
  const where = sql`WHERE release_id = ${release.id} AND kind = ${kind}`;
  const [termColumns, cellColumns] = await Promise.all([
    fetchColumns(
      db,
      [
        'id',
        'parent_id',
        'level',
        'title',
        'nemod',
        'code',
        'manif',
        'see',
        'see_also',
        'see_cat',
        'subcat',
      ].map((c) => sql.ref(c)),
      sql`FROM icd10cm_index_term ${where}`,
    ),
    kind === 'drug' || kind === 'neoplasm'
      ? fetchColumns(db, [sql`term_id`, sql`col`, sql`code`], sql`FROM icd10cm_index_cell ${where}`)
      : null,
  ]);
  const [id, parent, level, title, nemod, code, manif, see, seeAlso, seeCat, subcat] = cols(termColumns, 11);
  const terms: IndexTerm[] = new Array(termColumns.rows);
  for (let i = 0; i < termColumns.rows; i++) {
    terms[i] = new IndexTerm(
      Number(id[i]),
      parent[i] ? Number(parent[i]) : null,
      Number(level[i]),
      title[i] as string,
      nemod[i] || null,
      code[i] || null,
      manif[i] || null,
      see[i] || null,
      seeAlso[i] || null,
      seeCat[i] || null,
      subcat[i] || null,
    );
  }
  if (!cellColumns) return { terms, cells: null };
  const [termId, col, cellCode] = cols(cellColumns, 3);
  return { terms, cells: { termId: termId.map(Number), col: col.map(Number), code: cellCode } };
}

import type { Kysely } from 'kysely';
import type { Database, Icd10cmFileKind, Icd10cmIndexKind } from '../store/schema.js';
import { AlphabeticIndex } from './alphabetic-index.js';
import { CodeSet } from './code-set.js';
import { TerminologyError } from './errors.js';
import { NoteBook } from './notes.js';
import { hasCodes, selectReleases } from './release-selection.js';
import { Terminology } from './terminology.js';
import type { Icd10cmTerminology, LoadTerminologyOptions, ReleaseInfo } from './types.js';

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
 * Loads the terminology into memory: the codes release chosen by date / fiscal year (with notes),
 * the code sets of the other releases (so validation can say "valid in FY2021"), the Alphabetic
 * Index and the tables from the newest releases that have them. One round of queries; every
 * question after that is answered from memory.
 */
export async function loadTerminology(
  db: Kysely<Database>,
  options: LoadTerminologyOptions = {},
): Promise<Icd10cmTerminology> {
  const releases = await listReleases(db);
  if (releases.length === 0) {
    throw new TerminologyError('ICD-10-CM', 'no release imported: run "medcoder import icd10cm" first');
  }
  const selection = selectReleases(releases, options);
  const primary = selection.codes.release;
  const [codeSets, notes, disease, eindex, drug, neoplasm] = await Promise.all([
    Promise.all(releases.filter(hasCodes).map((r) => loadCodeSet(db, r))),
    db
      .selectFrom('icd10cm_note')
      .select(['owner_type', 'owner', 'kind', 'seq', 'text'])
      .where('release_id', '=', primary.id)
      .execute(),
    selection.index ? loadIndex(db, selection.index.release, 'disease') : null,
    selection.eindex ? loadIndex(db, selection.eindex.release, 'eindex') : null,
    selection.drug ? loadIndex(db, selection.drug.release, 'drug') : null,
    selection.neoplasm ? loadIndex(db, selection.neoplasm.release, 'neoplasm') : null,
  ]);
  return new Terminology({
    releases,
    selection,
    codeSets,
    notes: new NoteBook(notes),
    indexes: { disease, eindex, drug, neoplasm },
  });
}

async function loadCodeSet(db: Kysely<Database>, release: ReleaseInfo): Promise<CodeSet> {
  const [codes, order, chapters, sections, seventh] = await Promise.all([
    db
      .selectFrom('icd10cm_code')
      .select([
        'code',
        'parent',
        'chapter_num',
        'section_id',
        'depth',
        'seq',
        'title',
        'source',
        'billable_derived',
      ])
      .where('release_id', '=', release.id)
      .execute(),
    release.files.includes('order')
      ? db
          .selectFrom('icd10cm_order')
          .select(['code', 'billable', 'short_title', 'long_title'])
          .where('release_id', '=', release.id)
          .execute()
      : [],
    db.selectFrom('icd10cm_chapter').selectAll().where('release_id', '=', release.id).execute(),
    db.selectFrom('icd10cm_section').selectAll().where('release_id', '=', release.id).execute(),
    db
      .selectFrom('icd10cm_seventh')
      .select(['code', 'char', 'meaning'])
      .where('release_id', '=', release.id)
      .execute(),
  ]);
  // The order file stores codes without the dot; it is authoritative for billable and titles.
  const orderByCode = new Map(order.map((o) => [o.code.replace('.', ''), o]));
  return new CodeSet(
    release,
    codes.map((c) => {
      const o = orderByCode.get(c.code.replace('.', ''));
      return {
        code: c.code,
        parent: c.parent,
        chapterNum: c.chapter_num,
        sectionId: c.section_id,
        depth: c.depth,
        seq: c.seq,
        title: o?.long_title || c.title,
        shortTitle: o?.short_title ?? null,
        billable: o ? o.billable : c.billable_derived,
        source: c.source,
      };
    }),
    chapters.map((c) => ({ num: c.num, title: c.title, firstCode: c.first_code, lastCode: c.last_code })),
    sections.map((s) => ({ id: s.id, title: s.title, chapterNum: s.chapter_num, seq: s.seq })),
    seventh,
  );
}

async function loadIndex(
  db: Kysely<Database>,
  release: ReleaseInfo,
  kind: Icd10cmIndexKind,
): Promise<AlphabeticIndex> {
  const [terms, cells] = await Promise.all([
    db
      .selectFrom('icd10cm_index_term')
      .select([
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
      ])
      .where('release_id', '=', release.id)
      .where('kind', '=', kind)
      .execute(),
    kind === 'drug' || kind === 'neoplasm'
      ? db
          .selectFrom('icd10cm_index_cell')
          .select(['term_id', 'col', 'code'])
          .where('release_id', '=', release.id)
          .where('kind', '=', kind)
          .execute()
      : [],
  ]);
  return new AlphabeticIndex(
    kind,
    terms.map((t) => ({
      id: t.id,
      parentId: t.parent_id,
      level: t.level,
      title: t.title,
      nemod: t.nemod,
      code: t.code,
      manif: t.manif,
      see: t.see,
      seeAlso: t.see_also,
      seeCat: t.see_cat,
      subcat: t.subcat,
    })),
    cells.map((c) => ({ termId: c.term_id, col: c.col, code: c.code })),
  );
}

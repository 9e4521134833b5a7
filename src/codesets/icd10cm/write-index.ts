import type { Insertable, Kysely } from 'kysely';
import { bulkInsert } from '../../store/bulk-insert.js';
import type {
  Database,
  Icd10cmIndexCellTable,
  Icd10cmIndexTermTable,
  Icd10cmTableHeadingTable,
} from '../../store/schema.js';
import type { IndexFile } from './index-model.js';

/**
 * Stores a parsed index or table under a release: one icd10cm_index_term row per mainTerm/term
 * (ids as parsed, so parent_id links hold), one icd10cm_index_cell row per coded cell and one
 * icd10cm_table_heading row per column heading. Runs on the handle it is given and opens no
 * transaction: the import orchestrator's transaction covers the whole file, so a failure leaves
 * nothing behind. Returns counts named after the XML elements (`terms` counts `term` elements,
 * i.e. subterms, as `mainTerms` counts `mainTerm`), for the release-file record.
 */
export async function writeIndex(
  db: Kysely<Database>,
  releaseId: number,
  parsed: IndexFile,
): Promise<Record<string, number>> {
  const kind = parsed.kind;
  const termRows: Insertable<Icd10cmIndexTermTable>[] = [];
  const cellRows: Insertable<Icd10cmIndexCellTable>[] = [];
  let mainTerms = 0;
  for (const t of parsed.terms) {
    if (t.level === 0) mainTerms++;
    termRows.push({
      release_id: releaseId,
      kind,
      id: t.id,
      parent_id: t.parentId,
      level: t.level,
      letter: t.letter,
      title: t.title,
      nemod: t.nemod,
      code: t.code,
      manif: t.manif,
      see: t.see,
      see_also: t.seeAlso,
      see_cat: t.seeCat,
      subcat: t.subcat,
    });
    for (const c of t.cells)
      cellRows.push({ release_id: releaseId, kind, term_id: t.id, col: c.col, code: c.code });
  }
  const headingRows: Insertable<Icd10cmTableHeadingTable>[] = parsed.headings.map((h) => ({
    release_id: releaseId,
    kind,
    col: h.col,
    head: h.head,
  }));
  await bulkInsert(db, 'icd10cm_table_heading', headingRows);
  await bulkInsert(db, 'icd10cm_index_term', termRows);
  await bulkInsert(db, 'icd10cm_index_cell', cellRows);
  return {
    mainTerms,
    terms: termRows.length - mainTerms,
    cells: cellRows.length,
    headings: headingRows.length,
  };
}

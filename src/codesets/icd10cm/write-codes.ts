import { type Kysely, sql } from 'kysely';
import { bulkInsert } from '../../store/bulk-insert.js';
import type { Database } from '../../store/schema.js';
import type { AddendaRecord } from './addenda-parser.js';
import { type CodesFileRecord, codesWithHeaders } from './codes-file-parser.js';
import { writeOrder } from './write-order.js';

/**
 * Writes a codes file into `icd10cm_order` with its headers derived (see codesWithHeaders). A
 * header's title is taken from the newest other release that has the code, since the codes file
 * has none. Returns {records, billable, headers}.
 */
export async function writeCodesFile(
  db: Kysely<Database>,
  releaseId: number,
  records: readonly CodesFileRecord[],
): Promise<Record<string, number>> {
  const titles = await headerTitles(db, releaseId);
  return writeOrder(db, releaseId, codesWithHeaders(records, titles));
}

/** Titles of every code of the other releases, the newest release's winning. */
async function headerTitles(db: Kysely<Database>, releaseId: number): Promise<Map<string, string>> {
  const rows = await sql<{ code: string; title: string }>`
    SELECT code, title FROM (
      SELECT c.code, c.title, r.effective_from FROM icd10cm_code c
        JOIN icd10cm_release r ON r.id = c.release_id WHERE c.release_id <> ${releaseId}
      UNION ALL
      SELECT o.code, o.long_title AS title, r.effective_from FROM icd10cm_order o
        JOIN icd10cm_release r ON r.id = o.release_id WHERE o.release_id <> ${releaseId} AND NOT o.billable
    ) t ORDER BY effective_from`.execute(db);
  const titles = new Map<string, string>();
  for (const r of rows.rows) titles.set(r.code, r.title);
  return titles;
}

/** Writes the addenda's changes in file order. Returns {add, delete, revise}. */
export async function writeAddenda(
  db: Kysely<Database>,
  releaseId: number,
  records: readonly AddendaRecord[],
): Promise<Record<string, number>> {
  await bulkInsert(
    db,
    'icd10cm_addenda',
    records.map((r, i) => ({
      release_id: releaseId,
      seq: i + 1,
      action: r.action,
      code: r.code,
      title: r.title,
      previous_title: r.previousTitle,
    })),
  );
  const count = (a: AddendaRecord['action']) => records.filter((r) => r.action === a).length;
  return { add: count('add'), delete: count('delete'), revise: count('revise') };
}

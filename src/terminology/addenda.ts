import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** One line of an imported codes addenda: what happened to a code when that fiscal year began. */
export interface AddendaEntry {
  fiscalYear: number;
  effectiveFrom: string;
  action: 'add' | 'delete' | 'revise';
  title: string;
  previousTitle: string | null;
}

/**
 * The imported codes addenda between two fiscal years (after `fromFiscalYear`, up to and
 * including `toFiscalYear`), by code: the transitions report says in which update each change
 * was published when an addenda file for that year was imported.
 */
export async function loadAddenda(
  db: Kysely<Database>,
  fromFiscalYear: number,
  toFiscalYear: number,
): Promise<Map<string, AddendaEntry[]>> {
  const rows = await db
    .selectFrom('icd10cm_addenda as a')
    .innerJoin('icd10cm_release as r', 'r.id', 'a.release_id')
    .select(['a.code', 'a.action', 'a.title', 'a.previous_title', 'r.fiscal_year', 'r.effective_from'])
    .where('r.fiscal_year', '>', fromFiscalYear)
    .where('r.fiscal_year', '<=', toFiscalYear)
    .orderBy('r.effective_from')
    .orderBy('a.seq')
    .execute();
  const byCode = new Map<string, AddendaEntry[]>();
  for (const r of rows) {
    const list = byCode.get(r.code) ?? [];
    list.push({
      fiscalYear: r.fiscal_year,
      effectiveFrom: r.effective_from,
      action: r.action,
      title: r.title,
      previousTitle: r.previous_title,
    });
    byCode.set(r.code, list);
  }
  return byCode;
}

import type { Kysely } from 'kysely';
import { bulkInsert } from '../../store/bulk-insert.js';
import type { Database } from '../../store/schema.js';
import type { OrderRecord } from './order-parser.js';

/**
 * Writes the order file's records into `icd10cm_order` for the release, on the handle it is
 * given (the caller's transaction). Returns {records, billable, headers}.
 */
export async function writeOrder(
  db: Kysely<Database>,
  releaseId: number,
  records: readonly OrderRecord[],
): Promise<Record<string, number>> {
  const rows = records.map((r) => ({
    release_id: releaseId,
    code: r.code,
    order_no: r.orderNo,
    billable: r.billable,
    short_title: r.shortTitle,
    long_title: r.longTitle,
  }));
  await bulkInsert(db, 'icd10cm_order', rows);
  const billable = records.filter((r) => r.billable).length;
  return { records: records.length, billable, headers: records.length - billable };
}

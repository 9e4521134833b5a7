import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

// PostgreSQL's protocol allows 65,535 bind parameters per statement; stay well below it.
const MAX_PARAMS = 30_000;

/**
 * Inserts many rows in multi-row INSERT statements sized to the parameter limit. Runs on
 * whatever handle it is given, so inside an import transaction it is part of that transaction.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: ReadonlyArray<Record<string, unknown>>,
  onBatch?: (inserted: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length || 1;
  const batch = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    // Rows are typed by each importer against its table; Kysely can't relate a generic table name
    // to its row type here, hence the cast.
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
    onBatch?.(chunk.length);
  }
}

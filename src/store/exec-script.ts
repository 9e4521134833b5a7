import { type Kysely, sql } from 'kysely';

/**
 * Runs a script of `;`-terminated DDL statements one at a time: PGlite's extended-protocol
 * queries (like pg's prepared statements) accept a single command each.
 */
export async function execScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*$/m)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

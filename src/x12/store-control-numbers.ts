import { readFile, rename } from 'node:fs/promises';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { type ControlNumberSource, MAX_CONTROL_NUMBER } from './control-numbers.js';
import { X12Error } from './errors.js';
import type { EnvelopeNumbers } from './writer.js';

/**
 * Control numbers kept in the store (x12_control_counter), one sequence per sender. The counter
 * moves in a single INSERT ... ON CONFLICT DO UPDATE, which PostgreSQL serialises per row, so
 * two writers never get the same numbers; run it inside the transaction that records the batch
 * and a failed submission gives its numbers back. Same numbering as MemoryControlNumbers:
 * interchange, group and sets are consecutive and distinct within one file.
 */
export class StoreControlNumbers implements ControlNumberSource {
  constructor(private readonly db: Kysely<Database>) {}

  async allocate(sender: string, sets: number): Promise<EnvelopeNumbers> {
    if (!Number.isInteger(sets) || sets < 1 || sets > 10_000)
      throw new X12Error(`cannot allocate control numbers for ${sets} sets`);
    const n = sets + 2;
    const row = await this.db
      .insertInto('x12_control_counter')
      .values({ sender_id: sender, last_number: n })
      .onConflict((oc) =>
        oc.column('sender_id').doUpdateSet({
          last_number: sql<number>`(x12_control_counter.last_number + ${n}) % ${MAX_CONTROL_NUMBER}`,
        }),
      )
      .returning('last_number')
      .executeTakeFirstOrThrow();
    const base = (row.last_number - n + MAX_CONTROL_NUMBER) % MAX_CONTROL_NUMBER;
    const numbers = Array.from({ length: n }, (_, i) => ((base + i) % MAX_CONTROL_NUMBER) + 1);
    return { interchange: numbers[0]!, group: numbers[1]!, sets: numbers.slice(2) };
  }
}

/**
 * Earlier versions kept `claim build`'s numbers in a JSON file ({ sender: last number }) apart
 * from the store's, so the two could issue the same ISA13. The first build after the upgrade
 * raises the store's counter to at least the file's numbers (never lowers it), in the caller's
 * transaction; the caller retires the file (retireFileCounter) once that has committed, so a
 * failed build leaves the file to be adopted next time. Returns the senders raised.
 */
export async function adoptFileCounter(db: Kysely<Database>, path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new X12Error(`control number file ${path} is unreadable: ${(e as Error).message}`);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (e) {
    throw new X12Error(`control number file ${path} is not JSON: ${(e as Error).message}`);
  }
  const entries = Object.entries(state && typeof state === 'object' ? state : {});
  for (const [sender, last] of entries)
    if (!Number.isInteger(last) || (last as number) < 0 || (last as number) > MAX_CONTROL_NUMBER)
      throw new X12Error(
        `control number file ${path}: ${sender} has ${JSON.stringify(last)}, not a control number`,
      );
  for (const [sender, last] of entries)
    await db
      .insertInto('x12_control_counter')
      .values({ sender_id: sender, last_number: last as number })
      .onConflict((oc) =>
        oc.column('sender_id').doUpdateSet({
          last_number: sql<number>`greatest(x12_control_counter.last_number, excluded.last_number)`,
        }),
      )
      .execute();
  return entries.map(([sender]) => sender);
}

/** Renames an adopted counter file to `.adopted`: kept for the record, never read again. */
export async function retireFileCounter(path: string): Promise<void> {
  await rename(path, `${path}.adopted`);
}

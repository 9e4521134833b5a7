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

import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import * as m034 from '../../src/store/migrations/034_encounter_event_count.js';
import { openScratch, scratchStores } from '../support/stores.js';

/** Migration 034 counts the events of encounters that already have a history. */
describe.each(scratchStores())('encounter event count migration on $name', (spec) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('fills the count from the events already recorded, and undoes cleanly', async () => {
    store = await openScratch(spec);
    const db = store.db as unknown as Kysely<unknown>;
    await m034.down(db);
    const encounter = async (events: number) => {
      const { rows } = await sql<{ id: number }>`
        INSERT INTO encounter (patient_name, birth_date, sex, date_of_service, setting, payer,
          place_of_service, state, note_text, note_format)
        VALUES ('Count, Pat', '1970-01-01', 'F', '2025-01-01', 'outpatient', 'Acme', '11', 'new',
          'note', 'text')
        RETURNING id`.execute(db);
      const id = rows[0]!.id;
      for (let i = 0; i < events; i++)
        await sql`INSERT INTO encounter_event (encounter_id, action, detail)
          VALUES (${id}, 'import', '{}')`.execute(db);
      return id;
    };
    const none = await encounter(0);
    const three = await encounter(3);
    await m034.up(db);
    const { rows } = await sql<{ id: number; event_count: number }>`
      SELECT id, event_count FROM encounter WHERE id IN (${none}, ${three}) ORDER BY id`.execute(db);
    expect(rows.map((r) => r.event_count)).toEqual([0, 3]);
  });
});

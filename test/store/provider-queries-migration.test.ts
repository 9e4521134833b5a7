import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import * as m080 from '../../src/store/migrations/080_provider_queries.js';
import { openScratch, scratchStores } from '../support/stores.js';

/**
 * Migration 080 carries queries from before over: a sent query becomes open (addressed to no
 * one yet), a draft that never left the coder is withdrawn with its text kept, an answered one
 * stays answered; and it undoes cleanly while no provider account exists.
 */
describe.each(scratchStores())('provider queries migration on $name', (spec) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('maps draft, sent and answered queries onto the new life cycle, and undoes cleanly', async () => {
    store = await openScratch(spec);
    const db = store.db as unknown as Kysely<unknown>;
    await m080.down(db);
    const { rows: users } = await sql<{ id: number }>`
      INSERT INTO app_user (username, password_hash, role) VALUES ('oldcoder', 'x', 'coder') RETURNING id`.execute(
      db,
    );
    const { rows: encounters } = await sql<{ id: number }>`
      INSERT INTO encounter (patient_name, birth_date, sex, date_of_service, setting, payer,
        place_of_service, state, note_text, note_format)
      VALUES ('Old, Query', '1970-01-01', 'F', '2025-01-01', 'outpatient', 'Acme', '11', 'in_review', 'note', 'text')
      RETURNING id`.execute(db);
    const [user, encounter] = [users[0]!.id, encounters[0]!.id];
    for (const [status, answer] of [
      ['draft', null],
      ['sent', null],
      ['answered', 'Stage 3'],
    ] as const)
      await sql`INSERT INTO physician_query (encounter_id, element, question, affected_codes, status, answer, created_by)
        VALUES (${encounter}, 'stage', ${`Which stage (${status})?`}, '[]', ${status}, ${answer}, ${user})`.execute(
        db,
      );
    await expect(
      sql`INSERT INTO app_user (username, password_hash, role) VALUES ('early', 'x', 'provider')`.execute(db),
    ).rejects.toThrow();

    await m080.up(db);
    const { rows } = await sql<{
      question: string;
      status: string;
      kind: string;
      closed: boolean;
      answer: string | null;
    }>`
      SELECT question, status, kind, closed_at IS NOT NULL AS closed, answer FROM physician_query ORDER BY id`.execute(
      db,
    );
    expect(rows).toEqual([
      { question: 'Which stage (draft)?', status: 'withdrawn', kind: 'template', closed: true, answer: null },
      { question: 'Which stage (sent)?', status: 'open', kind: 'template', closed: false, answer: null },
      {
        question: 'Which stage (answered)?',
        status: 'answered',
        kind: 'template',
        closed: false,
        answer: 'Stage 3',
      },
    ]);
    await sql`INSERT INTO app_user (username, password_hash, role) VALUES ('drnew', 'x', 'provider')`.execute(
      db,
    );
    await expect(sql`UPDATE physician_query SET status = 'sent'`.execute(db)).rejects.toThrow();
  });
});

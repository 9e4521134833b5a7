import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { createUser } from '../../src/workflow/accounts.js';
import { workflowContext } from '../../src/workflow/context.js';
import { dashboard } from '../../src/workflow/dashboard.js';
import { importEncounter, recordEvent } from '../../src/workflow/encounters.js';
import { testEngines } from '../server/harness.js';
import { openScratch, scratchStores } from '../support/stores.js';

const PASSWORD = 'dashboard correct horse';

/**
 * Coder throughput counts encounters, not sign-offs: an encounter denied, corrected and finished
 * again is one encounter's work, and a finish older than seven days is not in the week.
 */
describe.each(scratchStores())('dashboard throughput ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  }, 120_000);
  afterAll(async () => store?.close());

  it('counts each encounter a coder finished in the last 7 days once', async () => {
    const ctx = workflowContext(store, await testEngines());
    const coder = await createUser(store.db, { username: 'finisher', password: PASSWORD, role: 'coder' });
    const lead = await createUser(store.db, { username: 'lead', password: PASSWORD, role: 'supervisor' });
    const actor = { user: coder, ip: null };
    const encounter = () =>
      importEncounter(ctx, actor, {
        note: 'ASSESSMENT: Essential hypertension.',
        patient: { displayName: 'Doe, Jo', birthDate: '1970-01-01', sex: 'F' },
        visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Acme' },
      });
    const [refinished, once, old] = [await encounter(), await encounter(), await encounter()];
    await recordEvent(store.db, refinished, actor, 'complete', 'in_review', 'coded');
    await recordEvent(store.db, refinished, actor, 'complete', 'corrected', 'coded');
    await recordEvent(store.db, once, actor, 'complete', 'in_review', 'coded');
    await recordEvent(store.db, once, { user: lead, ip: null }, 'complete', 'corrected', 'coded');
    await recordEvent(store.db, old, actor, 'complete', 'in_review', 'coded');
    // Eight days ago (the column is written once, by its default, in the application).
    await sql`UPDATE encounter_event SET at = now() - interval '8 days'
      WHERE encounter_id = ${old} AND action = 'complete'`.execute(store.db);
    const d = await dashboard(ctx);
    expect(d.coderThroughput.find((t) => t.username === 'finisher')?.coded7d).toBe(2);
    // A supervisor codes too, and is counted.
    expect(d.coderThroughput.find((t) => t.username === 'lead')?.coded7d).toBe(1);
  }, 120_000);
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveClaim } from '../../src/claims/store.js';
import { buildBatch, submitClaims } from '../../src/claims/submit.js';
import { validateClaim } from '../../src/claims/validate.js';
import type { Store } from '../../src/store/index.js';
import { adoptFileCounter, retireFileCounter } from '../../src/x12/store-control-numbers.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { professionalClaim, submission } from './fixtures.js';

const by = 'biller-1';
const claimFor = (patientControlNumber: string) =>
  professionalClaim({ patientControlNumber, otherPayers: undefined });

describe.each(scratchStores())('one control-number counter for built and submitted 837s ($name)', (spec) => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-ctr-'));
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => store?.close());

  it('built files and submitted batches, side by side and at once, never share a number', async () => {
    const stored = await Promise.all(
      ['N-1', 'N-2', 'N-3'].map(async (pcn) => (await saveClaim(store.db, claimFor(pcn), by)).id),
    );
    const loose = await validateClaim(claimFor('N-FILE'));
    const batches = await Promise.all([
      ...stored.map((id) => submitClaims(store.db, [id], submission, { by })),
      ...[1, 2, 3].map(() => buildBatch(store.db, [loose], submission, { by })),
    ]);
    const numbers = batches.flatMap((b) => [b.interchange, b.group, b.set]);
    expect(new Set(numbers).size).toBe(18);
    const rows = await store.db
      .selectFrom('claim_batch')
      .select(['sender_id', 'interchange_control'])
      .execute();
    expect(rows).toHaveLength(6);
  });

  it('adopts an old counter file without ever lowering the store counter; bad files are named', async () => {
    const file = join(dir, 'x12-control-numbers.json');
    writeFileSync(file, JSON.stringify({ SUB123: 5, NEWSENDER: 700 }));
    await store.db.transaction().execute((trx) => adoptFileCounter(trx, file));
    await retireFileCounter(file);
    expect(existsSync(`${file}.adopted`)).toBe(true);
    const counters = await store.db
      .selectFrom('x12_control_counter')
      .selectAll()
      .orderBy('sender_id')
      .execute();
    // SUB123 had already gone past 5 in the test above: kept; NEWSENDER starts after 700.
    expect(counters.find((c) => c.sender_id === 'SUB123')!.last_number).toBeGreaterThanOrEqual(18);
    expect(counters.find((c) => c.sender_id === 'NEWSENDER')!.last_number).toBe(700);
    expect(await store.db.transaction().execute((trx) => adoptFileCounter(trx, file))).toEqual([]);
    writeFileSync(file, '{"SUB123": "twelve"}');
    await expect(store.db.transaction().execute((trx) => adoptFileCounter(trx, file))).rejects.toThrow(
      /SUB123 has "twelve", not a control number/,
    );
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCpt } from '../../../src/codesets/cpt/import.js';
import type { Store } from '../../../src/store/index.js';
import { openScratch, scratchStores } from '../../support/stores.js';

// Placeholder descriptors: medcoder never ships CPT descriptors, so tests use invented text.
const CSV = [
  'code,short_descriptor,long_descriptor',
  '99213,TEST SHORT A,"Test long descriptor, with a comma"',
  '0001U,TEST SHORT B,Test long B',
  '0500T,TEST SHORT C,',
].join('\n');

describe.each(scratchStores())('CPT import ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('imports the documented CSV layout and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpt-'));
    const file = join(dir, 'cpt-2025.csv');
    writeFileSync(file, CSV);
    const r = await importCpt(store, file);
    expect(r).toMatchObject({ effectiveFrom: '2025-01-01', codes: 3, upToDate: false });
    const rows = await store.db.selectFrom('cpt_code').selectAll().orderBy('code').execute();
    expect(rows.map((x) => [x.code, x.long_descriptor])).toEqual([
      ['0001U', 'Test long B'],
      ['0500T', 'TEST SHORT C'],
      ['99213', 'Test long descriptor, with a comma'],
    ]);
    expect((await importCpt(store, file)).upToDate).toBe(true);
  });

  it.each([
    ['a missing header', 'code,descriptor\n99213,x', /cpt-2026\.csv:1: the first row must be the header/],
    ['a bad code', `${CSV}\n9921A,x,y`, /:5:1: "9921A" is not a CPT code/],
    ['a duplicate', `${CSV}\n99213,x,y`, /:5:1: 99213 is listed twice \(first on line 2\)/],
    ['a wrong column count', `${CSV}\n99214,x`, /:5: expected 3 columns, found 2/],
  ])('rejects %s', async (_name, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'cpt-'));
    const file = join(dir, 'cpt-2026.csv');
    writeFileSync(file, text);
    await expect(importCpt(store, file)).rejects.toThrow(message);
    expect(
      await store.db
        .selectFrom('cpt_release')
        .selectAll()
        .where('effective_from', '=', '2026-01-01')
        .execute(),
    ).toEqual([]);
  });
});

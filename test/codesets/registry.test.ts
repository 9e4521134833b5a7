import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSystemImporters } from '../../src/codesets/registry.js';
import { openStore, type Store } from '../../src/store/index.js';
import { codesetFile, codesetsDir, importedStores } from '../support/stores.js';

describe('medcoder import: the code-system registry', () => {
  it('finds each code system in the official files folder, and nothing in an unrelated one', async () => {
    codesetFile('hcpcs/2019/2019-Alpha-Numeric-HCPCS-File.zip');
    codesetFile('mue/2024-07-01-derived/MCR_MUE_PractitionerServices_Eff_07-01-2024.DERIVED.csv');
    codesetFile('icd10pcs/fy2026/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip');
    const importers = await Promise.all(codeSystemImporters.map((load) => load()));
    expect(importers.map((i) => i.system)).toEqual(['icd10cm', 'hcpcs', 'mue', 'icd10pcs']);
    for (const importer of importers) expect(await importer.present(codesetsDir())).toBe(true);
    const empty = mkdtempSync(join(tmpdir(), 'medcoder-registry-'));
    writeFileSync(join(empty, 'notes.txt'), 'nothing to import here\n');
    for (const importer of importers) expect(await importer.present(empty)).toBe(false);
    expect(importers.filter((i) => i.required).map((i) => i.system)).toEqual(['icd10cm']);
  });
});

describe.each(importedStores())('npm test set-up imported every code system into $name', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(spec.options);
  });
  afterAll(async () => store?.close());

  it('holds the HCPCS release and the three MUE tables next to ICD-10-CM', async () => {
    const hcpcs = await store.db
      .selectFrom('hcpcs_release')
      .select(['effective_from', 'codes', 'modifiers'])
      .orderBy('effective_from')
      .execute();
    expect(hcpcs).toEqual([
      { effective_from: '2019-01-01', codes: 6_440, modifiers: 360 },
      // January 2026: 9,006 records, about 1,300 of them terminated codes kept with their dates.
      { effective_from: '2026-01-01', codes: 8_623, modifiers: 383 },
    ]);
    const terminated = await store.db
      .selectFrom('hcpcs_code as c')
      .innerJoin('hcpcs_release as r', 'r.id', 'c.release_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.effective_from', '=', '2026-01-01')
      .where('c.termination_date', '<', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(Number(terminated.n)).toBe(1_300);
    const mue = await store.db
      .selectFrom('mue_release')
      .select(['service', 'rows'])
      .orderBy('service')
      .execute();
    expect(mue).toEqual([
      { service: 'dme', rows: 2_928 },
      { service: 'outpatient', rows: 14_628 },
      { service: 'practitioner', rows: 14_677 },
    ]);
    // Running every importer again writes nothing.
    for (const load of codeSystemImporters) {
      const importer = await load();
      const summary = await importer.run(store, codesetsDir(), { progress: false, log: () => {} });
      expect(summary.upToDate, importer.system).toBe(true);
    }
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';
import { importIcd10cm } from '../../../src/codesets/icd10cm/import.js';
import type { Store } from '../../../src/store/index.js';
import { codesetsDir, importedStores, openScratch, scratchStores } from '../../support/stores.js';
import { MINI_TABULAR } from './tabular-fixtures.js';

const INDEX_2099 = `<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.index>
  <version>2099</version>
  <title>ICD-10-CM INDEX TO DISEASES and INJURIES</title>
  <letter>
    <title>F</title>
    <mainTerm>
      <title>Fracture, skull</title>
      <code>S02.0</code>
    </mainTerm>
  </letter>
</ICD10CM.index>
`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-import-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function tableCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    'icd10cm_release',
    'icd10cm_release_file',
    'icd10cm_code',
    'icd10cm_note',
    'icd10cm_index_term',
    'icd10cm_order',
  ] as const) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe.each(importedStores())('the official ICD-10-CM files imported into $name', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await (await import('../../../src/store/index.js')).openStore(spec.options);
  });
  afterAll(async () => store?.close());

  it('files each release under its fiscal year and effective date, partial releases included', async () => {
    const releases = await store.db
      .selectFrom('icd10cm_release')
      .select(['fiscal_year', 'effective_from', 'effective_to'])
      .orderBy('fiscal_year')
      .execute();
    expect(releases).toEqual(
      expect.arrayContaining([
        { fiscal_year: 2021, effective_from: '2021-01-01', effective_to: '2021-09-30' },
        { fiscal_year: 2023, effective_from: '2022-10-01', effective_to: '2023-09-30' },
        { fiscal_year: 2025, effective_from: '2024-10-01', effective_to: '2025-09-30' },
        { fiscal_year: 2026, effective_from: '2025-10-01', effective_to: '2026-09-30' },
      ]),
    );
    const files = await store.db
      .selectFrom('icd10cm_release_file as f')
      .innerJoin('icd10cm_release as r', 'r.id', 'f.release_id')
      .select(['r.fiscal_year', 'f.kind', 'f.counts'])
      .orderBy('r.fiscal_year')
      .orderBy('f.kind')
      .execute();
    const kinds = (fy: number) =>
      files
        .filter((f) => f.fiscal_year === fy)
        .map((f) => f.kind)
        .sort();
    expect(kinds(2021)).toEqual(['order', 'tabular']);
    expect(kinds(2023)).toEqual(['index', 'tabular']);
    expect(kinds(2025)).toEqual(['addenda', 'drug', 'eindex', 'neoplasm']);
    expect(kinds(2026)).toEqual(['codes']);
    const order2021 = files.find((f) => f.fiscal_year === 2021 && f.kind === 'order')!;
    expect(order2021.counts).toMatchObject({ records: 95_358, billable: 72_621 });
    // The codes file's 74,719 codes with the headers above them derived.
    const codes2026 = files.find((f) => f.fiscal_year === 2026 && f.kind === 'codes')!;
    expect(codes2026.counts).toMatchObject({ billable: 74_719 });
    expect(codes2026.counts.headers).toBeGreaterThan(20_000);
    const addenda = files.find((f) => f.fiscal_year === 2025 && f.kind === 'addenda')!;
    expect(addenda.counts).toEqual({ add: 252, delete: 36, revise: 13 });
  });

  it('re-importing the same files is a no-op', async () => {
    const before = await tableCounts(store);
    const report = await importIcd10cm(store, { dir: codesetsDir(), progress: false });
    expect(report.upToDate).toBe(true);
    expect(report.releases.flatMap((r) => r.imported)).toEqual([]);
    const fy2021 = report.releases.find((r) => r.key.fiscalYear === 2021)!;
    expect(fy2021.billableCheck).toMatchObject({ equal: true, derived: 72_621, orderFile: 72_621 });
    expect(await tableCounts(store)).toEqual(before);
  });
});

describe.each(scratchStores())('importing into an empty $name store', (spec) => {
  it('imports a release, then a second one beside it, and re-import changes nothing', async () => {
    const store = await openScratch(spec);
    try {
      const first = await importIcd10cm(store, {
        dir: folder({ 'a/tabular.xml': MINI_TABULAR, 'a/index.xml': INDEX_2099 }),
        progress: false,
      });
      expect(first.upToDate).toBe(false);
      expect(first.releases).toHaveLength(1);
      expect(first.releases[0]!.imported).toEqual(['tabular', 'index']);
      expect(first.releases[0]!.totals.indexTerms).toBe(1);
      expect(first.releases[0]!.totals.billable).toBeGreaterThan(0);

      // Same content under a different fiscal year and a mid-year effective date: a second release.
      const update = folder({
        'icd10cm_tabular_April-2099.xml': MINI_TABULAR.replace(
          '<version>2099</version>',
          '<version>2099</version>',
        ),
      });
      const second = await importIcd10cm(store, { dir: update, progress: false });
      expect(second.releases[0]!.key.effectiveFrom).toBe('2099-04-01');
      const releases = await store.db.selectFrom('icd10cm_release').select(['effective_from']).execute();
      expect(releases.map((r) => r.effective_from).sort()).toEqual(['2098-10-01', '2099-04-01']);

      const before = await tableCounts(store);
      const again = await importIcd10cm(store, { dir: update, progress: false });
      expect(again.upToDate).toBe(true);
      expect(await tableCounts(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('a malformed file anywhere aborts the whole import and leaves the store as it was', async () => {
    const store = await openScratch(spec);
    try {
      const truncated = INDEX_2099.slice(0, INDEX_2099.indexOf('</mainTerm>'));
      const dir = folder({ '2099/tabular.xml': MINI_TABULAR, '2099/index.xml': truncated });
      const before = await tableCounts(store);
      const err = await importIcd10cm(store, { dir, progress: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).file).toBe('index.xml');
      expect((err as ImportError).line).toBeGreaterThan(0);
      // The tabular was written before the index failed; the transaction took it back.
      expect(await tableCounts(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('refuses a different file for a kind the release already has', async () => {
    const store = await openScratch(spec);
    try {
      await importIcd10cm(store, { dir: folder({ 't.xml': MINI_TABULAR }), progress: false });
      const changed = MINI_TABULAR.replace(
        'Fracture of vault of skull',
        'Fracture of vault of skull (edited)',
      );
      const err = await importIcd10cm(store, { dir: folder({ 't.xml': changed }), progress: false }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImportError);
      expect(String((err as Error).message)).toMatch(/already has a different tabular file/);
    } finally {
      await store.close();
    }
  });

  it('says so when a folder has no ICD-10-CM files', async () => {
    const store = await openScratch(spec);
    try {
      await expect(
        importIcd10cm(store, { dir: folder({ 'readme.txt': 'hello' }), progress: false }),
      ).rejects.toThrow(/no ICD-10-CM release files/);
      await expect(importIcd10cm(store, { dir: '/nonexistent/medcoder', progress: false })).rejects.toThrow(
        /not found/,
      );
    } finally {
      await store.close();
    }
  });
});

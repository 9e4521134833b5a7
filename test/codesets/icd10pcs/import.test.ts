import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';
import { importPcs } from '../../../src/codesets/icd10pcs/import.js';
import { discoverPcs, icd10pcsImporter } from '../../../src/codesets/icd10pcs/importer.js';
import type { Store } from '../../../src/store/index.js';
import {
  buildStep,
  choosePcsRelease,
  loadPcsCodeSet,
  validatePcs,
} from '../../../src/terminology/pcs/index.js';
import { openScratch, scratchStores } from '../../support/stores.js';
import { codesLines, FIXTURE_CODES, orderLine, orderLines, writeRelease } from './fixture.js';

/** Everything the PCS tables hold, to prove a failed import changed nothing. */
async function snapshot(store: Store) {
  const count = async (table: 'icd10pcs_release' | 'icd10pcs_code' | 'icd10pcs_label' | 'icd10pcs_table') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const releases = await store.db.selectFrom('icd10pcs_release').select(['id', 'effective_from']).execute();
  return {
    releases,
    codes: await count('icd10pcs_code'),
    labels: await count('icd10pcs_label'),
    tables: await count('icd10pcs_table'),
  };
}

async function rejection(promise: Promise<unknown>): Promise<ImportError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe.each(scratchStores())('ICD-10-PCS import ($name)', (spec) => {
  let store: Store;
  const good = writeRelease({ order: orderLines(), codes: codesLines() });
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('imports an order and codes file pair as the fiscal year its names state, with every character labelled', async () => {
    const report = await importPcs(store, good, { progress: false });
    expect(report).toMatchObject({
      fiscalYear: 2026,
      effectiveFrom: '2025-10-01',
      codes: 11,
      tables: 2,
      upToDate: false,
    });
    const choice = await choosePcsRelease(store.db, { date: '2026-03-01' });
    expect(choice).toMatchObject({
      outsideWindow: false,
      release: { fiscalYear: 2026, effectiveTo: '2026-09-30' },
    });
    const set = await loadPcsCodeSet(store.db, choice.release);
    const check = validatePcs(set, '0FT44ZZ');
    expect(check.valid).toBe(true);
    expect(check.title).toBe('Resection of Gallbladder, Percutaneous Endoscopic Approach');
    expect(check.characters.map((c) => [c.name, c.value, c.label])).toEqual([
      ['Section', '0', 'Medical and Surgical'],
      ['Body System', 'F', 'Hepatobiliary System and Pancreas'],
      ['Operation', 'T', 'Resection'],
      ['Body Part', '4', 'Gallbladder'],
      ['Approach', '4', 'Percutaneous Endoscopic'],
      ['Device', 'Z', 'No Device'],
      ['Qualifier', 'Z', 'No Qualifier'],
    ]);
    expect(buildStep(set, '0DTJ').choices.map((c) => `${c.value}=${c.label}`)).toEqual([
      '0=Open',
      '4=Percutaneous Endoscopic',
      '7=Via Natural or Artificial Opening',
      '8=Via Natural or Artificial Opening Endoscopic',
    ]);
    expect(buildStep(set, '0FT44Z').choices.map((c) => `${c.value}=${c.label}`)).toEqual([
      'G=Hand-Assisted',
      'Z=No Qualifier',
    ]);
    // Each choice counts the codes that continue with it, in the codes' order: the tally of a
    // walk over every code with the prefix.
    for (const prefix of ['', '0', '0D', '0DT', '0DTJ', '0DTJ4', '0FT44Z']) {
      const tally = new Map<string, number>();
      for (const code of set.codes)
        if (code.startsWith(prefix))
          tally.set(code[prefix.length]!, (tally.get(code[prefix.length]!) ?? 0) + 1);
      const choices = buildStep(set, prefix).choices;
      expect(
        choices.map((c) => [c.value, c.codes]),
        prefix,
      ).toEqual([...tally]);
    }
  });

  it('is idempotent: the same files again write nothing', async () => {
    const before = await snapshot(store);
    const again = await importPcs(store, good, { progress: false });
    expect(again.upToDate).toBe(true);
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects a malformed order line with its file and line number and leaves the store unchanged', async () => {
    const before = await snapshot(store);
    const lines = orderLines(FIXTURE_CODES.slice(0, 10));
    lines.splice(4, 0, '00099 0DTJ0Z  1 too short a code');
    const bad = writeRelease({ order: lines, codes: codesLines(FIXTURE_CODES.slice(0, 10)) });
    const err = await rejection(importPcs(store, bad, { progress: false }));
    expect(err.message).toMatch(/^icd10pcs_order_2026\.txt:5:/);
    expect(err.message).toContain('"0DTJ0Z" is not a 7-character PCS code');
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects a flag that is neither 0 nor 1, and a code before its table header', async () => {
    const flagged = orderLines();
    flagged[2] = flagged[2]!.slice(0, 14) + '2' + flagged[2]!.slice(15);
    const err = await rejection(
      importPcs(store, { order: writeRelease({ order: flagged }).order }, { progress: false }),
    );
    expect(err.message).toMatch(/icd10pcs_order_2026\.txt:3:15: flag is "2"/);
    const headless = orderLines().filter((l) => !l.startsWith('00001'));
    const err2 = await rejection(
      importPcs(store, { order: writeRelease({ order: headless }).order }, { progress: false }),
    );
    expect(err2.message).toMatch(/:1: code 0DTJ0ZZ comes before any header of its table 0DT/);
  });

  it('rejects a codes file that disagrees with the order file, naming the line', async () => {
    const before = await snapshot(store);
    const codes = codesLines();
    codes[3] = '0DTJ8ZZ Resection of Appendix, Endoscopic';
    const err = await rejection(
      importPcs(store, writeRelease({ order: orderLines(), codes }), { progress: false }),
    );
    expect(err.message).toMatch(
      /^icd10pcs_codes_2026\.txt:4: the title of 0DTJ8ZZ differs from icd10pcs_order_2026\.txt line \d+/,
    );
    const fewer = writeRelease({ order: orderLines(), codes: codesLines().slice(1) });
    const err2 = await rejection(importPcs(store, fewer, { progress: false }));
    expect(err2.message).toContain('code 0DTJ0ZZ is not in the codes file');
    expect(await snapshot(store)).toEqual(before);
  });

  it('replaces a release when different files arrive for the same effective date', async () => {
    const smaller = writeRelease({ order: orderLines(FIXTURE_CODES.slice(0, 8)) });
    const report = await importPcs(store, { order: smaller.order }, { progress: false });
    expect(report).toMatchObject({ codes: 8, upToDate: false });
    const after = await snapshot(store);
    expect(after.releases).toHaveLength(1);
    expect(after.codes).toBe(8);
  });

  it('finds the files of a folder by name through `medcoder import`, and refuses a codes file without its order file', async () => {
    const found = await discoverPcs(good.dir);
    expect(found).toEqual([{ fiscalYear: 2026, order: good.order, codes: good.codes }]);
    expect(await icd10pcsImporter.present(good.dir)).toBe(true);
    const lonely = writeRelease({ codes: codesLines() }, 2025);
    await expect(discoverPcs(lonely.dir)).rejects.toThrow(/codes file for FY2025 but no order file/);
    const summary = await icd10pcsImporter.run(store, good.dir, { log: () => {}, progress: false });
    expect(summary.lines[0]).toMatch(
      /^ICD-10-PCS FY2026 effective 2025-10-01: 11 codes in 2 tables; labels /,
    );
  });

  it('says which line is malformed in the codes file', async () => {
    const codes = codesLines();
    codes[1] = '0DTJ4Z Resection of Appendix';
    const err = await rejection(
      importPcs(store, writeRelease({ order: orderLines(), codes }), { progress: false }),
    );
    expect(err.message).toMatch(/^icd10pcs_codes_2026\.txt:2: not a codes-file line/);
  });

  it('rejects a table header whose code is not a 3-character table', async () => {
    const lines = orderLines();
    lines[0] = orderLine(1, '0D', true, 'Gastrointestinal System', 'Gastrointestinal System, Resection');
    const err = await rejection(
      importPcs(store, { order: writeRelease({ order: lines }).order }, { progress: false }),
    );
    expect(err.message).toMatch(/^icd10pcs_order_2026\.txt:1:7: "0D" is not a 3-character PCS table/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';
import { importMue } from '../../../src/codesets/mue/import.js';
import type { Store } from '../../../src/store/index.js';
import { codesetFile, openScratch, scratchStores } from '../../support/stores.js';

const dir = 'mue/2024-07-01-derived';
const practitioner = codesetFile(`${dir}/MCR_MUE_PractitionerServices_Eff_07-01-2024.DERIVED.csv`);
const outpatient = codesetFile(`${dir}/MCR_MUE_OutpatientHospitalServices_Eff_07-01-2024.DERIVED.csv`);
const dme = codesetFile(`${dir}/MCR_MUE_DMESupplierServices_Eff_07-01-2024.DERIVED.csv`);

/** The CMS CSV layout: AMA notice as the first record, header cell with a line break inside quotes. */
const CMS_LAYOUT = [
  '"CPT codes, descriptions and other data only are copyright 2023 American Medical Association.  All rights reserved.',
  'Applicable FARS\\DFARS Restrictions Apply to Government Use.",,,',
  '"HCPCS/',
  'CPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"',
  '99213,2,"3 Date of Service Edit: Clinical","Clinical: Data"',
  'J0585,600,"3 Date of Service Edit: Clinical","Clinical: Data"',
  '11042,1,"2 Date of Service Edit: Policy","Code Descriptor / CPT Instruction"',
  '64483,1,"1 Line Edit","Anatomic Consideration"',
].join('\r\n');

describe.each(scratchStores())('MUE import ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('imports the three derived tables with their counts and MAI split', async () => {
    const reports = [];
    for (const f of [practitioner, outpatient, dme])
      reports.push(await importMue(store, f, { progress: false }));
    expect(reports.map((r) => [r.service, r.effectiveFrom, r.rows])).toEqual([
      ['practitioner', '2024-07-01', 14677],
      ['outpatient', '2024-07-01', 14628],
      ['dme', '2024-07-01', 2928],
    ]);
    const mai = await store.db
      .selectFrom('mue_value')
      .select(['mai', (eb) => eb.fn.countAll<number>().as('n')])
      .where('release_id', '=', reports[0]!.releaseId)
      .groupBy('mai')
      .orderBy('mai')
      .execute();
    expect(mai.map((r) => [r.mai, Number(r.n)])).toEqual([
      [1, 41],
      [2, 5157],
      [3, 9479],
    ]);
    const get = (id: number, code: string) =>
      store.db
        .selectFrom('mue_value')
        .selectAll()
        .where('release_id', '=', id)
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
    expect(await get(reports[0]!.releaseId, '99213')).toMatchObject({ mue: 2, mai: 3 });
    expect(await get(reports[0]!.releaseId, 'J0585')).toMatchObject({ mue: 600 });
    expect(await get(reports[2]!.releaseId, 'E0601')).toMatchObject({ mue: 1 });
    expect(await get(reports[0]!.releaseId, '0001U')).toMatchObject({
      mue: 1,
      mai: 2,
      rationale: 'Code Descriptor / CPT Instruction',
    });
    expect((await importMue(store, practitioner, { progress: false })).upToDate).toBe(true);
  });

  it('reads the CMS file layout with its copyright header rows', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mue-'));
    const file = join(tmp, 'MCR_MUE_PractitionerServices_Eff_01-01-2025.csv');
    writeFileSync(file, CMS_LAYOUT);
    const r = await importMue(store, file, { progress: false });
    expect(r).toMatchObject({
      service: 'practitioner',
      effectiveFrom: '2025-01-01',
      rows: 4,
      upToDate: false,
    });
    const line = await store.db
      .selectFrom('mue_value')
      .selectAll()
      .where('release_id', '=', r.releaseId)
      .where('code', '=', '64483')
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ mue: 1, mai: 1, rationale: 'Anatomic Consideration' });
  });

  it.each([
    ['bad MAI', '99213,2,"4 Something",Data', /:5:3: MUE adjudication indicator "4 Something"/],
    ['bad value', '99213,two,"3 Date of Service Edit: Clinical",Data', /:5:2: MUE value "two"/],
    ['bad code', '9921,2,"3 Date of Service Edit: Clinical",Data', /:5:1: "9921" is not a 5-character/],
    ['duplicate', '64483,1,"1 Line Edit",x', /:9: 64483 is listed twice \(first on line 5\)/],
  ])('rejects %s with file:line:column and keeps the store unchanged', async (_name, row, message) => {
    const tmp = mkdtempSync(join(tmpdir(), 'mue-'));
    const file = join(tmp, 'MCR_MUE_PractitionerServices_Eff_04-01-2025.csv');
    const lines = CMS_LAYOUT.split('\r\n');
    lines.splice(4, 0, row);
    writeFileSync(file, lines.join('\r\n'));
    const err = await importMue(store, file, { progress: false }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toMatch(message);
    const q2 = await store.db
      .selectFrom('mue_release')
      .selectAll()
      .where('effective_from', '=', '2025-04-01')
      .execute();
    expect(q2).toEqual([]);
  });

  it('rejects a file with no MUE header, and an unclosed quote', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mue-'));
    const none = join(tmp, 'MCR_MUE_x_Eff_01-01-2026.csv');
    writeFileSync(none, 'a,b,c\n1,2,3\n');
    await expect(importMue(store, none, { progress: false })).rejects.toThrow(/no "HCPCS\/CPT Code" header/);
    const open = join(tmp, 'MCR_MUE_y_Eff_01-01-2026.csv');
    writeFileSync(open, `${CMS_LAYOUT}\r\n99214,3,"3 Date of Service Edit: Clinical,Clinical`);
    await expect(importMue(store, open, { progress: false })).rejects.toThrow(
      /:9: a quoted field is never closed/,
    );
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';
import { importPtp } from '../../../src/codesets/ncci/ptp-import.js';
import { parsePtpFileName } from '../../../src/codesets/ncci/ptp-parse.js';
import type { Store } from '../../../src/store/index.js';
import { openScratch, scratchStores } from '../../support/stores.js';

const fixtures = resolve(import.meta.dirname, '..', '..', 'fixtures', 'ncci');
const practitioner = join(fixtures, 'SYNTHETIC-ccipra-v311r0-f1.txt');
const outpatient = join(fixtures, 'SYNTHETIC-ccioph-v311r0-f1.txt');

describe('PTP file names', () => {
  it.each([
    [
      'ccipra-v301r0-f1.txt',
      { setting: 'practitioner', version: 'v301r0', effectiveFrom: '2024-04-01', part: 'f1' },
    ],
    [
      'ccioph-v293r0-f4.TXT',
      { setting: 'outpatient', version: 'v293r0', effectiveFrom: '2023-10-01', part: 'f4' },
    ],
    [
      'ccipra-v310r1-f2.zip',
      { setting: 'practitioner', version: 'v310r1', effectiveFrom: '2025-01-01', part: 'f2' },
    ],
    ['SYNTHETIC-ccipra-v999r0-f1.txt', { setting: 'practitioner', effectiveFrom: undefined }],
  ])('%s', (name, expected) => {
    expect(parsePtpFileName(name)).toMatchObject(expected);
  });
  it('is undefined for other files', () => expect(parsePtpFileName('mue.csv')).toBeUndefined());
});

describe.each(scratchStores())('NCCI PTP import ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('imports the synthetic practitioner and hospital fixtures in the CMS layout', async () => {
    const pra = await importPtp(store, practitioner, { progress: false });
    expect(pra).toMatchObject({
      setting: 'practitioner',
      effectiveFrom: '2025-04-01',
      version: 'v311r0',
      part: 'f1',
      rows: 21,
    });
    const oph = await importPtp(store, outpatient, { progress: false });
    expect(oph).toMatchObject({ setting: 'outpatient', rows: 3 });
    const edit = await store.db
      .selectFrom('ncci_ptp_edit')
      .selectAll()
      .where('release_id', '=', pra.releaseId)
      .where('column1', '=', '93000')
      .executeTakeFirstOrThrow();
    expect(edit).toMatchObject({
      column2: '93005',
      prior_1996: true,
      effective_date: '1996-01-01',
      deletion_date: null,
      modifier_indicator: 0,
      rationale: 'Mutually exclusive procedures',
    });
    const deleted = await store.db
      .selectFrom('ncci_ptp_edit')
      .select(['deletion_date', 'modifier_indicator'])
      .where('column1', '=', '12001')
      .executeTakeFirstOrThrow();
    expect(deleted).toEqual({ deletion_date: '2023-04-01', modifier_indicator: 1 });
    expect((await importPtp(store, practitioner, { progress: false })).upToDate).toBe(true);
  });

  it('reads the file from inside a zip', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ptp-'));
    const zip = join(tmp, 'ccipra-v312r0-f1.zip');
    writeFileSync(zip, zipSync({ 'ccipra-v312r0-f1.txt': readFileSync(practitioner) }));
    const r = await importPtp(store, zip, { progress: false });
    expect(r).toMatchObject({ effectiveFrom: '2025-07-01', rows: 21 });
  });

  it.each([
    ['bad modifier indicator', '11042\t97597\t\t20130101\t*\t2\tx', /:5:6: modifier indicator "2"/],
    ['bad effective date', '11042\t97597\t\t20131301\t*\t1\tx', /:5:4: effective date "20131301"/],
    ['bad deletion date', '11042\t97597\t\t20130101\tnever\t1\tx', /:5:5: deletion date "never"/],
    ['bad column 2', '11042\t9759\t\t20130101\t*\t1\tx', /:5:2: column 2 code "9759"/],
    ['short line', '11042\t97597\t\t20130101', /:5:1: expected 7 tab-separated columns, found 4/],
    [
      'duplicate edit',
      '29881\t29877\t\t20120101\t*\t0\tdup',
      /edit 29881\/29877 effective 2012-01-01 is listed twice/,
    ],
  ])('rejects %s with file:line:column and rolls back', async (_name, row, message) => {
    const tmp = mkdtempSync(join(tmpdir(), 'ptp-'));
    const file = join(tmp, 'ccipra-v320r0-f1.txt');
    const lines = readFileSync(practitioner, 'latin1').split('\r\n');
    lines.splice(4, 0, row);
    writeFileSync(file, lines.join('\r\n'));
    const err = await importPtp(store, file, { progress: false }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toMatch(message);
    const left = await store.db
      .selectFrom('ncci_ptp_release')
      .selectAll()
      .where('version', '=', 'v320r0')
      .execute();
    expect(left).toEqual([]);
  });

  it('rejects a file without the Column 1/Column 2 header', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ptp-'));
    const file = join(tmp, 'ccipra-v321r0-f1.txt');
    writeFileSync(file, '11042\t97597\t\t20130101\t*\t1\tx\r\n');
    await expect(importPtp(store, file, { progress: false })).rejects.toThrow(
      /:1: data before the "Column 1 \/ Column 2" header/,
    );
  });
});

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAddenda } from '../../../src/codesets/icd10cm/addenda-parser.js';
import { codesWithHeaders, parseCodesFile } from '../../../src/codesets/icd10cm/codes-file-parser.js';
import { sniffIcd10cmFile } from '../../../src/codesets/icd10cm/sniff.js';
import { codesetFile } from '../../support/stores.js';
import { expectImportError, writeFixture } from './tabular-fixtures.js';

/** A codes-file line: the code without its dot padded to 7, a blank, the title. */
const line = (bare: string, title: string) => `${bare.padEnd(7)} ${title}`;
const LINES = [
  line('A000', 'Cholera due to Vibrio cholerae 01, biovar cholerae'),
  line('E11A', 'Type 2 diabetes mellitus without complications in remission'),
  line('T513X1A', 'Toxic effect of fusel oil, accidental (unintentional), initial encounter'),
  line('QA00101', 'SCN2A-related neurodevelopmental disorder'),
];

describe('the CDC codes file', () => {
  it('reads the FY2026 file as shipped (gzipped): 74,719 codes with FY2024-FY2026 additions', async () => {
    const file = codesetFile('icd10cm/fy2026/icd10cm-codes-2026.txt.gz');
    expect(await sniffIcd10cmFile(file)).toBe('codes');
    const records = await parseCodesFile(file);
    expect(records).toHaveLength(74_719);
    const byCode = new Map(records.map((r) => [r.code, r.title]));
    expect(byCode.get('E11.A')).toBe('Type 2 diabetes mellitus without complications in remission');
    for (const code of ['R40.2A', 'D75.84', 'E10.A0', 'QA0.0101']) expect(byCode.has(code), code).toBe(true);
    expect(byCode.has('C83.39')).toBe(false); // deleted in FY2025 (it became a header)
  });

  it('reads plain and gzipped copies alike, with CRLF', async () => {
    const text = `${LINES.join('\r\n')}\r\n`;
    const plain = writeFixture('codes-plain.txt', text);
    const gz = writeFixture('codes-gz.txt.gz', '');
    writeFileSync(gz, gzipSync(text));
    for (const file of [plain, gz]) {
      expect(await sniffIcd10cmFile(file), file).toBe('codes');
      expect((await parseCodesFile(file)).map((r) => r.code)).toEqual([
        'A00.0',
        'E11.A',
        'T51.3X1A',
        'QA0.0101',
      ]);
    }
  });

  it('puts the headers back above their codes, skipping placeholder X prefixes', () => {
    const records = codesWithHeaders(
      [
        { code: 'A00.0', title: 'Cholera due to Vibrio cholerae 01, biovar cholerae' },
        { code: 'T51.3X1A', title: 'Toxic effect of fusel oil, accidental, initial' },
      ],
      new Map([['A00', 'Cholera']]),
    );
    expect(records.map((r) => [r.code, r.billable])).toEqual([
      ['A00', false],
      ['A00.0', true],
      ['T51', false],
      ['T51.3', false],
      ['T51.3X1', false],
      ['T51.3X1A', true],
    ]);
    expect(records[0]?.longTitle).toBe('Cholera');
    expect(records[2]?.longTitle).toMatch(
      /^T51 \(header; the codes file lists only codes valid for submission\)$/,
    );
    expect(records.map((r) => r.orderNo)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names the file, line and column of a malformed line', async () => {
    const bad = writeFixture('codes-bad.txt', [LINES[0], 'E11-9   Bad code', LINES[1]].join('\n'));
    await expectImportError(
      () => parseCodesFile(bad),
      'codes-bad.txt',
      2,
      /"E11-9" is not an ICD-10-CM code/,
    );
    const twice = writeFixture('codes-twice.txt', [LINES[0], LINES[0]].join('\n'));
    await expectImportError(() => parseCodesFile(twice), 'codes-twice.txt', 2, /appears twice/);
    const corrupt = writeFixture('codes-corrupt.txt.gz', 'not gzip at all');
    await expectImportError(() => parseCodesFile(corrupt), 'codes-corrupt.txt.gz', undefined, /cannot read/);
  });
});

describe('the CDC codes addenda', () => {
  it('reads the FY2025 addenda and checks them against their own trailer', async () => {
    const file = codesetFile('icd10cm/fy2025/icd10cm-codes-addenda-2025.txt');
    expect(await sniffIcd10cmFile(file)).toBe('addenda');
    const records = await parseAddenda(file);
    const count = (a: string) => records.filter((r) => r.action === a).length;
    expect([count('add'), count('delete'), count('revise')]).toEqual([252, 36, 13]);
    expect(records.find((r) => r.code === 'A77.41')).toEqual({
      action: 'revise',
      code: 'A77.41',
      title: 'Ehrlichiosis chaffeensis [E. chaffeensis]',
      previousTitle: 'Ehrlichiosis chafeensis [E. chafeensis]',
    });
    expect(records.find((r) => r.code === 'C83.39')?.action).toBe('delete');
  });

  it('refuses a trailer that disagrees and a revision without its pair', async () => {
    const add = 'Add:         C810A   Nodular lymphocyte predominant Hodgkin lymphoma, in remission';
    const wrong = writeFixture('addenda-wrong.txt', `${add}\n\nCodes\n      2 additions\n`);
    await expectImportError(
      () => parseAddenda(wrong),
      'addenda-wrong.txt',
      undefined,
      /states 2 additions but the file lists 1/,
    );
    const unpaired = writeFixture('addenda-unpaired.txt', `Revise from: A7741   Old title\n${add}\n`);
    await expectImportError(
      () => parseAddenda(unpaired),
      'addenda-unpaired.txt',
      2,
      /has no "Revise to:" line/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseOrderFile, withDot } from '../../../src/codesets/icd10cm/order-parser.js';
import { codesetFile } from '../../support/stores.js';
import { expectImportError, writeFixture } from './tabular-fixtures.js';

/** One order-file line in the CMS fixed-width layout. */
function line(orderNo: number, bare: string, flag: string, short: string, long = short): string {
  return `${String(orderNo).padStart(5, '0')} ${bare.padEnd(7)} ${flag} ${short.padEnd(60)} ${long}`;
}

const LINES = [
  line(1, 'A00', '0', 'Cholera'),
  line(2, 'A000', '1', 'Cholera due to Vibrio cholerae 01, biovar cholerae'),
  line(
    3,
    'S020XXA',
    '1',
    'Fracture of vault of skull, init for clos fx',
    'Fracture of vault of skull, initial encounter for closed fracture',
  ),
];

describe('parseOrderFile on the CMS FY2021 order file', () => {
  it('reads 95,358 records, 72,621 of them valid, with dotted codes', async () => {
    const records = await parseOrderFile(codesetFile('icd10cm/fy2021/icd10cm-order-Jan-2021.txt'));
    expect(records).toHaveLength(95_358);
    expect(records.filter((r) => r.billable)).toHaveLength(72_621);
    expect(records[0]).toEqual({
      orderNo: 1,
      code: 'A00',
      billable: false,
      shortTitle: 'Cholera',
      longTitle: 'Cholera',
    });
    const e1165 = records.find((r) => r.code === 'E11.65');
    expect(e1165).toMatchObject({ billable: true, longTitle: 'Type 2 diabetes mellitus with hyperglycemia' });
    expect(records.find((r) => r.code === 'S72.001A')?.billable).toBe(true);
    expect(records.at(-1)?.orderNo).toBe(95_358);
  });
});

describe('parseOrderFile on hand-made fixtures', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('reads %s line ends, with or without a final line break', async (label, eol) => {
    for (const trailing of [eol, '']) {
      const file = writeFixture(`order-${label}.txt`, LINES.join(eol) + trailing);
      const records = await parseOrderFile(file);
      expect(records.map((r) => [r.orderNo, r.code, r.billable])).toEqual([
        [1, 'A00', false],
        [2, 'A00.0', true],
        [3, 'S02.0XXA', true],
      ]);
      expect(records[2]?.shortTitle).toBe('Fracture of vault of skull, init for clos fx');
      expect(records[2]?.longTitle).toBe('Fracture of vault of skull, initial encounter for closed fracture');
    }
  });

  it('reports progress in bytes', async () => {
    const content = `${LINES.join('\n')}\n`;
    const seen: number[] = [];
    await parseOrderFile(writeFixture('progress.txt', content), (b) => seen.push(b));
    expect(seen.at(-1)).toBe(Buffer.byteLength(content));
  });

  it.each([
    ['a short line', 'A00 0 Cholera', /line is 13 characters long/],
    ['a bad flag', line(4, 'A001', '2', 'Cholera'), /flag "2"/],
    ['a bad code', line(4, 'A0-1', '1', 'Cholera'), /"A0-1" is not an ICD-10-CM code/],
    ['a bad order number', line(4, 'A001', '1', 'Cholera').replace('00004', '0004x'), /order number "0004x"/],
    ['a missing blank', line(4, 'A001', '1', 'Cholera').replace('00004 ', '00004-'), /blank at column 6/],
    ['a duplicate code', line(4, 'A000', '1', 'Cholera'), /code A00.0 appears twice/],
    ['an order number going backwards', line(2, 'A001', '1', 'Cholera'), /order number 2 does not follow 3/],
    ['an empty long title', `${line(4, 'A001', '1', 'Cholera').slice(0, 77)}   `, /long title is empty/],
  ])('rejects %s with its line number', async (label, bad, reason) => {
    const name = `bad-${label.replace(/\W+/g, '-')}.txt`;
    const file = writeFixture(
      name,
      [...LINES, bad, line(9, 'A009', '1', 'Cholera, unspecified')].join('\r\n'),
    );
    const err = await expectImportError(() => parseOrderFile(file), name, 4, reason);
    expect(err.column).toBeGreaterThan(0);
  });

  it('rejects an empty file and names a missing one', async () => {
    await expectImportError(
      () => parseOrderFile(writeFixture('empty.txt', '\n')),
      'empty.txt',
      undefined,
      /no records/,
    );
    await expectImportError(
      () => parseOrderFile('/nonexistent/order.txt'),
      'order.txt',
      undefined,
      /cannot read/,
    );
  });

  it('puts the dot after the category', () => {
    expect(withDot('A00')).toBe('A00');
    expect(withDot('E1165')).toBe('E11.65');
    expect(withDot('T07XXXA')).toBe('T07.XXXA');
  });
});

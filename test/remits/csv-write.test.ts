import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../src/remits/csv.js';

describe('CSV writer', () => {
  it('quotes what needs quoting, CRLF rows, and reads back with parseCsv', () => {
    const rows = [
      ['coder', 'comment', 'n', 'none'],
      ['ann', 'said "E11.65", not E11.9', 0.95, null],
      ['bob', 'two\nlines, one comma', 3, undefined],
    ];
    const csv = formatCsv(rows);
    expect(csv).toBe(
      'coder,comment,n,none\r\nann,"said ""E11.65"", not E11.9",0.95,\r\nbob,"two\nlines, one comma",3,\r\n',
    );
    expect(parseCsv(csv).map((r) => r.fields)).toEqual([
      ['coder', 'comment', 'n', 'none'],
      ['ann', 'said "E11.65", not E11.9', '0.95', ''],
      ['bob', 'two\nlines, one comma', '3', ''],
    ]);
  });

  it('text a spreadsheet would run as a formula gets an apostrophe; numbers stay numbers', () => {
    expect(formatCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', -2, 'E11.9']])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),-2,E11.9\r\n`,
    );
  });
});

/**
 * Small ICD-10-PCS release files in the CMS layouts, written to a temporary folder, for import
 * tests that need bad lines in known places. The titles are real CMS titles.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One order-file record: order number, code, flag, 60-character short title, long title. */
export function orderLine(order: number, code: string, header: boolean, short: string, long: string): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${header ? '0' : '1'} ${short.padEnd(60)} ${long}`;
}

export const FIXTURE_CODES: Array<[string, string]> = [
  ['0DTJ0ZZ', 'Resection of Appendix, Open Approach'],
  ['0DTJ4ZZ', 'Resection of Appendix, Percutaneous Endoscopic Approach'],
  ['0DTJ7ZZ', 'Resection of Appendix, Via Natural or Artificial Opening'],
  ['0DTJ8ZZ', 'Resection of Appendix, Via Natural or Artificial Opening Endoscopic'],
  ['0DTK0ZZ', 'Resection of Ascending Colon, Open Approach'],
  ['0DTK4ZZ', 'Resection of Ascending Colon, Percutaneous Endoscopic Approach'],
  ['0FT40ZZ', 'Resection of Gallbladder, Open Approach'],
  ['0FT44ZZ', 'Resection of Gallbladder, Percutaneous Endoscopic Approach'],
  ['0FT44ZG', 'Resection of Gallbladder, Percutaneous Endoscopic Approach, Hand-Assisted'],
  ['0FTG0ZZ', 'Resection of Pancreas, Open Approach'],
  ['0FTG4ZZ', 'Resection of Pancreas, Percutaneous Endoscopic Approach'],
];

const HEADERS: Record<string, string> = {
  '0DT': 'Gastrointestinal System, Resection',
  '0FT': 'Hepatobiliary System and Pancreas, Resection',
};

/** The order file's lines: each table's header, then its codes. */
export function orderLines(codes = FIXTURE_CODES): string[] {
  const lines: string[] = [];
  let n = 1;
  let table = '';
  for (const [code, title] of [...codes].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (code.slice(0, 3) !== table) {
      table = code.slice(0, 3);
      lines.push(orderLine(n++, table, true, HEADERS[table]!, HEADERS[table]!));
    }
    lines.push(orderLine(n++, code, false, title.slice(0, 60), title));
  }
  return lines;
}

export const codesLines = (codes = FIXTURE_CODES) => codes.map(([code, title]) => `${code} ${title}`);

/** Writes the files (CRLF, as CMS does) into a fresh folder; returns their paths. */
export function writeRelease(
  files: { order?: string[]; codes?: string[] },
  year = 2026,
): { dir: string; order: string; codes: string } {
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-pcs-'));
  const order = join(dir, `icd10pcs_order_${year}.txt`);
  const codes = join(dir, `icd10pcs_codes_${year}.txt`);
  if (files.order) writeFileSync(order, `${files.order.join('\r\n')}\r\n`, 'latin1');
  if (files.codes) writeFileSync(codes, `${files.codes.join('\r\n')}\r\n`, 'latin1');
  return { dir, order, codes };
}

/**
 * Parsers of the two CMS ICD-10-PCS text files. Both are ASCII, one record per line:
 *
 * - codes file (`icd10pcs_codes_YYYY.txt`): 7-character code, one space, long title;
 * - order file (`icd10pcs_order_YYYY.txt`): fixed width, columns 1-5 order number, 7-13 code
 *   (left-justified, 3 characters for a table header), 15 flag (1 = valid code, 0 = table
 *   header), 17-76 short title, 78- long title (CMS "ICD-10-PCS Order File" layout).
 *
 * A line that does not fit the layout is an ImportError at its line number; nothing is guessed.
 */

import { ImportError } from '../errors.js';
import type { NumberedLine } from '../ncci/text-lines.js';

/** PCS values are digits and letters except I and O (they read as 1 and 0). */
export const PCS_VALUE = /^[0-9A-HJ-NP-Z]$/;
const PCS_CODE = /^[0-9A-HJ-NP-Z]{7}$/;
const PCS_TABLE = /^[0-9A-HJ-NP-Z]{3}$/;

export interface PcsCodeLine {
  code: string;
  title: string;
  line: number;
}

export interface PcsOrderRecord {
  order: number;
  /** 7 characters for a valid code, 3 for a table header. */
  code: string;
  header: boolean;
  shortTitle: string;
  longTitle: string;
  line: number;
}

export async function* parsePcsCodes(
  lines: AsyncIterable<NumberedLine>,
  file: string,
): AsyncGenerator<PcsCodeLine> {
  for await (const { text, line } of lines) {
    if (text.trim() === '') continue;
    const code = text.slice(0, 7);
    if (!PCS_CODE.test(code) || text[7] !== ' ') {
      throw new ImportError(
        file,
        line,
        `not a codes-file line (7-character PCS code, a space, the title): "${clip(text)}"`,
      );
    }
    const title = text.slice(8).trim();
    if (!title) throw new ImportError(file, line, `code ${code} has no title`);
    yield { code, title, line };
  }
}

export async function* parsePcsOrder(
  lines: AsyncIterable<NumberedLine>,
  file: string,
): AsyncGenerator<PcsOrderRecord> {
  for await (const { text, line } of lines) {
    if (text.trim() === '') continue;
    const order = text.slice(0, 5);
    const code = text.slice(6, 13).trimEnd();
    const flag = text[14];
    if (!/^\d{5}$/.test(order) || text[5] !== ' ' || text[13] !== ' ' || text[15] !== ' ') {
      throw new ImportError(
        file,
        line,
        `not an order-file record (5-digit order number, code, flag, titles): "${clip(text)}"`,
      );
    }
    if (flag !== '0' && flag !== '1') {
      throw new ImportError(
        file,
        line,
        `flag is "${flag ?? ''}", expected 1 (valid code) or 0 (table header)`,
        15,
      );
    }
    const header = flag === '0';
    if (header ? !PCS_TABLE.test(code) : !PCS_CODE.test(code)) {
      throw new ImportError(
        file,
        line,
        header
          ? `"${code}" is not a 3-character PCS table (a header's code)`
          : `"${code}" is not a 7-character PCS code`,
        7,
      );
    }
    const shortTitle = text.slice(16, 76).trim();
    const longTitle = text.slice(77).trim();
    if (!shortTitle || !longTitle)
      throw new ImportError(file, line, `${code} has no ${shortTitle ? 'long' : 'short'} title`);
    yield { order: Number(order), code, header, shortTitle, longTitle, line };
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

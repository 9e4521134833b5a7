import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CATEGORY_PATTERN } from '../../terminology/code-format.js';
import { ImportError } from '../errors.js';

/** One record of the ICD-10-CM order file (`icd10cm_order_YYYY.txt`). */
export interface OrderRecord {
  /** The record's position in the file's tabular order (1-based, as printed). */
  orderNo: number;
  /** With the dot after the category, as everywhere else in medcoder: "E11.65". */
  code: string;
  /** Flag 1: valid for HIPAA-covered transactions. Flag 0: a header (category or subcategory). */
  billable: boolean;
  shortTitle: string;
  longTitle: string;
}

// Fixed-width layout (CMS "ICD-10-CM and ICD-10-PCS order files" description), 0-based columns.
const ORDER_NO = [0, 5] as const;
const CODE = [6, 13] as const;
const FLAG = 14;
const SHORT = [16, 76] as const;
const LONG_START = 77;
const SEPARATORS = [5, 13, 15, 76] as const;

const ORDER_NO_PATTERN = /^\d{5}$/;
const CODE_PATTERN = new RegExp(`^${CATEGORY_PATTERN}[0-9A-Z]{0,4}$`);

/**
 * Parses an ICD-10-CM order file line by line (CRLF or LF), inserting the dot into each code.
 * Any malformed line (wrong width, bad order number, code or flag, missing title, a code twice,
 * order numbers going backwards) is an ImportError naming the file, line and column.
 * `onProgress` gets bytes read so far.
 */
export async function parseOrderFile(
  file: string,
  onProgress?: (bytesRead: number) => void,
): Promise<OrderRecord[]> {
  const name = basename(file);
  try {
    statSync(file);
  } catch {
    throw new ImportError(name, undefined, `cannot read file ${file}`);
  }
  const records: OrderRecord[] = [];
  const seen = new Set<string>();
  let lineNo = 0;
  let rest = '';
  let bytes = 0;

  const take = (line: string) => {
    lineNo++;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return; // a blank line (e.g. after the last record) carries nothing
    const record = parseOrderLine(text, (reason, column) => new ImportError(name, lineNo, reason, column));
    if (seen.has(record.code))
      throw new ImportError(name, lineNo, `code ${record.code} appears twice`, CODE[0] + 1);
    const previous = records[records.length - 1];
    if (previous && record.orderNo <= previous.orderNo) {
      throw new ImportError(
        name,
        lineNo,
        `order number ${record.orderNo} does not follow ${previous.orderNo} (the file is out of order)`,
        1,
      );
    }
    seen.add(record.code);
    records.push(record);
  };

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      const text = rest + (chunk as string);
      bytes += Buffer.byteLength(chunk as string);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        take(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
      onProgress?.(bytes);
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(name, lineNo || undefined, `cannot read the file: ${(err as Error).message}`);
  } finally {
    stream.destroy();
  }
  if (rest !== '') take(rest);
  if (records.length === 0) throw new ImportError(name, undefined, 'the order file holds no records');
  return records;
}

/**
 * Parses one order-file line (without its line break). `error(reason, column)` builds the
 * error to throw, so the caller decides how to locate it.
 */
export function parseOrderLine(line: string, error: (reason: string, column: number) => Error): OrderRecord {
  if (line.length <= LONG_START) {
    throw error(
      `line is ${line.length} characters long; an order record has at least ${LONG_START + 1}`,
      line.length,
    );
  }
  for (const col of SEPARATORS) {
    if (line[col] !== ' ')
      throw error(`expected a blank at column ${col + 1}, found "${line[col]}"`, col + 1);
  }
  const orderNo = line.slice(...ORDER_NO);
  if (!ORDER_NO_PATTERN.test(orderNo))
    throw error(`order number "${orderNo}" is not 5 digits`, ORDER_NO[0] + 1);
  const bare = line.slice(...CODE).trimEnd();
  if (!CODE_PATTERN.test(bare)) throw error(`"${bare}" is not an ICD-10-CM code`, CODE[0] + 1);
  const flag = line[FLAG];
  if (flag !== '0' && flag !== '1')
    throw error(`flag "${flag}" is neither 0 (header) nor 1 (valid)`, FLAG + 1);
  const shortTitle = line.slice(...SHORT).trim();
  if (!shortTitle) throw error('the short title is empty', SHORT[0] + 1);
  const longTitle = line.slice(LONG_START).trim();
  if (!longTitle) throw error('the long title is empty', LONG_START + 1);
  return { orderNo: Number(orderNo), code: withDot(bare), billable: flag === '1', shortTitle, longTitle };
}

/** "E1165" → "E11.65"; a 3-character category has no dot. */
export function withDot(bare: string): string {
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

import { basename } from 'node:path';
import { CATEGORY_PATTERN } from '../../terminology/code-format.js';
import { ImportError } from '../errors.js';
import type { OrderRecord } from './order-parser.js';
import { withDot } from './order-parser.js';
import { forEachLine } from './text-file-lines.js';

/**
 * The CDC's "codes" file (`icd10cm-codes-2026.txt`, also seen gzipped): one line per code valid
 * for submission, the code without its dot padded to 7 characters, a blank, the long title. It
 * has no headers, no short titles and no notes: a release that has only this file answers which
 * codes are valid and their titles, and nothing else.
 */
const CODE = new RegExp(`^${CATEGORY_PATTERN}[0-9A-Z]{0,4}$`);
const TITLE_AT = 8;

export interface CodesFileRecord {
  code: string;
  title: string;
}

export async function parseCodesFile(
  file: string,
  onProgress?: (bytesRead: number) => void,
): Promise<CodesFileRecord[]> {
  const name = basename(file);
  const records: CodesFileRecord[] = [];
  const seen = new Set<string>();
  await forEachLine(
    file,
    (line, lineNo) => {
      if (line.trim() === '') return;
      const fail = (reason: string, column: number) => new ImportError(name, lineNo, reason, column);
      if (line.length <= TITLE_AT)
        throw fail(
          `line is ${line.length} characters long; a code record has a title from column ${TITLE_AT + 1}`,
          line.length,
        );
      if (line[7] !== ' ') throw fail(`expected a blank at column 8, found "${line[7]}"`, 8);
      const bare = line.slice(0, 7).trimEnd();
      if (!CODE.test(bare)) throw fail(`"${bare}" is not an ICD-10-CM code`, 1);
      const title = line.slice(TITLE_AT).trim();
      if (!title) throw fail('the title is empty', TITLE_AT + 1);
      const code = withDot(bare);
      if (seen.has(code)) throw fail(`code ${code} appears twice`, 1);
      seen.add(code);
      records.push({ code, title });
    },
    onProgress,
  );
  if (records.length === 0) throw new ImportError(name, undefined, 'the codes file holds no records');
  return records;
}

/**
 * The codes file as order-file records: its codes (all valid for submission) with the headers
 * above them put back, each header right before its first code, so the release's code list is in
 * Tabular order and "E11 is a header: choose one of its codes" can be said for this release too.
 * A header is every shorter prefix of a code from the 3-character category on, except a prefix
 * ending in a placeholder X (T51.3X is not a code; T51.3X1A's headers are T51.3X1, T51.3 and T51).
 * Header titles come from `knownTitles` (another release's), else say where they came from.
 */
export function codesWithHeaders(
  records: readonly CodesFileRecord[],
  knownTitles: ReadonlyMap<string, string>,
): OrderRecord[] {
  const valid = new Set(records.map((r) => r.code.replace('.', '')));
  const emitted = new Set<string>();
  const out: OrderRecord[] = [];
  const push = (compact: string, billable: boolean, title: string) => {
    emitted.add(compact);
    out.push({ orderNo: out.length + 1, code: withDot(compact), billable, shortTitle: '', longTitle: title });
  };
  for (const r of records) {
    const compact = r.code.replace('.', '');
    for (let len = 3; len < compact.length; len++) {
      const prefix = compact.slice(0, len);
      if (emitted.has(prefix) || valid.has(prefix) || (len > 3 && prefix.endsWith('X'))) continue;
      const code = withDot(prefix);
      push(
        prefix,
        false,
        knownTitles.get(code) ?? `${code} (header; the codes file lists only codes valid for submission)`,
      );
    }
    push(compact, true, r.title);
  }
  return out;
}

import type { PtpSetting } from '../../store/schema-procedures.js';
import { ImportError } from '../errors.js';
import { isoFromYmd } from './dates.js';
import type { NumberedLine } from './text-lines.js';

/**
 * NCCI PTP edit tables in the CMS published text layout (`ccipra-v301r0-f1.txt` practitioner,
 * `ccioph-v301r0-f1.txt` outpatient hospital): a copyright preamble, the header
 * `Column 1 | Column 2 | *=in existence prior to 1996 | Effective Date | Deletion Date *=no data |
 * Modifier 0=not allowed 1=allowed 9=not applicable | PTP Edit Rationale` (tab-separated, sometimes
 * spread over several lines), then one tab-separated edit per line. Dates are YYYYMMDD; `*` in
 * the deletion column means the edit has not been deleted.
 */
export interface PtpRow {
  column1: string;
  column2: string;
  prior1996: boolean;
  effectiveDate: string;
  deletionDate: string | null;
  modifierIndicator: 0 | 1 | 9;
  rationale: string;
  line: number;
}

export interface PtpFileName {
  setting: PtpSetting;
  /** `v301r0`: NCCI version 30.1, revision 0. */
  version: string;
  /** Quarter start the version number stands for (version 30.x = 2024, .0-.3 = Jan/Apr/Jul/Oct). */
  effectiveFrom: string | undefined;
  /** `f1`..`f4`: which slice of the code range this file holds. */
  part: string;
}

/** Reads setting, version and part from a CMS PTP file name; undefined when it is not one. */
export function parsePtpFileName(name: string): PtpFileName | undefined {
  const m = /cci(pra|oph)[-_]?v(\d{2,3})(\d)(r\d+)?[-_]?(f\d+)?/i.exec(name);
  if (!m) return undefined;
  const major = Number(m[2]);
  const minor = Number(m[3]);
  // NCCI version 1.0 was January 1995; one major version a year, one minor version a quarter.
  const year = 1994 + major;
  const effectiveFrom =
    minor <= 3 && year >= 1995 && year <= 2099
      ? `${year}-${String(minor * 3 + 1).padStart(2, '0')}-01`
      : undefined;
  return {
    setting: m[1]!.toLowerCase() === 'pra' ? 'practitioner' : 'outpatient',
    version: `v${m[2]}${m[3]}${(m[4] ?? 'r0').toLowerCase()}`,
    effectiveFrom,
    part: (m[5] ?? 'f1').toLowerCase(),
  };
}

const CODE = /^[A-Z0-9]{5}$/;

export async function* parsePtp(lines: AsyncIterable<NumberedLine>, file: string): AsyncGenerator<PtpRow> {
  let header = false;
  let data = false;
  const seen = new Set<string>();
  for await (const { text, line } of lines) {
    const cells = text.split('\t').map((c) => c.trim());
    if (!data) {
      if (/column\s*1/i.test(text) && /column\s*2/i.test(text)) header = true;
      if (!CODE.test(cells[0] ?? '')) continue;
      if (!header)
        throw new ImportError(
          file,
          line,
          'data before the "Column 1 / Column 2" header: not a CMS PTP file?',
        );
      data = true;
    }
    if (cells.every((c) => c === '')) continue;
    const fail = (column: number, reason: string): never => {
      throw new ImportError(file, line, reason, column);
    };
    if (cells.length < 6) fail(1, `expected 7 tab-separated columns, found ${cells.length}`);
    const [column1 = '', column2 = '', prior = '', eff = '', del = '', modifier = '', ...rest] = cells;
    if (!CODE.test(column1)) fail(1, `column 1 code "${column1}" is not a 5-character HCPCS/CPT code`);
    if (!CODE.test(column2)) fail(2, `column 2 code "${column2}" is not a 5-character HCPCS/CPT code`);
    if (prior !== '' && prior !== '*')
      fail(3, `"in existence prior to 1996" must be * or blank, not "${prior}"`);
    const effectiveDate = isoFromYmd(eff) ?? fail(4, `effective date "${eff}" is not a YYYYMMDD date`);
    const deletionDate =
      del === '*' || del === ''
        ? null
        : (isoFromYmd(del) ?? fail(5, `deletion date "${del}" is not a YYYYMMDD date or *`));
    if (modifier !== '0' && modifier !== '1' && modifier !== '9')
      fail(6, `modifier indicator "${modifier}" must be 0, 1 or 9`);
    const key = `${column1} ${column2} ${effectiveDate}`;
    if (seen.has(key)) fail(1, `edit ${column1}/${column2} effective ${effectiveDate} is listed twice`);
    seen.add(key);
    yield {
      column1,
      column2,
      prior1996: prior === '*',
      effectiveDate,
      deletionDate,
      modifierIndicator: Number(modifier) as 0 | 1 | 9,
      rationale: rest.join(' ').trim(),
      line,
    };
  }
  if (!data)
    throw new ImportError(
      file,
      undefined,
      header
        ? 'the PTP table has a header but no edits'
        : 'no "Column 1 / Column 2" header found: not a CMS PTP file?',
    );
}

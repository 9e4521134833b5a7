import { ImportError } from '../errors.js';
import { isoFromYmd } from '../ncci/dates.js';
import type { NumberedLine } from '../ncci/text-lines.js';

/**
 * The HCPCS Level II alpha-numeric file (`HCPCyyyy_CONTR_ANWEB.txt`): fixed-width 320-column
 * records as laid out in CMS's record layout (`HCPCSyyyy_recordlayout.txt`). Positions below are
 * the layout's 1-based BEG/END columns. Record identifier 3 opens a procedure code, 7 a
 * modifier; 4 and 8 continue the long description of the record before them.
 */
const FIELD = {
  code: [1, 5],
  modifier: [4, 5],
  sequence: [6, 10],
  recordId: [11, 11],
  longDescription: [12, 91],
  shortDescription: [92, 119],
  pricing: [120, 127], // up to four 2-character pricing indicator codes
  coverage: [230, 230],
  betos: [257, 259],
  typeOfService: [261, 265],
  added: [269, 276],
  actionEffective: [277, 284],
  termination: [285, 292],
  actionCode: [293, 293],
} as const;

/** Action codes the layout defines (A add, B both, C long description, D discontinue, ...). */
const ACTION_CODES = new Set(['A', 'B', 'C', 'D', 'F', 'N', 'P', 'R', 'S', 'T']);

export interface HcpcsRecord {
  kind: 'code' | 'modifier';
  code: string;
  longDescription: string;
  shortDescription: string;
  pricingIndicators: string[];
  coverageCode: string | null;
  betos: string | null;
  typeOfService: string | null;
  addedDate: string | null;
  actionEffectiveDate: string | null;
  terminationDate: string | null;
  actionCode: string | null;
  line: number;
}

const RECORD = /^(?:[A-Z0-9]{5}| {3}[A-Z0-9]{2})\d{5}[3478]/;

function field(text: string, [beg, end]: readonly [number, number]): string {
  return text.slice(beg - 1, end).trim();
}

/**
 * Parses the record stream. Lines before the first record (the "***Disclaimers" block) are
 * skipped; after it every non-blank line must be a record, a continuation must follow its own
 * code, and dates must be real dates, else an ImportError names the line.
 */
export async function* parseHcpcsRecords(
  lines: AsyncIterable<NumberedLine>,
  file: string,
): AsyncGenerator<HcpcsRecord> {
  let current: HcpcsRecord | undefined;
  let seenRecord = false;
  const fail = (line: number, reason: string): never => {
    throw new ImportError(file, line, reason);
  };
  const date = (text: string, f: readonly [number, number], name: string, line: number): string | null => {
    const raw = field(text, f);
    if (!raw) return null;
    return isoFromYmd(raw) ?? fail(line, `${name} "${raw}" (columns ${f[0]}-${f[1]}) is not a YYYYMMDD date`);
  };
  for await (const { text, line } of lines) {
    if (!RECORD.test(text)) {
      if (!seenRecord || text.trim() === '') continue;
      fail(
        line,
        `not an HCPCS record: expected code, 5-digit sequence and record id 3/4/7/8 in columns 1-11`,
      );
    }
    seenRecord = true;
    const id = text[10];
    const isModifier = id === '7' || id === '8';
    const code = isModifier ? field(text, FIELD.modifier) : field(text, FIELD.code);
    const longPart = field(text, FIELD.longDescription);
    if (id === '4' || id === '8') {
      const kind = id === '8' ? 'modifier' : 'code';
      if (!current || current.code !== code || current.kind !== kind) {
        fail(line, `continuation line for ${code} does not follow its ${kind} record`);
      }
      current!.longDescription = `${current!.longDescription} ${longPart}`.trim();
      continue;
    }
    if (text.length < 293) fail(line, `record is ${text.length} characters; the layout needs 293 or more`);
    const action = field(text, FIELD.actionCode);
    if (action && !ACTION_CODES.has(action)) fail(line, `unknown action code "${action}" (column 293)`);
    if (current) yield current;
    const pricing = field(text, FIELD.pricing);
    current = {
      kind: isModifier ? 'modifier' : 'code',
      code,
      longDescription: longPart,
      shortDescription: field(text, FIELD.shortDescription),
      pricingIndicators: pricing ? (pricing.match(/\S{2}/g) ?? []) : [],
      coverageCode: field(text, FIELD.coverage) || null,
      betos: field(text, FIELD.betos) || null,
      typeOfService: field(text, FIELD.typeOfService) || null,
      addedDate: date(text, FIELD.added, 'code added date', line),
      actionEffectiveDate: date(text, FIELD.actionEffective, 'action effective date', line),
      terminationDate: date(text, FIELD.termination, 'termination date', line),
      actionCode: action || null,
      line,
    };
  }
  if (!seenRecord)
    throw new ImportError(file, undefined, 'no HCPCS records found (is this the ANWEB text file?)');
  if (current) yield current;
}

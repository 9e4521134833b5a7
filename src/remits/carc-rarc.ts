import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportError } from '../codesets/errors.js';
import { parseCsv } from './csv.js';

/** One Claim Adjustment Reason Code or Remittance Advice Remark Code with its X12 dates. */
export interface ReasonCode {
  code: string;
  description: string;
  /** Dates as YYYY-MM-DD. */
  start?: string;
  lastModified?: string;
  /** Set when X12 deactivated the code; it stays in the list because old remittances use it. */
  stop?: string;
  notes?: string;
}

const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const META =
  /Start: (\d{2}\/\d{2}\/\d{4})((?: \| (?:Last Modified|Stop): \d{2}\/\d{2}\/\d{4})*)\s*(?:\|?\s*Notes: ([\s\S]*))?$/;

function isoDate(us: string): string {
  const m = US_DATE.exec(us)!;
  return `${m[3]}-${m[1]}-${m[2]}`;
}

/**
 * The x12.org scrape glues "Start: mm/dd/yyyy | Last Modified: ... | Stop: ... Notes: ..." to
 * the end of every description with no separator. Splits it back into fields; throws when a
 * description has no Start date (the scrape's format changed and needs a look).
 */
export function splitReasonText(code: string, text: string): ReasonCode {
  const at = text.lastIndexOf('Start: ');
  const m = at >= 0 ? META.exec(text.slice(at)) : null;
  if (!m) throw new Error(`code ${code}: no "Start: mm/dd/yyyy" metadata in the description`);
  const entry: ReasonCode = { code, description: text.slice(0, at).trim(), start: isoDate(m[1]!) };
  for (const part of (m[2] ?? '').split(' | ').filter(Boolean)) {
    const [key, value] = part.split(': ') as [string, string];
    if (key === 'Last Modified') entry.lastModified = isoDate(value);
    if (key === 'Stop') entry.stop = isoDate(value);
  }
  if (m[3]?.trim()) entry.notes = m[3].trim();
  return entry;
}

/** Parses carc_codes.csv / rarc_codes.csv text (header `code,description[,last_modified]`). */
export function parseReasonCodes(text: string, file: string): ReasonCode[] {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (e) {
    throw new ImportError(file, undefined, (e as Error).message);
  }
  const [header, ...body] = rows;
  if (header?.fields[0] !== 'code' || header.fields[1] !== 'description') {
    throw new ImportError(file, 1, 'expected a header starting "code,description"');
  }
  const seen = new Set<string>();
  return body.map(({ line, fields }) => {
    const [code = '', description = ''] = fields;
    if (!/^[A-Z0-9]{1,5}$/.test(code))
      throw new ImportError(file, line, `${JSON.stringify(code)} is not a CARC/RARC code`, 1);
    if (seen.has(code)) throw new ImportError(file, line, `code ${code} appears twice`, 1);
    seen.add(code);
    try {
      return splitReasonText(code, description);
    } catch (e) {
      throw new ImportError(file, line, (e as Error).message, 2);
    }
  });
}

export interface ReasonCodeLists {
  carc: Map<string, ReasonCode>;
  rarc: Map<string, ReasonCode>;
}

/** Loads both lists from a folder holding carc_codes.csv and rarc_codes.csv. */
export async function loadReasonCodes(dir: string): Promise<ReasonCodeLists> {
  const load = async (name: string) => {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new ImportError(file, undefined, `cannot read: ${e.code ?? e.message}`);
    });
    return new Map(parseReasonCodes(text, file).map((r) => [r.code, r]));
  };
  return { carc: await load('carc_codes.csv'), rarc: await load('rarc_codes.csv') };
}

/** Whether a code was active on a date (YYYY-MM-DD). */
export function activeOn(code: ReasonCode, date: string): boolean {
  return (!code.start || code.start <= date) && (!code.stop || date < code.stop);
}

import type { MueService } from '../../store/schema-procedures.js';
import { ImportError } from '../errors.js';
import { csvRecords } from '../ncci/csv.js';
import type { NumberedLine } from '../ncci/text-lines.js';

export interface MueRow {
  code: string;
  mue: number;
  mai: 1 | 2 | 3;
  rationale: string;
  line: number;
}

export interface MueTable {
  service: MueService;
  rows: MueRow[];
}

/** Which table a header's value column names ("Practitioner Services MUE Values", ...). */
function serviceOf(column: string): MueService | undefined {
  const c = column.toLowerCase();
  if (c.includes('practitioner')) return 'practitioner';
  if (c.includes('outpatient') || c.includes('facility')) return 'outpatient';
  if (c.includes('dme')) return 'dme';
  return undefined;
}

const CODE = /^[A-Z0-9]{4}[A-Z0-9]$/;

/**
 * Reads a Medicare MUE table as CMS publishes it (CSV whose first records are the AMA copyright
 * notice, then the header `HCPCS/<newline>CPT Code, <Service> MUE Values, MUE Adjudication
 * Indicator, MUE Rationale`) or the same columns without the notice. Everything before the
 * header row is preamble; the header names the service. The MAI cell is "1 Line Edit",
 * "2 Date of Service Edit: Policy" or "3 Date of Service Edit: Clinical"; its digit is kept.
 */
export async function parseMue(lines: AsyncIterable<NumberedLine>, file: string): Promise<MueTable> {
  let service: MueService | undefined;
  const rows: MueRow[] = [];
  const seen = new Map<string, number>();
  for await (const { fields, line } of csvRecords(lines, file)) {
    const cells = fields.map((f) => f.trim());
    if (!service) {
      const first = (cells[0] ?? '').replace(/\s+/g, ' ');
      if (/HCPCS/i.test(first) && /CPT/i.test(first)) {
        if (cells.length < 4)
          throw new ImportError(file, line, `the header has ${cells.length} columns; expected 4`);
        service = serviceOf(cells[1]!);
        if (!service)
          throw new ImportError(
            file,
            line,
            `the header's value column "${cells[1]}" names no known MUE table`,
          );
      }
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    const [code = '', value = '', maiText = '', rationale = ''] = cells;
    if (!CODE.test(code))
      throw new ImportError(file, line, `"${code}" is not a 5-character HCPCS/CPT code`, 1);
    if (!/^\d+$/.test(value))
      throw new ImportError(file, line, `MUE value "${value}" for ${code} is not a whole number`, 2);
    const mai = /^([123])(?:\D|$)/.exec(maiText)?.[1];
    if (!mai)
      throw new ImportError(
        file,
        line,
        `MUE adjudication indicator "${maiText}" for ${code} is not 1, 2 or 3`,
        3,
      );
    const earlier = seen.get(code);
    if (earlier !== undefined)
      throw new ImportError(file, line, `${code} is listed twice (first on line ${earlier})`);
    seen.set(code, line);
    rows.push({ code, mue: Number(value), mai: Number(mai) as 1 | 2 | 3, rationale, line });
  }
  if (!service) {
    throw new ImportError(file, undefined, 'no "HCPCS/CPT Code" header row found: is this a CMS MUE table?');
  }
  if (rows.length === 0) throw new ImportError(file, undefined, 'the MUE table has a header but no rows');
  return { service, rows };
}

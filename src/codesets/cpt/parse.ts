import { ImportError } from '../errors.js';
import { csvRecords } from '../ncci/csv.js';
import type { NumberedLine } from '../ncci/text-lines.js';

/**
 * The user's own licensed CPT file, in a simple documented layout (medcoder never ships CPT
 * descriptors; AMA distributes them under licence in several formats, so users save theirs as):
 *
 *     code,short_descriptor,long_descriptor
 *     99213,<short text>,<long text>
 *
 * UTF-8, comma-separated, RFC 4180 quoting (descriptors often contain commas). The header row is
 * required and must name these three columns in this order. Codes are 5 characters: 4 digits then
 * a digit (Category I), F (Category II), T (Category III) or U (PLA).
 */
export interface CptRow {
  code: string;
  shortDescriptor: string;
  longDescriptor: string;
  line: number;
}

export const CPT_HEADER = ['code', 'short_descriptor', 'long_descriptor'] as const;
const CODE = /^\d{4}[0-9FTU]$/;

export async function parseCpt(lines: AsyncIterable<NumberedLine>, file: string): Promise<CptRow[]> {
  const rows: CptRow[] = [];
  const seen = new Map<string, number>();
  let header = false;
  for await (const { fields, line } of csvRecords(lines, file)) {
    const cells = fields.map((f) => f.trim());
    if (!header) {
      const names = cells.map((c) => c.replace(/^\uFEFF/, '').toLowerCase());
      if (CPT_HEADER.some((h, i) => names[i] !== h)) {
        throw new ImportError(file, line, `the first row must be the header "${CPT_HEADER.join(',')}"`);
      }
      header = true;
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    if (cells.length !== 3) throw new ImportError(file, line, `expected 3 columns, found ${cells.length}`);
    const [code, shortDescriptor, longDescriptor] = cells as [string, string, string];
    if (!CODE.test(code))
      throw new ImportError(file, line, `"${code}" is not a CPT code (4 digits then 0-9, F, T or U)`, 1);
    if (!shortDescriptor && !longDescriptor)
      throw new ImportError(file, line, `code ${code} has no descriptor`, 2);
    const earlier = seen.get(code);
    if (earlier !== undefined)
      throw new ImportError(file, line, `${code} is listed twice (first on line ${earlier})`, 1);
    seen.set(code, line);
    rows.push({ code, shortDescriptor, longDescriptor: longDescriptor || shortDescriptor, line });
  }
  if (!header) throw new ImportError(file, undefined, 'the file is empty');
  return rows;
}

import { ImportError } from '../errors.js';
import type { NumberedLine } from './text-lines.js';

/** One CSV record with the line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * RFC 4180 records from numbered lines: comma-separated, `"` quoting with `""` escapes, and
 * line breaks inside quotes (the CMS MUE header cell is `"HCPCS/<newline>CPT Code"`). An
 * unterminated quote at end of file is an ImportError at the line where the field opened.
 */
export async function* csvRecords(
  lines: AsyncIterable<NumberedLine>,
  file: string,
): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let start = 0;
  let quoteLine = 0;
  for await (const { text, line } of lines) {
    if (!inQuotes) {
      fields = [];
      field = '';
      start = line;
    } else {
      field += '\n';
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else inQuotes = false;
        } else field += c;
      } else if (c === '"' && field === '') {
        inQuotes = true;
        quoteLine = line;
      } else if (c === ',') {
        fields.push(field);
        field = '';
      } else field += c;
    }
    if (!inQuotes) {
      fields.push(field);
      yield { fields, line: start };
    }
  }
  if (inQuotes) throw new ImportError(file, quoteLine, 'a quoted field is never closed (file truncated?)');
}

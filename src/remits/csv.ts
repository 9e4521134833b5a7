/**
 * Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes). Returns
 * rows with the 1-based line each row starts on, for error messages.
 */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new Error(`unterminated quoted field starting on line ${rowLine}`);
  fields.push(field);
  if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
  return rows;
}

/** A cell of a CSV being written: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/**
 * Writes RFC 4180 CSV, the reverse of parseCsv: a field with a comma, quote or line break is
 * quoted and its quotes doubled; rows end with CRLF. Text that a spreadsheet would run as a
 * formula (starting with = + - @ or a tab or carriage return) gets a leading apostrophe, so an
 * exported comment cannot become a formula in the auditor's spreadsheet (OWASP "CSV injection");
 * numbers are written as they are.
 */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

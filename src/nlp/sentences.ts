/**
 * Sentence and list-item boundaries with offsets. Notes mix prose with lists ("1. HTN",
 * "- DM2, A1c 8.1") and wrapped lines, so a boundary is: sentence punctuation followed by a
 * capital or digit, a list marker, a blank line, or a line break after a line that reads as
 * complete. Abbreviation periods (Dr., e.g., vs.) and decimals (8.1) are not boundaries.
 */

export interface Span {
  start: number;
  end: number;
}

const NO_BREAK_BEFORE_DOT = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'vs',
  'eg',
  'ie',
  'e.g',
  'i.e',
  'no',
  'st',
  'approx',
  'pt',
  'hx',
]);

// A list marker at line start or after spaces: "1.", "2)", "-", "*", "•".
const LIST_MARKER = /^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+/;

/** Splits text[start, end) into sentence spans (trimmed, list markers removed, never empty). */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const out: Span[] = [];
  let lineStart = start;
  let sentStart = -1;
  const push = (s: number, e: number) => {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(lineStart, lineEnd);
    const marker = LIST_MARKER.exec(line);
    const blank = line.trim().length === 0;
    if (sentStart >= 0 && (marker || blank || startsNewLine(text, lineStart, lineEnd, sentStart))) {
      push(sentStart, lineStart);
      sentStart = -1;
    }
    if (!blank) {
      let pos = lineStart + (marker ? marker[0].length : 0);
      if (sentStart < 0) sentStart = pos;
      // Split inside the line at sentence punctuation and inline numbered items.
      for (; pos < lineEnd; pos++) {
        const c = text[pos]!;
        if ((c === '.' || c === '!' || c === '?') && isBoundary(text, pos, lineEnd)) {
          push(sentStart, pos + 1);
          sentStart = pos + 1;
        } else if (
          c === ' ' &&
          /[.;:,]/.test(text[pos - 1] ?? '') &&
          /^ +\d{1,2}[.)] +\S/.test(text.slice(pos, Math.min(lineEnd, pos + 8)))
        ) {
          const m = /^ +\d{1,2}[.)] +/.exec(text.slice(pos, pos + 8))!;
          push(sentStart, pos);
          sentStart = pos + m[0].length;
          pos = sentStart - 1;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  if (sentStart >= 0) push(sentStart, Math.min(end, text.length));
  return out;
}

/** The previous line ended a sentence if it ends with punctuation or the new line starts capitalized. */
function startsNewLine(text: string, lineStart: number, _lineEnd: number, sentStart: number): boolean {
  let p = lineStart - 2;
  while (p >= sentStart && /[ \t\r]/.test(text[p]!)) p--;
  const prevEnd = text[p];
  if (prevEnd === undefined) return false;
  if (/[.!?:;]/.test(prevEnd)) return true;
  let q = lineStart;
  while (q < text.length && /[ \t]/.test(text[q]!)) q++;
  const first = text[q] ?? '';
  return /[A-Z0-9]/.test(first);
}

function isBoundary(text: string, pos: number, lineEnd: number): boolean {
  const next = text[pos + 1];
  if (pos + 1 >= lineEnd) return true;
  if (next !== ' ' && next !== '\t') return false;
  let q = pos + 1;
  while (q < lineEnd && (text[q] === ' ' || text[q] === '\t')) q++;
  if (q >= lineEnd) return true;
  if (!/[A-Z0-9("']/.test(text[q]!)) return false;
  if (text[pos] !== '.') return true;
  // The word before the dot: abbreviations and single initials do not end sentences.
  let w = pos - 1;
  while (w >= 0 && /[A-Za-z.]/.test(text[w]!)) w--;
  const word = text.slice(w + 1, pos).toLowerCase();
  return !(NO_BREAK_BEFORE_DOT.has(word) || /^[a-z]$/.test(word));
}

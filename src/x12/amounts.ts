import { type Codes, codesOf } from './codes.js';
import type { Segment } from './segment.js';
import { segError } from './segment.js';

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

/**
 * X12 `R` amount → integer cents, exactly (no floating point). "100", "100.5", "-.25" are valid;
 * more than two significant decimals cannot be money and is an error rather than silently rounded.
 * Returns undefined for an empty value. Hand-written scanner: this runs for every amount of a
 * large remittance.
 */
export function parseCents(value: string): number | undefined {
  return parseCentsIn(codesOf(value), 0, value.length);
}

/** parseCents over the character codes text[from, to), without slicing it out first (streaming readers). */
export function parseCentsIn(text: Codes, from: number, to: number): number | undefined {
  if (to <= from) return undefined;
  let i = from;
  const negative = text[i] === 45; // '-'
  if (negative) i++;
  const start = i;
  let whole = 0;
  let c = 0;
  for (; i < to; i++) {
    c = text[i]!;
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
  }
  const wholeDigits = i - start;
  let digits = wholeDigits;
  let frac = 0;
  let places = 0;
  if (i < to) {
    if (c !== 46) return Number.NaN; // '.'
    for (i++; i < to; i++) {
      c = text[i]!;
      if (c < 48 || c > 57) return Number.NaN;
      digits++;
      if (places < 2) {
        frac = frac * 10 + (c - 48);
        places++;
      } else if (c !== 48) return Number.NaN; // a third significant decimal
    }
  }
  if (digits === 0) return Number.NaN;
  const cents = whole * 100 + (places === 1 ? frac * 10 : frac);
  // Up to 13 digits before the point the cents stay below 10^15, exact in a double: the
  // integer test (a float round and compare, ~20% of the amount reader's time) is only
  // needed beyond.
  if (wholeDigits > 13 && !Number.isSafeInteger(cents)) return Number.NaN;
  return negative && cents !== 0 ? -cents : cents;
}

/** Element n of a segment as cents; X12Error when it is not a money amount. */
export function centsAt(seg: Segment, n: number, what: string, optional = false): number {
  const v = seg.elements[n] ?? '';
  const c = parseCents(v);
  if (c === undefined) {
    if (optional) return 0;
    throw segError(seg, `${what} is missing`, n);
  }
  if (Number.isNaN(c)) throw segError(seg, `${what} ${JSON.stringify(v)} is not an amount`, n);
  return c;
}

/** Integer cents → X12 `R` text with no trailing zeros (12300 → "123", 12350 → "123.5"). */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount ${cents} is not integer cents`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** X12 `R`/`N0` quantity → number; NaN when malformed, undefined when empty. */
export function parseQuantity(value: string): number | undefined {
  if (value === '') return undefined;
  if (!DECIMAL.test(value) || value === '.' || value === '-') return Number.NaN;
  return Number(value);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when year/month/day is a real calendar date (Gregorian leap years). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS[m - 1]!);
}

// Dates repeat heavily within a file (one date of service per line): remember the conversions.
const DATE_CACHE = new Map<string, string>();
const DATE_CACHE_MAX = 4096;

/** CCYYMMDD → YYYY-MM-DD, checking the calendar; undefined when empty, X12Error when malformed. */
export function parseDate(seg: Segment, n: number, value = seg.elements[n] ?? ''): string | undefined {
  if (value === '') return undefined;
  const known = DATE_CACHE.get(value);
  if (known !== undefined) return known;
  if (value.length === 8 && /^\d{8}$/.test(value)) {
    const y = Number(value.slice(0, 4));
    const m = Number(value.slice(4, 6));
    const d = Number(value.slice(6, 8));
    if (isCalendarDate(y, m, d)) {
      const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
      if (DATE_CACHE.size >= DATE_CACHE_MAX) DATE_CACHE.clear();
      DATE_CACHE.set(value, iso);
      return iso;
    }
  }
  throw segError(seg, `date ${JSON.stringify(value)} is not a valid CCYYMMDD date`, n);
}

/** YYYY-MM-DD → CCYYMMDD. */
export function formatDate(iso: string): string {
  return iso.replaceAll('-', '');
}

import type { Segment } from './segment.js';
import { segError } from './segment.js';

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * X12 `R` amount → integer cents, exactly (no floating point). "100", "100.5", "-.25" are valid;
 * more than two significant decimals cannot be money and is an error rather than silently rounded.
 * Returns undefined for an empty value.
 */
export function parseCents(value: string): number | undefined {
  if (value === '') return undefined;
  const m = DECIMAL.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return Number.NaN;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 2) return Number.NaN;
  const whole = m[2] === '' ? 0 : Number(m[2]);
  const cents = whole * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return Number.NaN;
  return m[1] === '-' && cents !== 0 ? -cents : cents;
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

/** CCYYMMDD → YYYY-MM-DD, checking the calendar; undefined when empty, X12Error when malformed. */
export function parseDate(seg: Segment, n: number, value = seg.elements[n] ?? ''): string | undefined {
  if (value === '') return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (m) {
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    const d = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso) return iso;
  }
  throw segError(seg, `date ${JSON.stringify(value)} is not a valid CCYYMMDD date`, n);
}

/** YYYY-MM-DD → CCYYMMDD. */
export function formatDate(iso: string): string {
  return iso.replaceAll('-', '');
}

/** Display formats shared by the pages. Money is integer cents everywhere until it is shown. */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  return usd.format(cents / 100);
}

/**
 * Dollars typed by a person ("150", "1,250.5", "$99.99") to integer cents; null when it is not
 * an amount (negative, more than two decimals, letters), so the form can say so instead of guessing.
 */
export function parseDollars(input: string): number | null {
  const s = input.trim().replace(/^\$/, '').replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function formatPercent(rate: number | null | undefined, digits = 0): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** "1, 2" or "1 2" → [1, 2]; null if any part is not a pointer 1..12 (837 allows up to 12 diagnoses). */
export function parsePointers(input: string): number[] | null {
  const parts = input.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return null;
    const n = Number(p);
    if (n < 1 || n > 12 || out.includes(n)) return null;
    out.push(n);
  }
  return out;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * An ICD-10-CM code as coders read it (`E1165` → `E11.65`): claims carry diagnoses without the
 * dot, as the 837 does, but every other page shows the dotted form the Tabular prints.
 */
export function dottedDiagnosis(code: string): string {
  const compact = code.trim().toUpperCase().replace('.', '');
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

export function humanState(state: string): string {
  return state.replace(/_/g, ' ');
}

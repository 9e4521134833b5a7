/**
 * CMS files write dates as `YYYYMMDD` (NCCI, HCPCS) or `MM/DD/YYYY`; the store and every API use
 * ISO `YYYY-MM-DD`. Returns undefined for anything that is not a real calendar date, so callers
 * can raise an ImportError naming the field.
 */
export function isoFromYmd(ymd: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(ymd);
  return m ? checked(m[1]!, m[2]!, m[3]!) : undefined;
}

/** `MM-DD-YYYY` or `MM/DD/YYYY` (as in `MCR_MUE_..._Eff_07-01-2024.csv`) to ISO. */
export function isoFromMdy(mdy: string): string | undefined {
  const m = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(mdy);
  return m ? checked(m[3]!, m[1]!, m[2]!) : undefined;
}

/** True when the string is an ISO calendar date. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return Boolean(m && checked(m[1]!, m[2]!, m[3]!));
}

function checked(y: string, mo: string, d: string): string | undefined {
  const iso = `${y}-${mo}-${d}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** The ISO date `days` days before an ISO date (UTC, so no daylight-saving shifts). */
export function isoDaysBefore(iso: string, days: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - days);
  return t.toISOString().slice(0, 10);
}

import { ImportError } from '../errors.js';
import { isIsoDate, isoFromMdy } from './dates.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The effective date a procedure-side file announces in its name, when it does:
 * `..._Eff_07-01-2024` (MUE), `HCPC2024_JUL_ANWEB` or `july-2024-alpha-numeric-hcpcs-file`
 * (HCPCS quarterly), a bare year (`2019-Alpha-Numeric-HCPCS-File`, annual = January 1).
 */
export function effectiveFromName(name: string): string | undefined {
  const eff = /eff(?:ective)?[-_ ]?(\d{2}[-_]\d{2}[-_]\d{4})/i.exec(name);
  if (eff) return isoFromMdy(eff[1]!.replace(/_/g, '-'));
  const lower = name.toLowerCase();
  const monthYear =
    /(?:^|[^a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-_ ]?((?:19|20)\d{2})/.exec(lower) ??
    /((?:19|20)\d{2})[-_ ]?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:[^a-z]|$)/.exec(lower);
  if (monthYear) {
    const [a, b] = [monthYear[1]!, monthYear[2]!];
    const [month, year] = /\d/.test(a) ? [b, a] : [a, b];
    return `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, '0')}-01`;
  }
  const year = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(name);
  return year ? `${year[1]}-01-01` : undefined;
}

/** The effective date to key a release by: the explicit option, else the file name's, else an error. */
export function resolveEffective(file: string, explicit: string | undefined, what: string): string {
  if (explicit !== undefined) {
    if (!isIsoDate(explicit))
      throw new ImportError(file, undefined, `--effective "${explicit}" is not a YYYY-MM-DD date`);
    return explicit;
  }
  const fromName = effectiveFromName(file);
  if (!fromName) {
    throw new ImportError(
      file,
      undefined,
      `the file name does not say which ${what} it is: pass --effective YYYY-MM-DD`,
    );
  }
  return fromName;
}

/**
 * How an ICD-10-CM release is keyed. CMS/CDC releases are named by fiscal year (FY2023 runs
 * 2022-10-01 to 2023-09-30); mid-year updates (January, April) are separate releases of the same
 * fiscal year with a later effective date and name the month in their file names
 * (`icd10cm-order-Jan-2021.txt`, `icd10cm-table-index-April-2025.zip`).
 */
export interface ReleaseKey {
  fiscalYear: number;
  effectiveFrom: string;
  effectiveTo: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The fiscal year's own window: October 1 of the previous calendar year to September 30. */
export function fiscalYearWindow(fiscalYear: number): ReleaseKey {
  return {
    fiscalYear,
    effectiveFrom: `${fiscalYear - 1}-10-01`,
    effectiveTo: `${fiscalYear}-09-30`,
  };
}

/**
 * The effective date a file name announces, if any: a month name next to a 4-digit year
 * (`Jan-2021`, `April_2025`, `2025-april`). Only months inside the fiscal year count.
 */
export function effectiveDateFromName(fileName: string, fiscalYear: number): string | undefined {
  const lower = fileName.toLowerCase();
  const re =
    /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-_ ]?(\d{4})|(\d{4})[-_ ]?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/g;
  for (const m of lower.matchAll(re)) {
    const month = MONTHS.indexOf((m[1] ?? m[4])!) + 1;
    const year = Number(m[2] ?? m[3]);
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    const window = fiscalYearWindow(fiscalYear);
    if (date >= window.effectiveFrom && date <= window.effectiveTo) return date;
  }
  return undefined;
}

/** A 4-digit fiscal year named in a file name (`icd10cm_order_2023.txt`), if exactly one plausible. */
export function fiscalYearFromName(fileName: string): number | undefined {
  const years = [...fileName.matchAll(/(?<!\d)(20\d\d)(?!\d)/g)].map((m) => Number(m[1]));
  return years.length > 0 ? years[0] : undefined;
}

/**
 * The key for a group of files of one fiscal year found together: the latest effective date
 * any of them names (a January update's order file makes its tabular part of that update too),
 * else the fiscal year's start. `override` wins when the user gives `--effective`.
 */
export function releaseKeyFor(fiscalYear: number, fileNames: string[], override?: string): ReleaseKey {
  const window = fiscalYearWindow(fiscalYear);
  if (override) return { ...window, effectiveFrom: override };
  const named = fileNames
    .map((n) => effectiveDateFromName(n, fiscalYear))
    .filter((d): d is string => d !== undefined)
    .sort();
  return { ...window, effectiveFrom: named.at(-1) ?? window.effectiveFrom };
}

export function releaseLabel(key: ReleaseKey): string {
  const start = fiscalYearWindow(key.fiscalYear).effectiveFrom;
  return key.effectiveFrom === start
    ? `ICD-10-CM FY${key.fiscalYear}`
    : `ICD-10-CM FY${key.fiscalYear} (update effective ${key.effectiveFrom})`;
}

import { isIsoDate } from '../codesets/ncci/dates.js';
import type { Icd10cmFileKind } from '../store/schema.js';
import { TerminologyError } from './errors.js';
import type { IsoDate, ReleaseChoice, ReleaseInfo, ReleaseSelection } from './types.js';

/**
 * Which release answers which question. Releases are often partial (CMS and CDC publish the
 * Tabular, Index, tables and order file separately), so every question goes to the newest
 * release that has the file it needs; codes follow the date of service. Pure: releases in,
 * choice out.
 */

/** A release that can say which codes are valid: a Tabular, an order file or a codes file. */
export function hasCodes(r: ReleaseInfo): boolean {
  return r.files.includes('tabular') || r.files.includes('order') || r.files.includes('codes');
}

/**
 * A release with the code hierarchy (headers with their own titles): a Tabular or an order file.
 * A codes-file-only release answers validity and titles, but lookup, browse and the coding
 * engine work from the newest release that has this.
 */
export function hasTree(r: ReleaseInfo): boolean {
  return r.files.includes('tabular') || r.files.includes('order');
}

function newestFirst(a: ReleaseInfo, b: ReleaseInfo): number {
  return b.effectiveFrom.localeCompare(a.effectiveFrom) || b.fiscalYear - a.fiscalYear;
}

export function assertIsoDate(date: string, where: string): void {
  // Date.parse takes "2023-02-30" for March 2: the round trip catches days the month lacks.
  if (!isIsoDate(date)) {
    throw new TerminologyError(where, `"${date}" is not a calendar date (YYYY-MM-DD)`);
  }
}

/**
 * The codes release for a date of service (see ReleaseReason for the fallbacks): among releases
 * with a code tree by default, among every release that lists codes with `validity`.
 */
export function chooseCodesRelease(
  releases: readonly ReleaseInfo[],
  date?: IsoDate,
  options: { validity?: boolean } = {},
): ReleaseChoice {
  const candidates = releases.filter(options.validity ? hasCodes : hasTree).sort(newestFirst);
  if (candidates.length === 0) {
    throw new TerminologyError('ICD-10-CM releases', 'no imported release has a tabular or order file');
  }
  if (date === undefined) {
    const pair = candidates.find((r) => r.files.includes('tabular') && r.files.includes('index'));
    return { release: pair ?? (candidates[0] as ReleaseInfo), reason: 'default', outsideWindow: false };
  }
  assertIsoDate(date, 'date of service');
  const covering = candidates.find((r) => r.effectiveFrom <= date && date <= r.effectiveTo);
  if (covering) return { release: covering, reason: 'date', outsideWindow: false };
  const before = candidates.find((r) => r.effectiveFrom <= date);
  return {
    release: before ?? (candidates[candidates.length - 1] as ReleaseInfo),
    reason: 'before-date',
    outsideWindow: true,
  };
}

/** The newest release holding a given kind of file, or null. */
export function newestWith(releases: readonly ReleaseInfo[], kind: Icd10cmFileKind): ReleaseChoice | null {
  const r = [...releases].sort(newestFirst).find((x) => x.files.includes(kind));
  return r ? { release: r, reason: 'newest-with-file', outsideWindow: false } : null;
}

export function selectReleases(
  releases: readonly ReleaseInfo[],
  options: { date?: IsoDate; fiscalYear?: number } = {},
): ReleaseSelection {
  let codes: ReleaseChoice;
  if (options.fiscalYear !== undefined) {
    const r = releases.filter(hasTree).find((x) => x.fiscalYear === options.fiscalYear);
    if (!r) {
      const have = releases
        .filter(hasTree)
        .map((x) => x.fiscalYear)
        .join(', ');
      throw new TerminologyError(
        `fiscal year ${options.fiscalYear}`,
        `no imported release of that year has a tabular or order file (have: ${have || 'none'})`,
      );
    }
    codes = { release: r, reason: 'fiscal-year', outsideWindow: false };
  } else {
    codes = chooseCodesRelease(releases, options.date);
  }
  return {
    codes,
    index: newestWith(releases, 'index'),
    eindex: newestWith(releases, 'eindex'),
    drug: newestWith(releases, 'drug'),
    neoplasm: newestWith(releases, 'neoplasm'),
  };
}

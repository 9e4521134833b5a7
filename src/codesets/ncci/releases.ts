import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { MueService, PtpSetting } from '../../store/schema-procedures.js';
import { isoDaysBefore } from './dates.js';

/** A procedure-side release: its id and the date it took effect. */
export interface ReleaseOn {
  id: number;
  effective_from: string;
}

/**
 * Which imported release answers for a date of service. MUE and PTP are quarterly, HCPCS annual
 * with quarterly updates, CPT annual: the newest release that took effect on or before the date.
 */
export function mueReleaseOn(
  db: Kysely<Database>,
  service: MueService,
  date: string,
): Promise<ReleaseOn | undefined> {
  return db
    .selectFrom('mue_release')
    .select(['id', 'effective_from'])
    .where('service', '=', service)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
}

export function ptpReleaseOn(
  db: Kysely<Database>,
  setting: PtpSetting,
  date: string,
): Promise<ReleaseOn | undefined> {
  return db
    .selectFrom('ncci_ptp_release')
    .select(['id', 'effective_from'])
    .where('setting', '=', setting)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
}

export function cptReleaseOn(db: Kysely<Database>, date: string): Promise<ReleaseOn | undefined> {
  return db
    .selectFrom('cpt_release')
    .select(['id', 'effective_from'])
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
}

/**
 * HCPCS falls back to the newest release when none is older than the date: a code list a
 * year stale still answers for most codes, and callers say that missing codes may be newer.
 */
export async function hcpcsReleaseOn(db: Kysely<Database>, date: string): Promise<ReleaseOn | undefined> {
  const newest = db
    .selectFrom('hcpcs_release')
    .select(['id', 'effective_from'])
    .orderBy('effective_from', 'desc');
  return (
    (await newest.where('effective_from', '<=', date).executeTakeFirst()) ?? (await newest.executeTakeFirst())
  );
}

/**
 * Which dates a HCPCS release answers for: from its effective date to the end of its calendar
 * year (the annual file's year), or to the day before the next imported release when that comes
 * sooner (a quarterly update replaces it). A date outside that window is answered from the nearest
 * release with a warning, since codes added or terminated since are not known.
 */
export async function hcpcsCoverage(
  db: Kysely<Database>,
  date: string,
): Promise<{ release: string | null; coveredTo: string | null; outsideWindow: boolean }> {
  const releases = await db
    .selectFrom('hcpcs_release')
    .select(['effective_from'])
    .orderBy('effective_from')
    .execute();
  const used = await hcpcsReleaseOn(db, date);
  if (!used) return { release: null, coveredTo: null, outsideWindow: true };
  return hcpcsWindow(
    releases.map((r) => r.effective_from),
    used.effective_from,
    date,
  );
}

/**
 * The window of `hcpcsCoverage` from the imported releases' effective dates (ascending), the one
 * used and the date asked about; pure, for callers that hold the release list already.
 */
export function hcpcsWindow(
  effectiveDates: readonly string[],
  used: string,
  date: string,
): { release: string; coveredTo: string; outsideWindow: boolean } {
  const i = effectiveDates.indexOf(used);
  const next = effectiveDates[i + 1];
  const yearEnd = `${used.slice(0, 4)}-12-31`;
  const beforeNext = next ? isoDaysBefore(next, 1) : undefined;
  const coveredTo = beforeNext && beforeNext < yearEnd ? beforeNext : yearEnd;
  return { release: used, coveredTo, outsideWindow: date < used || date > coveredTo };
}

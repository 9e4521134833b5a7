/**
 * The NCCI procedure-to-procedure edits the modifier stage consults: for two codes on the same
 * date, the edit in effect (either column order), from the quarterly release in effect on the
 * date. Built from the scrubber's already loaded index (one release) or read from the store for
 * a set of codes across every imported release, so `applyModifiers` stays a pure function.
 */
import type { Kysely } from 'kysely';
import { readPtpEdits } from '../../codesets/ncci/ptp-lookup.js';
import type { PtpRow } from '../../codesets/ncci/ptp-parse.js';
import type { Database } from '../../store/schema.js';
import type { PtpSetting } from '../../store/schema-procedures.js';

export type PtpPairEdit = Omit<PtpRow, 'line'>;

/** Column 1 code → column 2 code → edits, as the scrubber's `ScrubTables.ptp[setting]`. */
export type PtpPairIndex = ReadonlyMap<string, ReadonlyMap<string, readonly PtpPairEdit[]>>;

export interface PtpPairs {
  /** The edit between two codes in effect on the date, with the column 1 code first; or undefined. */
  edit(a: string, b: string, date: string): PtpPairEdit | undefined;
}

const activeOn = (e: PtpPairEdit, date: string) =>
  e.effectiveDate <= date && (e.deletionDate === null || date < e.deletionDate);

function lookup(index: PtpPairIndex, a: string, b: string, date: string): PtpPairEdit | undefined {
  return (
    index
      .get(a)
      ?.get(b)
      ?.find((e) => activeOn(e, date)) ??
    index
      .get(b)
      ?.get(a)
      ?.find((e) => activeOn(e, date))
  );
}

/** From one loaded release (e.g. `loadScrubTables(db, {date, codes}).tables.ptp.practitioner`). */
export function ptpPairsFromIndex(index: PtpPairIndex): PtpPairs {
  return { edit: (a, b, date) => lookup(index, a, b, date) };
}

/**
 * Every imported release's edits among `codes` (the codes the finders can suggest), so the
 * release in effect on each date of service answers without reading the store again.
 */
export async function loadPtpPairs(
  db: Kysely<Database>,
  codes: readonly string[],
  setting: PtpSetting = 'practitioner',
): Promise<PtpPairs> {
  const releases = await db
    .selectFrom('ncci_ptp_release')
    .select(['id', 'effective_from'])
    .where('setting', '=', setting)
    .orderBy('effective_from')
    .execute();
  const list = [...new Set(codes)];
  const indexes: Array<{ from: string; index: Map<string, Map<string, PtpPairEdit[]>> }> = [];
  for (const release of releases) {
    const index = new Map<string, Map<string, PtpPairEdit[]>>();
    for (const edit of await readPtpEdits(db, release.id, list)) {
      const inner = index.get(edit.column1) ?? new Map<string, PtpPairEdit[]>();
      index.set(edit.column1, inner);
      inner.set(edit.column2, [...(inner.get(edit.column2) ?? []), edit]);
    }
    indexes.push({ from: release.effective_from, index });
  }
  return {
    edit(a, b, date) {
      const release = indexes.filter((r) => r.from <= date).at(-1);
      return release ? lookup(release.index, a, b, date) : undefined;
    },
  };
}

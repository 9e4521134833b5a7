import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { PtpSetting } from '../../store/schema-procedures.js';
import type { PtpRow } from './ptp-parse.js';
import { ptpReleaseOn } from './releases.js';

/**
 * The edits of one imported release, as the CMS table gives them; with `codes`, only the edits
 * whose two codes are both among them (a claim's codes need a few rows of the 2.5 million).
 */
export async function readPtpEdits(
  db: Kysely<Database>,
  releaseId: number,
  codes?: readonly string[],
): Promise<Array<Omit<PtpRow, 'line'>>> {
  let q = db
    .selectFrom('ncci_ptp_edit')
    .select([
      'column1',
      'column2',
      'prior_1996',
      'effective_date',
      'deletion_date',
      'modifier_indicator',
      'rationale',
    ])
    .where('release_id', '=', releaseId);
  if (codes) {
    const list = codes.length ? [...codes] : [''];
    q = q.where('column1', 'in', list).where('column2', 'in', list);
  }
  return (await q.execute()).map((r) => ({
    column1: r.column1,
    column2: r.column2,
    prior1996: r.prior_1996,
    effectiveDate: r.effective_date,
    deletionDate: r.deletion_date,
    modifierIndicator: r.modifier_indicator as 0 | 1 | 9,
    rationale: r.rationale,
  }));
}

export interface PtpPairEdit {
  column1: string;
  column2: string;
  modifierIndicator: number;
  effectiveDate: string;
  deletionDate: string | null;
  rationale: string;
  /** In effect on the date asked about (effective date ≤ date < deletion date). */
  active: boolean;
}

export interface PtpPairCheck {
  setting: PtpSetting;
  /** Effective date of the quarterly release answered from; null when none is imported. */
  release: string | null;
  edits: PtpPairEdit[];
}

/** Every edit between two codes, in either column order, from the release in effect on the date. */
export async function checkPtpPair(
  db: Kysely<Database>,
  a: string,
  b: string,
  date: string,
  setting: PtpSetting = 'practitioner',
): Promise<PtpPairCheck> {
  const release = await ptpReleaseOn(db, setting, date);
  if (!release) return { setting, release: null, edits: [] };
  const [x, y] = [a.trim().toUpperCase(), b.trim().toUpperCase()];
  const rows = await db
    .selectFrom('ncci_ptp_edit')
    .selectAll()
    .where('release_id', '=', release.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('column1', '=', x), eb('column2', '=', y)]),
        eb.and([eb('column1', '=', y), eb('column2', '=', x)]),
      ]),
    )
    .orderBy('effective_date')
    .execute();
  return {
    setting,
    release: release.effective_from,
    edits: rows.map((r) => ({
      column1: r.column1,
      column2: r.column2,
      modifierIndicator: r.modifier_indicator,
      effectiveDate: r.effective_date,
      deletionDate: r.deletion_date,
      rationale: r.rationale,
      active: r.effective_date <= date && (r.deletion_date === null || date < r.deletion_date),
    })),
  };
}

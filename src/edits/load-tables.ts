import type { Kysely } from 'kysely';
import { readPtpEdits } from '../codesets/ncci/ptp-lookup.js';
import { cptReleaseOn, hcpcsReleaseOn, mueReleaseOn, ptpReleaseOn } from '../codesets/ncci/releases.js';
import type { Database } from '../store/schema.js';
import { buildScrubTables, type PtpEdit, type ScrubTables } from './tables.js';

export interface LoadTablesOptions {
  /** Date of service: each table's newest release in effect on it is used. */
  date: string;
  /**
   * Only these procedure codes (those on the claims being scrubbed): a single
   * claim needs a few rows, not the 2.5 million practitioner PTP edits (HCPCS modifiers, about
   * 400, are always loaded whole). Omit to load everything
   * (batch scrubbing, benchmarks).
   */
  codes?: readonly string[];
}

export interface LoadedTables {
  tables: ScrubTables;
  /** Which release of each table was used (null when none is imported). */
  releases: {
    hcpcs: string | null;
    cpt: string | null;
    mue: { practitioner: string | null; outpatient: string | null; dme: string | null };
    ptp: { practitioner: string | null; outpatient: string | null };
  };
}

/**
 * Reads the procedure-side tables from the store into the in-memory snapshot the edits use.
 * NCCI PTP and MUE releases are quarterly: the newest one whose effective date is on or before
 * the date of service. HCPCS likewise, falling back to the newest release at all (the scrubber
 * then says missing codes may be newer than the release).
 */
export async function loadScrubTables(
  db: Kysely<Database>,
  options: LoadTablesOptions,
): Promise<LoadedTables> {
  const { date, codes } = options;
  const [mp, mo, md, pp, po, cpt, hcpcs] = await Promise.all([
    mueReleaseOn(db, 'practitioner', date),
    mueReleaseOn(db, 'outpatient', date),
    mueReleaseOn(db, 'dme', date),
    ptpReleaseOn(db, 'practitioner', date),
    ptpReleaseOn(db, 'outpatient', date),
    cptReleaseOn(db, date),
    hcpcsReleaseOn(db, date),
  ]);

  const mue = async (release: { id: number } | undefined) => {
    if (!release) return [];
    let q = db
      .selectFrom('mue_value')
      .select(['code', 'mue', 'mai', 'rationale'])
      .where('release_id', '=', release.id);
    if (codes) q = q.where('code', 'in', codes.length ? [...codes] : ['']);
    return (await q.execute()).map((r) => ({ ...r, mai: r.mai as 1 | 2 | 3 }));
  };
  const ptp = async (release: { id: number } | undefined): Promise<PtpEdit[]> =>
    release ? readPtpEdits(db, release.id, codes) : [];
  const hcpcsRows = async () => {
    if (!hcpcs) return { codes: [], modifiers: [] };
    let cq = db
      .selectFrom('hcpcs_code')
      .select(['code', 'short_description', 'added_date', 'termination_date'])
      .where('release_id', '=', hcpcs.id);
    if (codes) cq = cq.where('code', 'in', codes.length ? [...codes] : ['']);
    // Modifiers are few (about 400): load them all so "is this a modifier?" never depends on the claim.
    const mq = db
      .selectFrom('hcpcs_modifier')
      .select(['modifier as code', 'short_description', 'added_date', 'termination_date'])
      .where('release_id', '=', hcpcs.id);
    const [c, m] = await Promise.all([cq.execute(), mq.execute()]);
    const entry = (r: {
      code: string;
      short_description: string;
      added_date: string | null;
      termination_date: string | null;
    }) => ({
      code: r.code,
      shortDescription: r.short_description,
      addedDate: r.added_date,
      terminationDate: r.termination_date,
    });
    return { codes: c.map(entry), modifiers: m.map(entry) };
  };
  const cptRows = async () => {
    if (!cpt) return undefined;
    let q = db.selectFrom('cpt_code').select(['code', 'short_descriptor']).where('release_id', '=', cpt.id);
    if (codes) q = q.where('code', 'in', codes.length ? [...codes] : ['']);
    return (await q.execute()).map((r) => ({ code: r.code, shortDescriptor: r.short_descriptor }));
  };
  const [mueP, mueO, mueD, ptpP, ptpO, h, c] = await Promise.all([
    mue(mp),
    mue(mo),
    mue(md),
    ptp(pp),
    ptp(po),
    hcpcsRows(),
    cptRows(),
  ]);
  const tables = buildScrubTables({
    ptp: { practitioner: ptpP, outpatient: ptpO },
    mue: { practitioner: mueP, outpatient: mueO, dme: mueD },
    mueEffective: {
      ...(mp ? { practitioner: mp.effective_from } : {}),
      ...(mo ? { outpatient: mo.effective_from } : {}),
      ...(md ? { dme: md.effective_from } : {}),
    },
    hcpcs: h.codes,
    modifiers: h.modifiers,
    ...(c ? { cpt: c } : {}),
  });
  const eff = (r: { effective_from: string } | undefined) => r?.effective_from ?? null;
  return {
    tables,
    releases: {
      hcpcs: eff(hcpcs),
      cpt: eff(cpt),
      mue: { practitioner: eff(mp), outpatient: eff(mo), dme: eff(md) },
      ptp: { practitioner: eff(pp), outpatient: eff(po) },
    },
  };
}

/**
 * The HCPCS Level II finder: drug codes with units from documented administrations, the CPT
 * administration codes that go with them (code numbers only), and vaccine administration codes.
 * Every imported HCPCS release's drug and vaccine-administration records are read once, at
 * construction or (`load: 'on-demand'`) on the first outpatient note dated in it; `find` picks
 * the release for the date of service (the newest in effect on it, as the scrubber and lookup
 * do) and only records in effect on that date, so a terminated code is never suggested for a
 * later date of service.
 */
import { hcpcsWindow } from '../../codesets/ncci/releases.js';
import type { Store } from '../../store/index.js';
import { type OnDemand, onDemand } from '../load-on-demand.js';
import type { ProcedureContext, ProcedureFinder, ProcedureFindings } from '../procedure-finder.js';
import type { ProcedureSuggestion } from '../procedure-types.js';
import type { NoteInput } from '../types.js';
import { administrationLines } from './administration-codes.js';
import { findDrugAdministrations } from './drug-administrations.js';
import { buildDrugCatalog, type HcpcsDrugRecord, inEffectOn } from './drug-catalog.js';
import { type StemIndex, stemIndex } from './drug-match.js';
import {
  findVaccineAdministrations,
  type VaccineAdminCode,
  vaccineAdminCodeOf,
  vaccineLines,
} from './vaccines.js';

export interface HcpcsFinderOptions {
  /**
   * Who pays, which decides the vaccine administration codes (Medicare Part B: G0008-G0010;
   * others: CPT 90471-90474). NoteInput carries no payer, so the default 'by-age' takes a
   * patient of 65 or over as a Medicare patient; pass the encounter's payer when it is known.
   */
  payer?: 'medicare' | 'other' | 'by-age' | ((input: NoteInput) => 'medicare' | 'other');
  /** Suggest the CPT administration codes (96372, 96374, 20610, 90471 ...). Default true. */
  administrationCodes?: boolean;
  /**
   * 'eager' (default): every release's records are read and catalogued before the finder is
   * returned. 'on-demand': only the list of releases is read now; a release's catalog is built by
   * `prepare` for the first outpatient note dated in it (concurrent callers share the one load),
   * and `find` needs `prepare` to have finished for its note.
   */
  load?: 'eager' | 'on-demand';
}

interface LoadedRelease {
  effectiveFrom: string;
  index: StemIndex;
  vaccineCodes: VaccineAdminCode[];
}

/** An imported release and its drug catalog, read on demand. */
interface Release {
  id: number;
  effectiveFrom: string;
  catalog: OnDemand<LoadedRelease>;
}

/** Builds one release's drug catalog and vaccine-administration codes from its records. */
function loadedRelease(effectiveFrom: string, records: readonly HcpcsDrugRecord[]): LoadedRelease {
  return {
    effectiveFrom,
    index: stemIndex(buildDrugCatalog(records)),
    vaccineCodes: records.flatMap((r) => vaccineAdminCodeOf(r) ?? []),
  };
}

/** Reads the drug (J, Q) and vaccine-administration (G) records of one release. */
async function readRecords(store: Store, releaseId: number): Promise<HcpcsDrugRecord[]> {
  const rows = await store.db
    .selectFrom('hcpcs_code')
    .select(['code', 'long_description', 'added_date', 'termination_date'])
    .where('release_id', '=', releaseId)
    .where((eb) =>
      eb.or([
        eb('code', 'like', 'J%'),
        eb('code', 'like', 'Q%'),
        eb.and([eb('code', 'like', 'G%'), eb('long_description', 'ilike', 'administration of % vaccine')]),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    code: r.code,
    longDescription: r.long_description,
    addedDate: r.added_date,
    terminationDate: r.termination_date,
  }));
}

/** The release for a date: the newest in effect on it, else the newest (as `hcpcsReleaseOn`). */
function releaseFor(releases: readonly Release[], date: string): Release | undefined {
  return releases.filter((r) => r.effectiveFrom <= date).at(-1) ?? releases.at(-1);
}

export async function createHcpcsFinder(
  store: Store,
  options: HcpcsFinderOptions = {},
): Promise<ProcedureFinder> {
  const releases: Release[] = (
    await store.db
      .selectFrom('hcpcs_release')
      .select(['id', 'effective_from'])
      .orderBy('effective_from')
      .execute()
  ).map((r) => ({
    id: r.id,
    effectiveFrom: r.effective_from,
    catalog: onDemand(async () => loadedRelease(r.effective_from, await readRecords(store, r.id))),
  }));
  const effectiveDates = releases.map((r) => r.effectiveFrom);
  if ((options.load ?? 'eager') === 'eager') {
    for (const release of releases) await release.catalog.load();
  }
  const withAdministration = options.administrationCodes ?? true;
  const payer = options.payer ?? 'by-age';
  const isMedicare = (input: NoteInput) =>
    typeof payer === 'function'
      ? payer(input) === 'medicare'
      : payer === 'by-age'
        ? input.age >= 65
        : payer === 'medicare';
  return {
    system: 'HCPCS',
    name: 'hcpcs',
    prepare(input) {
      if (input.setting === 'inpatient') return undefined;
      const release = releaseFor(releases, input.dateOfService);
      return release?.catalog.load();
    },
    find(context: ProcedureContext): ProcedureFindings {
      const { input, analysis } = context;
      // An inpatient stay's drugs and vaccines are the hospital's, paid within the stay (Part A,
      // revenue codes on the 837I), not HCPCS lines; the physician bills visits and procedures.
      if (input.setting === 'inpatient') return { procedures: [], queries: [] };
      const chosen = releaseFor(releases, input.dateOfService);
      if (!chosen) return { procedures: [], queries: [] };
      const release = chosen.catalog.value;
      if (!release)
        throw new Error(
          `the HCPCS release effective ${chosen.effectiveFrom} is not loaded yet: the engine's prepare(input) loads it before code(input)`,
        );
      const date = input.dateOfService;
      const window = hcpcsWindow(effectiveDates, release.effectiveFrom, date);
      const releaseNote = window.outsideWindow
        ? `HCPCS release effective ${release.effectiveFrom} (covers to ${window.coveredTo}) used for ${date}: codes added or ended since are not known`
        : `HCPCS release effective ${release.effectiveFrom}`;
      const trust = window.outsideWindow ? 0.9 : 1;
      const procedures: ProcedureSuggestion[] = [];
      const drugs = findDrugAdministrations(analysis, release.index, (code) => inEffectOn(code, date));
      for (const a of drugs.administrations) {
        const perUnit = a.code.perUnit;
        procedures.push({
          system: 'HCPCS',
          code: a.code.code,
          title: a.code.title,
          units: a.units.units,
          modifiers: [],
          diagnosisPointers: [],
          evidence: [a.mention, a.dose.span, a.route.span],
          rationale: {
            rule: `drug administered (${a.route.span.text}): units = dose ÷ the code's ${perUnit.kind === 'up-to' ? '"up to" amount' : 'amount per unit'}, rounded up`,
            details: [...a.choice, releaseNote],
            units: a.units.rationale,
          },
          confidence: round((perUnit.kind === 'per' ? 0.9 : 0.85) * trust),
        });
      }
      const queries = [...drugs.queries];
      if (withAdministration) {
        const admin = administrationLines(drugs.administrations, analysis.text);
        queries.push(...admin.queries);
        for (const line of admin.lines) {
          procedures.push({
            system: 'CPT',
            code: line.code,
            units: line.units,
            modifiers: [],
            diagnosisPointers: [],
            evidence: line.evidence,
            rationale: { rule: `administration: ${line.rule}`, details: line.details },
            confidence: round(0.8 * trust),
          });
        }
      }
      const vaccines = findVaccineAdministrations(analysis);
      const medicare = isMedicare(input);
      const codes = release.vaccineCodes.filter((c) => inEffectOn(c, date));
      for (const line of vaccineLines(vaccines, medicare, codes)) {
        if (line.system === 'CPT' && !withAdministration) continue;
        procedures.push({
          system: line.system,
          code: line.code,
          ...(line.title ? { title: line.title } : {}),
          units: line.units,
          modifiers: [],
          diagnosisPointers: [],
          evidence: line.evidence,
          rationale: {
            rule: `vaccine administration: ${line.rule}`,
            details: [
              ...line.details,
              medicare
                ? typeof payer === 'string' && payer === 'by-age'
                  ? `Medicare assumed: patient aged ${input.age} (no payer given)`
                  : 'Medicare patient'
                : 'not a Medicare patient: CPT immunization administration codes',
              ...(line.system === 'HCPCS' ? [releaseNote] : []),
            ],
          },
          confidence: round(0.85 * trust),
        });
      }
      return { procedures, queries };
    },
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

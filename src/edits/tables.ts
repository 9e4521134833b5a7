import type { PtpRow } from '../codesets/ncci/ptp-parse.js';
import type { MueService, PtpSetting } from '../store/schema-procedures.js';

/**
 * The procedure-side tables the edits read, indexed in memory once (from the store, or built
 * from fixtures in tests) so scrubbing a claim is map lookups only: no database access inside a
 * rule, and thousands of claims a second.
 */
/** One NCCI PTP edit as the CMS table gives it (deletion date: first date it no longer applies). */
export type PtpEdit = Omit<PtpRow, 'line'>;

export interface MueEntry {
  code: string;
  mue: number;
  mai: 1 | 2 | 3;
  rationale: string;
}

export interface HcpcsEntry {
  code: string;
  shortDescription: string;
  addedDate: string | null;
  terminationDate: string | null;
}

export interface ScrubTableInput {
  ptp?: Partial<Record<PtpSetting, readonly PtpEdit[]>>;
  mue?: Partial<Record<MueService, readonly MueEntry[]>>;
  /** MUE effective dates, for messages ("MUE table effective 2024-07-01"). */
  mueEffective?: Partial<Record<MueService, string>>;
  hcpcs?: readonly HcpcsEntry[];
  modifiers?: readonly HcpcsEntry[];
  /** CPT codes from the user's licensed file; when absent CPT numbers are not checked against a list. */
  cpt?: ReadonlyArray<{ code: string; shortDescriptor: string }>;
}

export interface ScrubTables {
  /** PTP edits by `column1|column2`, several when a pair was deleted and re-added. */
  readonly ptp: Readonly<Record<PtpSetting, ReadonlyMap<string, readonly PtpEdit[]>>>;
  readonly mue: Readonly<Record<MueService, ReadonlyMap<string, MueEntry>>>;
  readonly mueEffective: Partial<Record<MueService, string>>;
  readonly hcpcs: ReadonlyMap<string, HcpcsEntry>;
  readonly modifiers: ReadonlyMap<string, HcpcsEntry>;
  readonly cpt: ReadonlyMap<string, string> | null;
  /** CPT numbers seen in any NCCI or MUE table: accepted as valid when no CPT file is loaded. */
  readonly knownProcedureCodes: ReadonlySet<string>;
}

export function pairKey(column1: string, column2: string): string {
  return `${column1}|${column2}`;
}

export function buildScrubTables(input: ScrubTableInput): ScrubTables {
  const known = new Set<string>();
  const ptpIndex = (edits: readonly PtpEdit[] = []) => {
    const map = new Map<string, PtpEdit[]>();
    for (const e of edits) {
      known.add(e.column1);
      known.add(e.column2);
      const key = pairKey(e.column1, e.column2);
      const list = map.get(key);
      if (list) list.push(e);
      else map.set(key, [e]);
    }
    return map;
  };
  const mueIndex = (rows: readonly MueEntry[] = []) => {
    for (const r of rows) known.add(r.code);
    return new Map(rows.map((r) => [r.code, r]));
  };
  return {
    ptp: { practitioner: ptpIndex(input.ptp?.practitioner), outpatient: ptpIndex(input.ptp?.outpatient) },
    mue: {
      practitioner: mueIndex(input.mue?.practitioner),
      outpatient: mueIndex(input.mue?.outpatient),
      dme: mueIndex(input.mue?.dme),
    },
    mueEffective: input.mueEffective ?? {},
    hcpcs: new Map((input.hcpcs ?? []).map((h) => [h.code, h])),
    modifiers: new Map((input.modifiers ?? []).map((m) => [m.code, m])),
    cpt: input.cpt ? new Map(input.cpt.map((c) => [c.code, c.shortDescriptor])) : null,
    knownProcedureCodes: known,
  };
}

/**
 * Whether a PTP edit applies on a date of service: from its effective date up to, not
 * including, its deletion date. (CMS deletes edits retroactively by giving them a deletion date
 * equal to their effective date; such an edit never applied.)
 */
export function ptpActiveOn(edit: PtpEdit, date: string): boolean {
  return edit.effectiveDate <= date && (edit.deletionDate === null || date < edit.deletionDate);
}

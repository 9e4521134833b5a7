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
  /**
   * PTP edits by column 1 code, then column 2 code (several when a pair was deleted and
   * re-added). Two levels, not one `a|b` key: a claim's code strings are looked up again and
   * again, and their hashes are cached, where a concatenated key would be hashed anew each time.
   */
  readonly ptp: Readonly<Record<PtpSetting, PtpIndex>>;
  readonly mue: Readonly<Record<MueService, ReadonlyMap<string, MueEntry>>>;
  readonly mueEffective: Partial<Record<MueService, string>>;
  readonly hcpcs: ReadonlyMap<string, HcpcsEntry>;
  readonly modifiers: ReadonlyMap<string, HcpcsEntry>;
  readonly cpt: ReadonlyMap<string, string> | null;
  /** CPT numbers seen in any NCCI or MUE table: accepted as valid when no CPT file is loaded. */
  readonly knownProcedureCodes: ReadonlySet<string>;
}

export type PtpIndex = ReadonlyMap<string, ReadonlyMap<string, readonly PtpEdit[]>>;

/** Edits for a (column 1, column 2) pair, or undefined. */
export function ptpEdits(index: PtpIndex, column1: string, column2: string): readonly PtpEdit[] | undefined {
  return index.get(column1)?.get(column2);
}

export function buildScrubTables(input: ScrubTableInput): ScrubTables {
  const known = new Set<string>();
  const ptpIndex = (edits: readonly PtpEdit[] = []) => {
    const map = new Map<string, Map<string, PtpEdit[]>>();
    for (const e of edits) {
      known.add(e.column1);
      known.add(e.column2);
      let inner = map.get(e.column1);
      if (!inner) {
        inner = new Map();
        map.set(e.column1, inner);
      }
      const list = inner.get(e.column2);
      if (list) list.push(e);
      else inner.set(e.column2, [e]);
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

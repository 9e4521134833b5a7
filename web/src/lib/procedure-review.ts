/**
 * The coder's review of procedure lines, as pure functions over rows (like review.ts for the
 * diagnosis codes): the engine's proposals merged with what was saved, accept/reject/edit/add,
 * the rows to save, and the claim lines the claim builder starts from.
 */
import type {
  ProcedureLineSave,
  ProcedureSuggestion,
  ProcedureSystem,
  SavedProcedureLine,
} from '../api/procedures.js';
import type { EvidenceSpan } from '../api/types.js';
import type { LineDraft } from './claim-lines.js';

export type ProcedureRowStatus = 'pending' | 'accepted' | 'rejected' | 'replaced' | 'added';

export interface ProcedureRow {
  key: string;
  system: ProcedureSystem;
  code: string;
  title: string;
  status: ProcedureRowStatus;
  proposed: string | null;
  units: number;
  modifiers: string[];
  pointers: string[];
  evidence: EvidenceSpan[];
  /** The engine's proposal this row answers, for its rationale. */
  suggestion?: ProcedureSuggestion;
}

const keyOf = (system: ProcedureSystem, code: string) => `${system} ${code}`;

/**
 * Saved lines win; proposals not yet reviewed follow as pending, in the engine's order. A
 * proposal is matched to a saved line by the code it proposed.
 */
export function mergeProcedures(
  proposals: readonly ProcedureSuggestion[],
  saved: readonly SavedProcedureLine[],
): ProcedureRow[] {
  const byKey = new Map(proposals.map((p) => [keyOf(p.system, p.code), p]));
  const rows: ProcedureRow[] = saved.map((s) => {
    const suggestion = s.proposed ? byKey.get(keyOf(s.system, s.proposed)) : undefined;
    return {
      key: `saved-${s.line}`,
      system: s.system,
      code: s.code,
      title: s.title || (suggestion?.title ?? ''),
      status: s.status,
      proposed: s.proposed,
      units: s.units,
      modifiers: s.modifiers,
      pointers: s.pointers,
      evidence: s.evidence,
      ...(suggestion ? { suggestion } : {}),
    };
  });
  const answered = new Set(saved.filter((s) => s.proposed).map((s) => keyOf(s.system, s.proposed as string)));
  for (const p of proposals) {
    const key = keyOf(p.system, p.code);
    if (answered.has(key)) continue;
    rows.push({
      key: `proposed-${key}`,
      system: p.system,
      code: p.code,
      title: p.title ?? '',
      status: 'pending',
      proposed: p.code,
      units: p.units,
      modifiers: p.modifiers.map((m) => m.code),
      pointers: p.diagnosisPointers,
      evidence: p.evidence,
      suggestion: p,
    });
  }
  return rows;
}

export function setStatus(
  rows: readonly ProcedureRow[],
  key: string,
  status: 'accepted' | 'rejected',
): ProcedureRow[] {
  return rows.map((r) => {
    if (r.key !== key) return r;
    // Accepting a row whose code the coder changed keeps it "replaced".
    if (status === 'accepted' && r.proposed !== null && r.code !== r.proposed)
      return { ...r, status: 'replaced' };
    if (status === 'accepted' && r.proposed === null) return { ...r, status: 'added' };
    return { ...r, status };
  });
}

/** Edits a row's code, units, modifiers or pointers from what the coder typed; an error names the field. */
export function editRow(
  rows: readonly ProcedureRow[],
  key: string,
  edit: { code?: string; units?: string; modifiers?: string; pointers?: string },
  finalDiagnoses: readonly string[],
): { rows: ProcedureRow[] } | { error: string } {
  const row = rows.find((r) => r.key === key);
  if (!row) return { error: 'no such line' };
  const next = { ...row };
  if (edit.code !== undefined) {
    const code = edit.code.trim().toUpperCase();
    if (!/^[0-9A-Z]{5}$|^[0-9A-HJ-NP-Z]{7}$/.test(code))
      return { error: `code "${edit.code}" is not a procedure code` };
    next.code = code;
    if (row.proposed !== null) next.status = code === row.proposed ? 'accepted' : 'replaced';
  }
  if (edit.units !== undefined) {
    const units = Number(edit.units);
    if (!Number.isInteger(units) || units < 1 || units > 9999)
      return { error: `units "${edit.units}": a whole number ≥ 1` };
    next.units = units;
  }
  if (edit.modifiers !== undefined) {
    const modifiers = edit.modifiers
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((m) => m.toUpperCase());
    if (modifiers.length > 4 || modifiers.some((m) => !/^[0-9A-Z]{2}$/.test(m)))
      return { error: `modifiers "${edit.modifiers}": up to 4 two-character modifiers` };
    next.modifiers = modifiers;
  }
  if (edit.pointers !== undefined) {
    const pointers = edit.pointers
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((p) => p.toUpperCase());
    const unknown = pointers.find((p) => !finalDiagnoses.includes(p));
    if (unknown) return { error: `diagnosis ${unknown} is not among the reported codes` };
    if (pointers.length > 4) return { error: 'at most 4 diagnosis pointers' };
    next.pointers = pointers;
  }
  return { rows: rows.map((r) => (r.key === key ? next : r)) };
}

let added = 0;
export function addProcedure(
  rows: readonly ProcedureRow[],
  system: ProcedureSystem,
  code: string,
): ProcedureRow[] {
  added += 1;
  return [
    ...rows,
    {
      key: `added-${added}`,
      system,
      code: code.trim().toUpperCase(),
      title: '',
      status: 'added',
      proposed: null,
      units: 1,
      modifiers: [],
      pointers: [],
      evidence: [],
    },
  ];
}

/**
 * What the API saves: every reviewed row; pending proposals are not decisions yet. Pointers to
 * diagnoses the coder has since removed are dropped rather than refused.
 */
export function toSaveProcedures(
  rows: readonly ProcedureRow[],
  finalDiagnoses: readonly string[],
): ProcedureLineSave[] {
  return rows
    .filter((r) => r.status !== 'pending')
    .map((r) => ({
      system: r.system,
      code: r.code,
      status: r.status as ProcedureLineSave['status'],
      proposed: r.proposed,
      units: r.units,
      modifiers: r.modifiers,
      pointers: r.pointers.filter((p) => finalDiagnoses.includes(p)),
    }));
}

/**
 * The claim builder's starting lines: the saved professional lines (CPT and HCPCS; ICD-10-PCS
 * codes go on an institutional claim's HI segment, not a service line) that the coder kept, with
 * pointers as positions in the reported diagnoses. The charge is the biller's to enter.
 */
export function claimDrafts(
  saved: readonly SavedProcedureLine[],
  reported: readonly string[],
): Omit<LineDraft, 'id'>[] {
  return saved
    .filter((l) => l.status !== 'rejected' && l.system !== 'ICD-10-PCS')
    .map((l) => {
      const positions = l.pointers.map((p) => reported.indexOf(p) + 1).filter((n) => n > 0);
      return {
        code: l.code,
        modifiers: l.modifiers.join(' '),
        units: String(l.units),
        charge: '',
        // No pointer the coder kept: left for the biller, never guessed.
        pointers: positions.join(', '),
      };
    });
}

/** Claim service lines as typed in the form, checked before they reach the server. */
import type { ClaimLineInput } from '../api/types.js';
import { parseDollars, parsePointers } from './format.js';

export interface LineDraft {
  id: number;
  code: string;
  modifiers: string;
  units: string;
  charge: string;
  pointers: string;
}

/** What is wrong with a typed line, or the line the API takes. Pointers must name reported diagnoses. */
export function readLine(
  draft: Omit<LineDraft, 'id'>,
  diagnosisCount: number,
): { line: ClaimLineInput } | { error: string } {
  const code = draft.code.trim().toUpperCase();
  if (!/^([0-9]{4}[0-9A-Z]|[A-Z][0-9]{4})$/.test(code)) {
    return { error: `procedure code "${draft.code}" is not a CPT or HCPCS code (5 characters)` };
  }
  const modifiers = draft.modifiers
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((m) => m.toUpperCase());
  if (modifiers.length > 4 || modifiers.some((m) => !/^[0-9A-Z]{2}$/.test(m))) {
    return { error: `modifiers "${draft.modifiers}": up to 4 two-character modifiers` };
  }
  const units = Number(draft.units);
  if (!Number.isInteger(units) || units < 1 || units > 9999)
    return { error: `units "${draft.units}": a whole number ≥ 1` };
  const chargeCents = parseDollars(draft.charge);
  if (chargeCents === null || chargeCents <= 0)
    return { error: `charge "${draft.charge}": an amount such as 125.00` };
  const pointers = parsePointers(draft.pointers);
  if (!pointers) return { error: `diagnosis pointers "${draft.pointers}": 1 to 4 numbers such as 1, 2` };
  const beyond = pointers.find((p) => p > diagnosisCount);
  if (beyond !== undefined) {
    return { error: `diagnosis pointer ${beyond}: only ${diagnosisCount} diagnosis code(s) are reported` };
  }
  return { line: { code, modifiers, units, chargeCents, pointers } };
}

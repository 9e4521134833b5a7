/**
 * Which procedure lines a modifier rule looks at: E/M visits take 25 and never 59/X; drugs and
 * supplies (HCPCS J and Q codes) are not procedures and take none of them; laterality belongs
 * to the surgery section's procedures (CPT 10021-69990), done on one side or both.
 */
import type { ProcedureSuggestion } from '../procedure-types.js';

export function isEvaluationAndManagement(line: ProcedureSuggestion): boolean {
  return line.system === 'CPT' && /^99(2\d\d|[34]\d\d)$/.test(line.code);
}

export function isDrugOrSupply(line: ProcedureSuggestion): boolean {
  return line.system === 'HCPCS' && /^[JQA]\d{4}$/.test(line.code);
}

/** A procedure (CPT or HCPCS service line) that can form an NCCI pair needing a modifier. */
export function isProcedure(line: ProcedureSuggestion): boolean {
  return line.system !== 'ICD-10-PCS' && !isEvaluationAndManagement(line) && !isDrugOrSupply(line);
}

export function isSurgical(line: ProcedureSuggestion): boolean {
  if (line.system !== 'CPT' || !/^\d{5}$/.test(line.code)) return false;
  const n = Number(line.code);
  return n >= 10021 && n <= 69990;
}

export function hasModifier(line: ProcedureSuggestion, codes: readonly string[]): boolean {
  return line.modifiers.some((m) => codes.includes(m.code));
}

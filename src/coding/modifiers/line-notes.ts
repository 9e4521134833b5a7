/** A line with one more rationale detail: why a modifier was considered and not added. */
import type { ProcedureSuggestion } from '../procedure-types.js';

export function withDetail(line: ProcedureSuggestion, detail: string): ProcedureSuggestion {
  return { ...line, rationale: { ...line.rationale, details: [...line.rationale.details, detail] } };
}

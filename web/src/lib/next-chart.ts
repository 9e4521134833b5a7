import type { EncounterSummary } from '../api/types.js';

/** States in which a chart still waits for its coder. */
const TO_CODE = new Set(['new', 'suggested', 'in_review', 'corrected', 'denied']);

/**
 * The chart to open after this one: the first of `queue` (in the order the worklist gave it)
 * that still needs coding and is not this one, preferring a chart not waiting on a provider's
 * answer (it can be finished now). Null when there is none.
 */
export function pickNextChart(
  queue: readonly EncounterSummary[],
  currentId: string,
): EncounterSummary | null {
  const candidates = queue.filter((e) => String(e.id) !== currentId && TO_CODE.has(e.state));
  return candidates.find((e) => (e.queries?.open ?? 0) === 0) ?? candidates[0] ?? null;
}

/**
 * Guideline IV.J / III: code conditions documented as present. A negated mention ("denies chest
 * pain") or a hypothetical one ("return if fever develops") describes no condition of this
 * encounter, so it is not coded. Family and historical mentions are handled by their own rules.
 */
import type { Rule } from '../candidate.js';

export const GUIDELINE = 'IV.J: code conditions that exist at the time of the encounter';

export const contextFilter: Rule = (candidates) => ({
  candidates: candidates.filter((c) => !c.context.negated && !c.context.hypothetical),
});

/**
 * Uncertain diagnoses ("probable", "suspected", "rule out", "consistent with"):
 * - outpatient (IV.H): not coded; code the signs and symptoms instead, which the note's other
 *   statements supply;
 * - inpatient (II.H, III.C): coded as if established when documented at discharge.
 */
import type { Rule } from '../candidate.js';

export const OUTPATIENT = 'IV.H: uncertain diagnoses are not coded in the outpatient setting';
export const INPATIENT = 'II.H: uncertain diagnosis at discharge coded as if established (inpatient)';

export const uncertainDiagnosis: Rule = (candidates, ctx) => {
  if (ctx.setting === 'outpatient') {
    return { candidates: candidates.filter((c) => !c.context.uncertain) };
  }
  return {
    candidates: candidates.map((c) =>
      c.context.uncertain
        ? { ...c, guidelines: [...c.guidelines, INPATIENT], confidence: Math.min(c.confidence, 0.7) }
        : c,
    ),
  };
};

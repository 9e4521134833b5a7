/**
 * O80 (full-term uncomplicated delivery) is "for use as a single diagnosis code and is not to
 * be used with any other code from chapter 15" (Tabular O80; I.C.15.b.4): when the delivery had
 * a complication, an indication or another pregnancy condition coded from chapter 15, O80 is
 * not reported. Z3A and Z37 are not chapter 15 codes and go with O80.
 */
import type { Rule } from '../candidate.js';

export const GUIDELINE = 'I.C.15.b.4: O80 is never reported with another chapter 15 code';

export const uncomplicatedDelivery: Rule = (candidates) => {
  const other = candidates.some((c) => c.code.startsWith('O') && c.code !== 'O80' && !c.context.negated);
  if (!other) return { candidates: [...candidates] };
  return { candidates: candidates.filter((c) => c.code !== 'O80') };
};

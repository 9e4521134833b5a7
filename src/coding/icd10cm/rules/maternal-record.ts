/**
 * Pregnancy codes go on the mother's record only (I.C.15.a: chapter 15 codes "are to be used only
 * on the maternal record, never on the record of the newborn"; the same holds for the pregnancy
 * state, weeks of gestation, outcome of delivery and postpartum Z codes). A pregnancy a male
 * patient's or a child's note documents is someone else's, usually the mother's in a child's
 * birth history ("pregnancy was properly monitored"), so its codes are dropped. A child is under
 * 12, the lower bound of the CMS Medicare Code Editor's maternity age range; the upper bound is
 * left to the claim edit, since the note then documents the patient's own pregnancy.
 */
import type { Rule } from '../candidate.js';

export const GUIDELINE = 'I.C.15.a: pregnancy codes only on the maternal record';

const MATERNAL = /^(?:O|Z3[3467A]|Z39)/;
const YOUNGEST_MOTHER = 12;

export const maternalRecord: Rule = (candidates, ctx) => {
  if (ctx.sex !== 'M' && ctx.age >= YOUNGEST_MOTHER) return { candidates: [...candidates] };
  return { candidates: candidates.filter((c) => !MATERNAL.test(c.code)) };
};

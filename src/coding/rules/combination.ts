/**
 * Combination codes (I.B.9): when one code fully describes two conditions (or a condition and
 * its complication), the separate code is not reported — unless the combination code's
 * Tabular note asks for it ("use additional code to identify ..."). A candidate whose evidence
 * words are all part of another candidate's evidence is the separate code.
 */
import { type Candidate, codeRefs, inRange, type Rule } from '../candidate.js';

export const GUIDELINE = 'I.B.9: combination code preferred over separate codes';

export function asksFor(a: Candidate, b: Candidate): boolean {
  return a.details.notes.some(
    (n) =>
      (n.kind === 'useAdditionalCode' || n.kind === 'codeAlso') &&
      codeRefs(n.text).some((r) => inRange(b.code, r)),
  );
}

function covers(a: Candidate, b: Candidate): boolean {
  if (b.positions.length === 0 || a.positions.length <= b.positions.length) return false;
  const mine = new Set(a.positions);
  return b.positions.every((p) => mine.has(p));
}

export const combination: Rule = (candidates) => {
  const out: Candidate[] = [];
  for (const b of candidates) {
    const combo = candidates.find((a) => a !== b && a.code !== b.code && covers(a, b) && !asksFor(a, b));
    if (combo) {
      combo.guidelines = combo.guidelines.includes(GUIDELINE)
        ? combo.guidelines
        : [...combo.guidelines, GUIDELINE];
      continue;
    }
    out.push(b);
  }
  return { candidates: out };
};

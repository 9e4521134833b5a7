/**
 * Excludes1 (I.A.12.a): two conditions in an Excludes1 relationship are never reported
 * together. When a candidate's own or inherited Excludes1 note names another candidate, the
 * more specific one (the one whose evidence covers more words, then the higher confidence)
 * is kept and the other dropped.
 */
import { type Candidate, codeRefs, inRange, type Rule } from '../candidate.js';

export const GUIDELINE = 'I.A.12.a: Excludes1 — the two codes are never reported together';

export function excludes(a: Candidate, b: Candidate): boolean {
  return a.details.notes.some(
    (n) => n.kind === 'excludes1' && codeRefs(n.text).some((r) => inRange(b.code, r)),
  );
}

export const excludes1: Rule = (candidates) => {
  const dropped = new Set<Candidate>();
  for (const a of candidates) {
    for (const b of candidates) {
      if (a === b || dropped.has(a) || dropped.has(b) || a.code === b.code) continue;
      if (!excludes(a, b) && !excludes(b, a)) continue;
      const loser =
        a.positions.length !== b.positions.length
          ? a.positions.length < b.positions.length
            ? a
            : b
          : a.confidence < b.confidence
            ? a
            : b;
      dropped.add(loser);
      const winner = loser === a ? b : a;
      winner.tabularNotes = [
        ...winner.tabularNotes,
        `Excludes1: ${loser.code} not reported with ${winner.code}`,
      ];
      winner.guidelines = [...winner.guidelines, GUIDELINE];
    }
  }
  return { candidates: candidates.filter((c) => !dropped.has(c)) };
};

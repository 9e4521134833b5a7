/**
 * Excludes1 (I.A.12.a): two conditions in an Excludes1 relationship are never reported
 * together. When a candidate's own or inherited Excludes1 note names another candidate, the
 * more specific one (the one whose evidence covers more words, then the higher confidence)
 * is kept and the other dropped.
 */
import { type Candidate, codeRefs, inRange, type Rule } from '../candidate.js';

export const GUIDELINE = 'I.A.12.a: Excludes1 — the two codes are never reported together';

export function excludes(a: Readonly<Candidate>, b: Readonly<Candidate>): boolean {
  return a.details.notes.some(
    (n) => n.kind === 'excludes1' && codeRefs(n.text).some((r) => inRange(b.code, r)),
  );
}

export const excludes1: Rule = (candidates) => {
  const dropped = new Set<Readonly<Candidate>>();
  // What each winner gains, in the order it won: its Excludes1 notes and the guideline.
  const won = new Map<Readonly<Candidate>, string[]>();
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
      won.set(winner, [
        ...(won.get(winner) ?? []),
        `Excludes1: ${loser.code} not reported with ${winner.code}`,
      ]);
    }
  }
  // One new object per winner (shared where the list holds the same candidate twice).
  const updated = new Map(
    [...won].map(([c, notes]) => [
      c,
      {
        ...c,
        tabularNotes: [...c.tabularNotes, ...notes],
        guidelines: [...c.guidelines, ...notes.map(() => GUIDELINE)],
      },
    ]),
  );
  return { candidates: candidates.filter((c) => !dropped.has(c)).map((c) => updated.get(c) ?? c) };
};

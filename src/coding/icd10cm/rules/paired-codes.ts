/**
 * "Use additional code" / "code first" pairs (I.A.12–I.A.13, I.B.7): records on each code the
 * Tabular instruction that ties it to another reported code (E11.22 → N18.x; N18.x ← I12.-),
 * and raises a query when the instruction asks for a code the note does not specify — the
 * stage of chronic kidney disease is the common one (E11.22 / I12.- with only N18.9).
 */

import type { PhysicianQuery } from '../../types.js';
import { type Candidate, codeRefs, inRange, type Rule } from '../candidate.js';

export const GUIDELINE = 'I.A.13: etiology/manifestation and "use additional code" pairs reported together';

export const pairedCodes: Rule = (candidates) => {
  const queries: PhysicianQuery[] = [];
  // The candidates given a pairing note, each once: a new object in place of the one given.
  const paired = new Map<Readonly<Candidate>, Readonly<Candidate>>();
  for (const a of candidates) {
    for (const n of a.details.notes) {
      if (n.kind !== 'useAdditionalCode' && n.kind !== 'codeFirst') continue;
      const refs = codeRefs(n.text);
      const partners = candidates.filter((b) => b !== a && refs.some((r) => inRange(b.code, r)));
      if (partners.length === 0) continue;
      const label = n.kind === 'useAdditionalCode' ? 'use additional code' : 'code first';
      const now = paired.get(a) ?? a;
      paired.set(a, {
        ...now,
        tabularNotes: [
          ...now.tabularNotes,
          `${label} ${n.text} → ${[...new Set(partners.map((p) => p.code))].join(', ')}`,
        ],
        guidelines: now.guidelines.includes(GUIDELINE) ? now.guidelines : [...now.guidelines, GUIDELINE],
      });
    }
  }
  return { candidates: candidates.map((c) => paired.get(c) ?? c), queries };
};

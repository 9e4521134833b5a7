/**
 * The codes read from the note's wording rather than from an Index term (facts/): weeks of
 * gestation, BMI, tobacco use, long-term drug therapy... Each is verified in the Tabular and
 * replaces the codes found before it that it supersedes (a former smoker's Z87.891 replaces
 * "smoker" F17.200).
 */
import type { SectionKind } from '../../../nlp/sections.js';
import type { PreparedNote } from '../../prepare-note.js';
import { type Candidate, isCurrent } from '../candidate.js';
import { type Fact, findFacts } from '../facts/index.js';
import { type DiagnosisFinder, type FindContext, type Finding, plainContext } from './types.js';

export const factFinder: DiagnosisFinder = {
  name: 'facts',
  find(note: PreparedNote, ctx: FindContext, found: readonly Candidate[]): Finding[] {
    const codes = found.filter(isCurrent).map((c) => c.code);
    const out: Finding[] = [];
    for (const fact of findFacts({ analysis: note.analysis, age: note.input.age, codes })) {
      const details = ctx.lookup(fact.code);
      if (!details?.billable) continue;
      const evidence = fact.evidence;
      out.push({
        candidate: {
          code: details.code,
          title: details.title,
          details,
          evidence,
          indexPath: fact.indexPath,
          tabularNotes: [],
          guidelines: [fact.guideline],
          context: plainContext(),
          section: (evidence[0]?.section ?? 'other') as SectionKind,
          offset: evidence[0]?.start ?? 0,
          positions: [],
          confidence: 0.8,
        },
        supersedes: (code) => supersededBy(fact, code),
      });
    }
    return out;
  },
};

/** The fact's own code (said twice) or one it replaces ("Z72.0", or a category as "F17*"). */
function supersededBy(fact: Fact, code: string): boolean {
  return (
    code === fact.code ||
    (fact.replaces ?? []).some((r) => (r.endsWith('*') ? code.startsWith(r.slice(0, -1)) : code === r))
  );
}

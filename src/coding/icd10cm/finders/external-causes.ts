/**
 * External causes (I.C.20) as candidates: for an injury found before it, the mechanism, place,
 * activity and status the External Cause Index gives (external-cause.ts), completed in the
 * Tabular and listed after every diagnosis.
 */
import type { PreparedNote } from '../../prepare-note.js';
import type { Candidate } from '../candidate.js';
import { ExternalCauseFinder, GUIDELINE } from '../external-cause.js';
import type { IndexTree } from '../index-tree.js';
import { completeCode } from '../specificity.js';
import { evidenceOf, sentenceSpan } from './evidence.js';
import { type DiagnosisFinder, type FindContext, type Finding, plainContext } from './types.js';

/** Injuries (S00–T34); poisonings and adverse effects carry their cause in the code. */
const INJURY = /^(?:S|T0[7-9]|T[12]|T3[0-4])/;

/** After every diagnosis, in the order the External Cause Index reading found them. */
const AFTER_ALL = 1e9;

export function externalCauseFinder(externalCauseIndex: IndexTree): DiagnosisFinder {
  const external = new ExternalCauseFinder(externalCauseIndex);
  return {
    name: 'external-causes',
    find(note: PreparedNote, ctx: FindContext, found: readonly Candidate[]): Finding[] {
      const injured = found.some(
        (c) => INJURY.test(c.code) && !c.context.negated && !c.context.family && !c.context.historical,
      );
      if (!injured) return [];
      const { analysis } = note;
      const out: Finding[] = [];
      external.find(analysis, ctx.episode === 'initial').forEach((cause, i) => {
        const stems = new Set(cause.sentence.tokens.map((t) => t.stem));
        const done = completeCode(cause.code, stems, ctx.episode, ctx.lookup);
        if (!done) return;
        const evidence = evidenceOf(analysis, cause);
        out.push({
          candidate: {
            code: done.code,
            title: done.details.title,
            details: done.details,
            evidence: evidence.length > 0 ? evidence : [sentenceSpan(analysis, cause.sentence)],
            indexPath: ['External Cause Index', ...cause.path],
            tabularNotes: done.notes,
            guidelines: [GUIDELINE, ...done.guidelines],
            context: plainContext(),
            section: cause.sentence.section,
            offset: AFTER_ALL + i,
            positions: [],
            confidence: 0.6,
          },
        });
      });
      return out;
    },
  };
}

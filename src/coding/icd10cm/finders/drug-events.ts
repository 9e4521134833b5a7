/**
 * Poisonings, adverse effects and underdosings from the Table of Drugs and Chemicals
 * (drug-events.ts) as candidates; the noncompliance code of an underdosing replaces the generic
 * one found before it.
 */
import { contextOf } from '../../../nlp/context.js';
import { isDiagnosticSection } from '../../../nlp/sections.js';
import type { Icd10cmTerminology } from '../../../terminology/types.js';
import type { PreparedNote } from '../../prepare-note.js';
import { type DrugEventKind, drugEventIn, GUIDELINES } from '../drug-events.js';
import { POS_BASE } from '../index-match.js';
import { completeCode } from '../specificity.js';
import { evidenceOf } from './evidence.js';
import type { DiagnosisFinder, FindContext, Finding } from './types.js';

const COLUMN_LABEL: Record<DrugEventKind, string> = {
  poisoning: 'poisoning',
  adverseEffect: 'adverse effect',
  underdosing: 'underdosing',
};

/** Underdosing with a noncompliance reason (Z91.12-, Z91.13-, Z91.14-). */
const NONCOMPLIANCE = /^Z91\.1[234]/;

export function drugEventFinder(drugLookup: Icd10cmTerminology['drugLookup']): DiagnosisFinder {
  return {
    name: 'drug-events',
    find(note: PreparedNote, ctx: FindContext): Finding[] {
      const { analysis } = note;
      // With an assessment, the provider's diagnostic statement says what happened (IV.C).
      const sentences = ctx.hasDiagnoses
        ? ctx.sources.filter((s) => isDiagnosticSection(s.section))
        : ctx.sources;
      const out: Finding[] = [];
      for (const s of sentences) {
        const lower = analysis.text.slice(s.start, s.end).toLowerCase();
        const event = drugEventIn(s, lower, drugLookup);
        if (!event) continue;
        const f = contextOf(s.flags, Math.min(...event.tokens), Math.max(...event.tokens) + 1);
        if (f.negated || f.hypothetical || f.family || f.historical) continue;
        const done = completeCode(event.code, new Set(), ctx.episode, ctx.lookup);
        if (!done) continue;
        const positions = event.tokens.map((i) => s.index * POS_BASE + i);
        const evidence = evidenceOf(analysis, { sentence: s, positions });
        const context = {
          negated: false,
          uncertain: f.uncertain,
          historical: false,
          family: false,
          hypothetical: false,
        };
        const base = {
          evidence,
          tabularNotes: done.notes,
          context,
          section: s.section,
          positions,
          confidence: 0.75,
        };
        out.push({
          candidate: {
            ...base,
            code: done.code,
            title: done.details.title,
            details: done.details,
            indexPath: ['Table of Drugs and Chemicals', ...event.path, COLUMN_LABEL[event.kind]],
            guidelines: [GUIDELINES[event.kind], ...done.guidelines],
            // An adverse effect follows its manifestation; an underdosing follows the condition.
            offset: evidence[0]!.start + (event.kind === 'poisoning' ? 0 : 0.5),
          },
        });
        const z = event.noncompliance ? ctx.lookup(event.noncompliance) : null;
        if (z?.billable)
          out.push({
            candidate: {
              ...base,
              code: z.code,
              title: z.title,
              details: z,
              tabularNotes: [],
              indexPath: ['Underdosing', 'noncompliance reason'],
              guidelines: [GUIDELINES.underdosing],
              offset: evidence[0]!.start + 0.6,
            },
            supersedes: (code) => NONCOMPLIANCE.test(code) && code !== z.code,
          });
      }
      return out;
    },
  };
}

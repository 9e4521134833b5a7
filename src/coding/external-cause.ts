/**
 * External causes (I.C.20): for an injury the External Cause Index gives how it happened
 * (mechanism, V00–Y38), where (place of occurrence, Y92), doing what (activity, Y93) and the
 * patient's status (Y99: work for pay, military, volunteer, leisure). They are secondary codes,
 * never first-listed; place, activity and status are reported once, at the initial encounter
 * (I.C.20.b, I.C.20.c, I.C.20.k).
 */
import type { NoteAnalysis, Sentence } from '../nlp/analyze.js';
import type { SectionKind } from '../nlp/sections.js';
import { IndexMatcher } from './index-match.js';
import type { IndexNode, IndexTree } from './index-tree.js';

export const GUIDELINE = 'I.C.20: external cause codes (mechanism, place, activity, status) for injuries';

export interface ExternalCause {
  kind: 'mechanism' | 'place' | 'activity' | 'status';
  /** The Index code as printed (the mechanism may still need its 7th character). */
  code: string;
  path: string[];
  sentence: Sentence;
  positions: number[];
}

/** Where the story of the injury is told. */
const STORY: ReadonlySet<SectionKind> = new Set([
  'preamble',
  'chief_complaint',
  'hpi',
  'assessment',
  'assessment_plan',
  'diagnoses',
  'hospital_course',
  'other',
]);

/** Work for pay (Y99.0) is said in many ways (at the job, the place where one works, during a shift); the Index wording ("civilian activity done for income") is not one of them. */
const AT_WORK =
  /\b(?:at work|on the job|while working|work(?:place)? injury|workers'? comp\w*|at (?:his|her|their) job|(?:where|which) (?:he|she|they) works?|(?:during|on) (?:his|her|their|a|the) (?:work )?shift|on shift)\b/i;
/** Activity codes for leisure and sport: their status is Y99.8 unless said to be work. */
const LEISURE_ACTIVITY = /^Y93\.(?:[0-9]|A|B)/;

export class ExternalCauseFinder {
  private readonly matcher: IndexMatcher;
  private readonly roots: { place?: IndexNode; activity?: IndexNode; status?: IndexNode };

  constructor(tree: IndexTree) {
    this.matcher = new IndexMatcher(tree);
    const root = (prefix: string) => {
      for (const [title, id] of tree.byTitle) if (title.startsWith(prefix)) return tree.nodes.get(id);
      return undefined;
    };
    this.roots = {
      place: root('place of occurrence'),
      activity: root('activity'),
      status: root('external cause status'),
    };
  }

  find(analysis: NoteAnalysis, initial: boolean): ExternalCause[] {
    const story = analysis.sentences.filter((s) => STORY.has(s.section));
    const out: ExternalCause[] = [];
    // Mechanism: the most specific External Cause Index mention (most words), first on ties.
    const mentions = this.matcher
      .find(analysis, story, [])
      // X58 ("Injury NOS") restates the injury, not how it happened.
      .filter(
        (m) =>
          /^(?:V|W|X|Y[0-3])/.test(m.code) &&
          !m.code.startsWith('X58') &&
          !m.context.negated &&
          !m.context.hypothetical,
      );
    const best = mentions.reduce<(typeof mentions)[number] | undefined>(
      (a, m) => (!a || m.positions.length > a.positions.length ? m : a),
      undefined,
    );
    if (best)
      out.push({
        kind: 'mechanism',
        code: best.code,
        path: best.path.map((n) => n.title),
        sentence: best.sentence,
        positions: best.positions,
      });
    if (!initial) return out;
    for (const kind of ['place', 'activity', 'status'] as const) {
      const root = this.roots[kind];
      if (!root) continue;
      for (const s of story) {
        const hit = this.matcher.walkFrom(root, s);
        if (!hit || (/\.9$/.test(hit.code) && kind !== 'status')) continue;
        out.push({
          kind,
          code: hit.code,
          path: hit.path.map((n) => n.title),
          sentence: s,
          positions: hit.positions,
        });
        break;
      }
    }
    if (!out.some((c) => c.kind === 'status')) {
      const work = story.find((s) => AT_WORK.test(analysis.text.slice(s.start, s.end)));
      const activity = out.find((c) => c.kind === 'activity');
      if (work)
        out.push({
          kind: 'status',
          code: 'Y99.0',
          path: ['External cause status', 'civilian activity done for income or pay'],
          sentence: work,
          positions: [],
        });
      else if (activity && LEISURE_ACTIVITY.test(activity.code))
        out.push({
          kind: 'status',
          code: 'Y99.8',
          path: ['External cause status', 'leisure activity'],
          sentence: activity.sentence,
          positions: activity.positions,
        });
    }
    return out;
  }
}

/**
 * External causes (I.C.20): for an injury the External Cause Index gives how it happened
 * (mechanism, V00–Y38), where (place of occurrence, Y92), doing what (activity, Y93) and the
 * patient's status (Y99: work for pay, military, volunteer, leisure). They are secondary codes,
 * never first-listed; place, activity and status are reported once, at the initial encounter
 * (I.C.20.b, I.C.20.c, I.C.20.k).
 */
import type { NoteAnalysis, Sentence } from '../../nlp/analyze.js';
import type { SectionKind } from '../../nlp/sections.js';
import type { Token } from '../../nlp/tokens.js';
import { stem } from '../../text/index.js';
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
  /\b(?:at work|on the job|at (?:a|the|his|her|their) (?:job ?site|work ?site)|while working|work(?:place)? injury|workers'? comp\w*|at (?:his|her|their) job|(?:where|which) (?:he|she|they) works?|(?:during|on) (?:his|her|their|a|the) (?:work )?shift|on shift)\b/i;
/**
 * How an injury happened is told with adjectives and verbs where the External Cause Index has
 * nouns ("an icy step" is "ice", "collided with" is "Collision"), and with kinds where it names
 * the class: a dog or a horse is an "animal" (Activity, walking an animal), a player or a
 * teammate a "person" (Collision, person; Striking against, person). The note's own word stays
 * too, so "Bitten by, dog" still reads "dog".
 */
const CAUSE_WORDS: Readonly<Record<string, string>> = {
  [stem('icy')]: stem('ice'),
  [stem('snowy')]: stem('snow'),
  [stem('muddy')]: stem('mud'),
  [stem('collided')]: stem('collision'),
  ...Object.fromEntries(['dog', 'cat', 'horse', 'cow', 'pet'].map((w) => [stem(w), stem('animal')])),
  ...Object.fromEntries(
    ['player', 'teammate', 'opponent', 'classmate'].map((w) => [stem(w), stem('person')]),
  ),
};

/**
 * Transport accidents (V00–V99) involve a vehicle or a pedestrian conveyance (I.C.20 and the
 * definitions at the start of V00–V99): without one named, "collided" or "accident" is no
 * transport accident.
 */
const VEHICLE =
  /\b(?:cars?|auto(?:mobile)?s?|vehicles?|mvcs?|mvas?|trucks?|pick-?ups?|vans?|bus(?:es)?|motorcycles?|motorbikes?|mopeds?|scooters?|bicycles?|bikes?|cyclists?|atvs?|all-terrain|snowmobiles?|trains?|tram|streetcar|boats?|ships?|watercraft|aircraft|airplanes?|planes?|helicopters?|tractors?|skateboards?|skates?|skis?|sled|wheelchairs?|pedestrian|traffic|driver|passenger|rider)\b/i;
/**
 * Activity codes for leisure and sport: their status is Y99.8 unless said to be work. Walking an
 * animal (Y93.K1) is a pastime too; milking, grooming and shearing (Y93.K2–K3) are farm tasks.
 */
const LEISURE_ACTIVITY = /^Y93\.(?:[0-9]|A|B|K1)/;

/**
 * An activity (Y93) is what the patient was doing, told with a gerund or a noun ("while
 * walking", "playing basketball"); a verb in the past tense tells the event itself ("stepped
 * off the curb", "walked into a door") and is not read as an activity.
 */
function isPastTense(t: Token): boolean {
  return /[a-z]{2}ed$/.test(t.norm);
}

export class ExternalCauseFinder {
  private readonly matcher: IndexMatcher;
  private readonly roots: { place?: IndexNode; activity?: IndexNode; status?: IndexNode };

  constructor(tree: IndexTree) {
    this.matcher = new IndexMatcher(tree, CAUSE_WORDS, { followSeeAlso: true });
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
    const vehicle = story.some((s) => VEHICLE.test(analysis.text.slice(s.start, s.end)));
    // Mechanism: the most specific External Cause Index mention (most words), first on ties.
    const mentions = this.matcher
      .find(analysis, story, [])
      // X58 ("Injury NOS") restates the injury, not how it happened.
      .filter(
        (m) =>
          /^(?:V|W|X|Y[0-3])/.test(m.code) &&
          !m.code.startsWith('X58') &&
          (vehicle || !m.code.startsWith('V')) &&
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
    // Place and activity are those of the event: the sentence telling how the injury happened
    // is read first ("slipped on the sidewalk while walking the dog"), then the rest of the story
    // (a car or a home named elsewhere is not where this fall occurred).
    const event = best?.sentence;
    const ordered = event ? [event, ...story.filter((s) => s !== event)] : story;
    for (const kind of ['place', 'activity', 'status'] as const) {
      const root = this.roots[kind];
      if (!root) continue;
      for (const s of ordered) {
        const hit = this.matcher.walkFrom(root, s, kind === 'activity' ? isPastTense : undefined);
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

/**
 * How an Alphabetic Index mention is read (finders/index-mentions.ts): which mentions a coder
 * would not code, the words that choose among Tabular children, the Tabular entry that refines
 * the Index code, and the confidence of the result.
 */

import { isPunct } from '../../../nlp/tokens.js';
import type { CodeDetails } from '../../../terminology/types.js';
import { stem } from '../../../text/index.js';
import { type Mention, POS_BASE } from '../index-match.js';
import type { IndexNode, IndexTree } from '../index-tree.js';
import type { Completion } from '../specificity.js';
import { categoryEntries, clauseAround, refineByTabular, type TabularEntry } from '../tabular-match.js';

type Lookup = (code: string) => CodeDetails | null;

/**
 * Sites the Index leaves to the coder: chapter 13 codes group a toe with the foot ("ankle and
 * foot", "foot joint") and a finger with the hand ("hand joint"), so a toe or finger joint
 * reaches the foot or hand entry where the Index has none of its own ("Gout, idiopathic, foot
 * joint" for the great toe). The note's own word still wins where the Index has it ("Fracture,
 * toe").
 */
export const MUSCULOSKELETAL_SITES: Readonly<Record<string, string>> = Object.fromEntries([
  ...['toe', 'hallux', 'mtp', 'metatarsophalangeal'].map((w) => [stem(w), stem('foot')]),
  ...['finger', 'thumb', 'knuckle', 'mcp', 'metacarpophalangeal'].map((w) => [stem(w), stem('hand')]),
]);

/**
 * A main term matched through an inflection ("fitting" → "Fit", R56.9) when the note's word is
 * itself another main term ("Fitting (and adjustment)"): the coder looks the word up as
 * written, so the inflected reading is dropped.
 */
export function ownTermsOnly(mentions: Mention[], tree: IndexTree): Mention[] {
  return mentions.filter((m) => {
    const main = m.path[0];
    const first = m.positions[0];
    if (!main || first === undefined || Math.floor(first / POS_BASE) !== m.sentence.index) return true;
    const token = m.sentence.tokens[first % POS_BASE];
    if (!token || token.expandedFrom) return true;
    const heads = main.title.split(',').map((h) =>
      h
        .replace(/\([^)]*\)/g, '')
        .trim()
        .toLowerCase(),
    );
    if (heads.includes(token.norm) || /[\s-]/.test(heads[0]!)) return true;
    const id = tree.byTitle.get(token.norm);
    const other = id === undefined ? undefined : tree.nodes.get(id);
    // Only a main term with entries of its own ("Congestive — see condition" has none).
    return other === undefined || other.id === main.id || (other.children.length === 0 && !other.code);
  });
}

/**
 * Words the Index lists as a condition that notes mostly use for something else, with the
 * neighbours that show the other use: "Anesthesia" (R20.0, anesthesia of skin: loss of
 * sensation) is the procedure in "under general anesthesia"; "Anomaly" alone (Q89.9,
 * congenital malformation, unspecified) is a finding's abnormality ("laboratory anomalies")
 * unless the statement calls it congenital or names the anomaly (a subterm, kept).
 */
const OTHER_USE: ReadonlyArray<{ head: string; before?: ReadonlySet<string>; unless?: RegExp }> = [
  {
    head: 'anesthesia',
    before: new Set([
      'under',
      'general',
      'local',
      'spinal',
      'epidural',
      'regional',
      'topical',
      'neuraxial',
      'after',
    ]),
  },
  { head: 'anomaly', unless: /^(congenital|malformation|birth|inborn)/ },
];

export function otherUse(m: Mention): boolean {
  if (m.path.length !== 1) return false;
  const main = m.path[0]!.title.toLowerCase();
  const rule = OTHER_USE.find((r) => main.startsWith(r.head));
  if (!rule) return false;
  const first = m.positions[0];
  if (first === undefined) return false;
  const i = first % POS_BASE;
  const tokens = m.sentence.tokens;
  if (rule.before) {
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) if (rule.before.has(tokens[j]!.norm)) return true;
    return false;
  }
  return !tokens.some((t) => rule.unless!.test(t.norm));
}

/** Titles and inclusion terms by category, read from the Tabular on first use (one coder, one Tabular). */
export function tabularEntries(): (category: string, lookup: Lookup) => readonly TabularEntry[] {
  const byCategory = new Map<string, TabularEntry[]>();
  return (category, lookup) => {
    let list = byCategory.get(category);
    if (!list) {
      list = categoryEntries(category, lookup);
      byCategory.set(category, list);
    }
    return list;
  };
}

/**
 * The Tabular entry (title or inclusion term) the statement documents more specifically than the
 * Index code, completed like any other code; null when there is none.
 */
export function tabularEntry(
  entriesOf: (category: string, lookup: Lookup) => readonly TabularEntry[],
  m: Mention,
  raw: string,
  completion: Completion,
  lookup: Lookup,
): Completion | null {
  // Compared with the Index's own code: the Tabular entry must add to what the Index said.
  const indexed = lookup(raw.replace(/\.?-+$/, ''));
  // Only where the Index stopped short (an unspecified code or a default the Tabular chose):
  // a search per mention would cost more than the rest of the note's coding.
  const vague = (t: string | undefined) => t !== undefined && /\bunspecified\b|\bother\b/i.test(t);
  if (!vague(indexed?.title) && !vague(completion.details.title) && completion.defaulted.length === 0)
    return null;
  const local = m.positions
    .filter((p) => Math.floor(p / POS_BASE) === m.sentence.index)
    .map((p) => p % POS_BASE);
  if (local.length === 0) return null;
  // Only the words of the mention's clause document the entry: "acute" elsewhere in the
  // sentence is not the acuity of this condition.
  const clause = clauseAround(m.sentence, local);
  const documented = new Set(clause.split(' ').map(stem));
  const found = refineByTabular(
    entriesOf(completion.code.slice(0, 3), lookup),
    completion.code,
    indexed?.title ?? completion.details.title,
    documented,
    completion.details.title,
  );
  if (!found) return null;
  const details = lookup(found.code);
  if (!details?.billable) return null;
  return {
    code: details.code,
    details,
    defaulted: [],
    notes: [...completion.notes.filter((n) => !n.startsWith('7th')), found.rationale],
    guidelines: [
      'I.A.9.a / I.B.2: the Tabular entry (title or inclusion term) verifies and refines the Index code',
    ],
  };
}

export function termLabel(n: IndexNode): string {
  return n.nemod ? `${n.title} ${n.nemod}` : n.title;
}

/** Stems the mention's statement only ever uses negated ("no status migrainosus"). */
export function negatedStems(m: Mention): Set<string> {
  const neg = new Set<string>();
  const pos = new Set<string>();
  m.sentence.tokens.forEach((t, i) => {
    if (isPunct(t)) return;
    (m.sentence.flags[i]!.negated ? neg : pos).add(t.stem);
  });
  for (const s of pos) neg.delete(s);
  return neg;
}

/**
 * The Index path's own words ("Cellulitis, leg — see Cellulitis, lower limb"): where the note's
 * words leave two Tabular children tied ("leg" supports neither "left axilla" nor "left lower
 * limb"), the path's wording breaks the tie. (Table rows on the path carry no Index words.)
 */
export function pathWords(m: Mention): Set<string> {
  const out = new Set<string>();
  for (const n of m.path) for (const s of n.words?.required ?? []) out.add(s);
  return out;
}

const BOTH = stem('both');
const BILATERAL = stem('bilateral');

/** Word stems of the mention's sentences, for choosing among Tabular children. */
export function stemsOf(m: Mention): Set<string> {
  const out = new Set<string>();
  for (const s of [m.sentence, ...m.linked])
    s.tokens.forEach((t, i) => {
      // "Open reduction" is the repair, not an open fracture (the 7th character's "open").
      if (isPunct(t) || (t.norm === 'open' && s.tokens[i + 1]?.norm === 'reduction')) return;
      out.add(t.stem);
    });
  // "both knees" documents the Tabular's "bilateral".
  if (out.has(BOTH)) out.add(BILATERAL);
  return out;
}

export function confidenceOf(m: Mention, defaulted: number, narrative: boolean): number {
  let c = 0.9;
  if (m.path.length === 1) c -= 0.05;
  if (defaulted > 0) c -= 0.15;
  if (narrative) c -= 0.2;
  if (m.linked.length > 0) c -= 0.05;
  return Math.max(0.1, c);
}

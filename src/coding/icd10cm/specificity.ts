/**
 * From an Index code to a reportable code, the way a coder finishes in the Tabular: an Index
 * entry ending in "-" or pointing at a header is completed by the child the documentation
 * supports (laterality, type, site), defaulting to the "unspecified" child when it says nothing
 * (and recording what was missing, for a physician query); codes that take a 7th character get
 * it from the episode of care (I.C.19.a), with placeholder X filling empty positions (I.A.5).
 */

import type { CodeDetails, CodeRef } from '../../terminology/types.js';
import { stem } from '../../text/index.js';

export type Episode = 'initial' | 'subsequent' | 'sequela';

export interface Completion {
  code: string;
  details: CodeDetails;
  /** Elements the documentation did not specify (e.g. "laterality"), with the codes involved. */
  defaulted: Array<{ element: string; options: string[] }>;
  notes: string[];
  guidelines: string[];
  /**
   * The left side's code when the condition is bilateral and the Tabular has no bilateral code:
   * both sides are reported (I.B.13), this completion being the right side's.
   */
  otherSide?: Completion;
}

const SIDE_WORDS = ['right', 'left', 'bilateral'].map(stem);
const WITHOUT = stem('without');
const NONE: ReadonlySet<string> = new Set();

// Tabular titles and 7th-character meanings come back note after note (the same categories are
// completed again and again), so their stems are kept. Bounded for a long-running server.
const titleStemsMemo = new Map<string, readonly string[]>();
const TITLE_STEMS_LIMIT = 50_000;

function titleStems(title: string): readonly string[] {
  let out = titleStemsMemo.get(title);
  if (!out) {
    out = (title.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem);
    if (titleStemsMemo.size >= TITLE_STEMS_LIMIT) titleStemsMemo.clear();
    titleStemsMemo.set(title, out);
  }
  return out;
}

/** The episode of care stated in the note; initial unless it says otherwise. */
export function episodeOf(lowerText: string): Episode {
  if (/\bsequela|\blate effect/.test(lowerText)) return 'sequela';
  if (
    /\bsubsequent (?:encounter|visit|care)|\bfollow[- ]?up (?:visit|of|for)\b|\broutine healing|\bhealing (?:well|fracture|as expected)|\bcast (?:check|removal|change)|\bsuture removal|\bin (?:a )?cast\b/.test(
      lowerText,
    )
  )
    return 'subsequent';
  return 'initial';
}

function chooseChild(
  details: CodeDetails,
  children: readonly CodeRef[],
  words: ReadonlySet<string>,
  negated: ReadonlySet<string>,
  lookup: (code: string) => CodeDetails | null,
  hints: ReadonlySet<string> = NONE,
): { child: CodeRef; defaulted?: string } {
  const parent = new Set(titleStems(details.title));
  const withWithout = children.some((c) => titleStems(c.title).includes(WITHOUT));
  let best: CodeRef | undefined;
  let bestScore = 0;
  for (const child of children) {
    const own = titleStems(child.title).filter((s) => !parent.has(s));
    // "with/without status migrainosus": a denied element is the "without" child's, and
    // counts against the "with" child.
    const without = own.includes(WITHOUT);
    let score = 0;
    for (const s of own) {
      // "with" and "other" are in nearly every note and every sibling's title: they pick none,
      // except "with" against a "without" sibling (M48.062 "with neurogenic claudication").
      if (CHOICE_NOISE.has(s) && !(s === WITH && withWithout)) continue;
      if (negated.has(s)) score += without ? 2 : -2;
      else if (words.has(s)) score += SIDE_WORDS.includes(s) ? 3 : 1;
      else if (hints.has(s)) score += 0.25;
      else if (SIDE_WORDS.includes(s)) score -= 2;
    }
    if (/unspecified/i.test(child.title)) score -= 0.5;
    if (score > bestScore) {
      best = child;
      bestScore = score;
    }
  }
  if (best) return { child: best };
  // The Tabular may name the default itself: the child listing the parent's own wording "NOS"
  // as an inclusion term (J10.1 "Influenza due to other identified influenza virus NOS") is
  // where the unqualified condition goes, so nothing is missing from the documentation.
  const nos = children.find((c) => lookup(c.code)?.notes.some((n) => isNosOf(n, details.title)));
  if (nos) return { child: nos };
  // The default is the child that adds "unspecified" to its parent's wording (S93.409 "... of
  // unspecified ankle"), else the one ending in 9.
  const count = (t: string) => t.toLowerCase().split('unspecified').length - 1;
  const parentCount = count(details.title);
  const unspecified =
    children.find((c) => count(c.title) > parentCount) ??
    children.find((c) => /9$/.test(c.code)) ??
    children[0]!;
  const sided = lateralPairs(children);
  return {
    child: unspecified,
    defaulted: sided ? 'laterality' : `specificity of ${details.title.toLowerCase()}`,
  };
}

const CHOICE_NOISE: ReadonlySet<string> = new Set(['with', 'other', 'and', 'of', 'the', 'or'].map(stem));

/**
 * The children differ by body side: a "right" child has a "left" twin with the same wording
 * otherwise ("Pain in right leg" / "Pain in left leg"). "Right coronary artery" or "left main
 * coronary artery" (I21.-) name a vessel, not a side, and have no such twin.
 */
function lateralPairs(children: readonly CodeRef[]): boolean {
  const lefts = new Set(children.filter((c) => /\bleft\b/i.test(c.title)).map((c) => unsided(c.title)));
  return children.some((c) => /\bright\b/i.test(c.title) && lefts.has(unsided(c.title)));
}

/** A title with its side words masked: twins by side read the same. */
function unsided(title: string): string {
  return title.toLowerCase().replace(/\b(?:right|left)\b/g, '~');
}

/**
 * A statement that says "bilateral" or "both" where the children differ by side and none is
 * bilateral: the child the words choose with "right" added, and its "left" twin.
 */
function bothSides(
  details: CodeDetails,
  children: readonly CodeRef[],
  words: ReadonlySet<string>,
  negated: ReadonlySet<string>,
  lookup: (code: string) => CodeDetails | null,
): { right: CodeRef; left: CodeRef; rightWords: Set<string>; leftWords: Set<string> } | null {
  if (!BOTH_SIDES.some((s) => words.has(s)) || !lateralPairs(children)) return null;
  if (children.some((c) => /\bbilateral\b/i.test(c.title))) return null;
  const rightWords = new Set([...words, RIGHT]);
  const leftWords = new Set([...words, LEFT]);
  const right = chooseChild(details, children, rightWords, negated, lookup).child;
  const left = chooseChild(details, children, leftWords, negated, lookup).child;
  if (right === left || !/\bright\b/i.test(right.title) || unsided(right.title) !== unsided(left.title))
    return null;
  return { right, left, rightWords, leftWords };
}
const BOTH_SIDES = ['bilateral', 'both'].map(stem);
export const BILATERAL_GUIDELINE = 'I.B.13: bilateral with no bilateral code: right and left are each coded';
const RIGHT = stem('right');
const LEFT = stem('left');

/** The words before "NOS" of a code's own "… NOS" inclusion term; null for any other note. */
function nosTermStems(note: CodeDetails['notes'][number]): readonly string[] | null {
  if (note.kind !== 'inclusionTerm' || note.inherited || !/\bNOS$/.test(note.text)) return null;
  return titleStems(note.text.replace(/\bNOS$/, ''));
}

/** An own "… NOS" inclusion term whose every word the statement has. */
function ownNosTermSaid(note: CodeDetails['notes'][number], words: ReadonlySet<string>): boolean {
  return nosTermStems(note)?.every((s) => words.has(s)) ?? false;
}

/** An own inclusion term that is `title` followed by "NOS". */
function isNosOf(note: CodeDetails['notes'][number], title: string): boolean {
  const own = nosTermStems(note);
  if (!own) return false;
  const parent = titleStems(title);
  return own.length === parent.length && own.every((s) => parent.includes(s));
}

function seventhFor(
  details: CodeDetails,
  episode: Episode,
  words: ReadonlySet<string>,
  negated: ReadonlySet<string>,
): string | null {
  const chars = details.seventh?.characters ?? [];
  if (chars.length === 0) return null;
  const forEpisode = chars.filter((c) => c.meaning.toLowerCase().startsWith(episode));
  if (forEpisode.length > 0) return documentedCourse(forEpisode, words).char;
  // "with tophus" / "without tophus" (M1A.-): the element affirmed, else its absence.
  const withChar = chars.find((c) => /^with\b/i.test(c.meaning));
  const withoutChar = chars.find((c) => /^without\b/i.test(c.meaning));
  if (withChar && withoutChar) {
    const element = titleStems(withChar.meaning).filter((s) => s !== WITH);
    const affirmed = element.some((s) => words.has(s) && !negated.has(s));
    return (affirmed ? withChar : withoutChar).char;
  }
  // Not an episode of care (E11.329- takes the eye): the documented side, else "unspecified".
  const sided = chars.find((c) => titleStems(c.meaning).some((s) => SIDE_WORDS.includes(s) && words.has(s)));
  const unspecified = chars.find((c) => /unspecified/i.test(c.meaning));
  return (sided ?? unspecified ?? chars[0]!).char;
}

/**
 * The episode's 7th character the documentation supports (I.C.19.c.1): a fracture not stated
 * open is closed, and healing is routine unless delayed, nonunion or malunion is documented, so
 * the first (closed, routine) character stands unless the note names what another adds ("open
 * fracture" → B, "delayed healing" → G, "nonunion" → K).
 */
function documentedCourse(
  chars: ReadonlyArray<{ char: string; meaning: string }>,
  words: ReadonlySet<string>,
): { char: string; meaning: string } {
  const stemsOf = chars.map((c) => new Set(titleStems(c.meaning)));
  const shared = [...stemsOf[0]!].filter((s) => stemsOf.every((set) => set.has(s)));
  let best = chars[0]!;
  let bestScore = 0;
  chars.forEach((c, i) => {
    const own = [...stemsOf[i]!].filter((s) => !shared.includes(s) && !COURSE_NOISE.has(s));
    const score = own.filter((s) => words.has(s)).length;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  });
  return best;
}
/** Words of the 7th-character meanings that every note says anyway (or never decides on). */
const COURSE_NOISE = new Set(['with', 'type', 'i', 'ii', 'heal', 'fractur'].map(stem));
const WITH = stem('with');

/** Completes an Index code to a billable code, or null when the code is not in the Tabular. */
export function completeCode(
  raw: string,
  words: ReadonlySet<string>,
  episode: Episode,
  lookup: (code: string) => CodeDetails | null,
  /** Stems the statement only mentions as absent ("no status migrainosus"). */
  negated: ReadonlySet<string> = NONE,
  /** The Index path's words: they break ties between children the statement supports equally. */
  hints: ReadonlySet<string> = NONE,
): Completion | null {
  let details = lookup(raw.replace(/\.?-+$/, ''));
  if (!details) return null;
  details = refineUnspecified(details, words, lookup);
  const defaulted: Completion['defaulted'] = [];
  const notes: string[] = [];
  const guidelines: string[] = [];
  let otherSide: Completion | undefined;
  // The statement's words; for a bilateral condition split by side, with "right" added.
  let stems = words;
  for (let step = 0; step < 6 && details && !details.billable; step++) {
    const flat = details.code.replace('.', '');
    const tabularChildren = details.children.filter((c) => c.code.replace('.', '').length < 7);
    if (tabularChildren.length > 0 && !(details.seventh && flat.length >= 6)) {
      const sides = otherSide ? null : bothSides(details, tabularChildren, stems, negated, lookup);
      if (sides) {
        // I.B.13: a bilateral condition with no bilateral code is reported for each side.
        otherSide =
          completeCode(sides.left.code, sides.leftWords, episode, lookup, negated, hints) ?? undefined;
        if (otherSide) {
          stems = sides.rightWords;
          guidelines.push(BILATERAL_GUIDELINE);
          details = lookup(sides.right.code);
          continue;
        }
      }
      const { child, defaulted: missing } = chooseChild(
        details,
        tabularChildren,
        stems,
        negated,
        lookup,
        hints,
      );
      if (missing) {
        defaulted.push({ element: missing, options: tabularChildren.map((c) => c.code) });
        if (missing === 'laterality')
          guidelines.push('I.B.13: laterality; unspecified side when not documented');
      }
      details = lookup(child.code);
      continue;
    }
    const char = seventhFor(details, episode, stems, negated);
    if (!char) break;
    const padded = flat.padEnd(6, 'X');
    if (padded !== flat)
      guidelines.push('I.A.5: placeholder X fills the empty positions before the 7th character');
    const meaning = details.seventh!.characters.find((c) => c.char === char)?.meaning ?? '';
    guidelines.push(
      meaning.toLowerCase().startsWith(episode)
        ? `I.C.19.a: 7th character ${char} for the ${episode} encounter`
        : `I.B.13: 7th character ${char} (${meaning}) from the documented side`,
    );
    const full = `${padded.slice(0, 3)}.${padded.slice(3)}${char}`;
    notes.push(
      `7th character ${char}: ${details.seventh!.characters.find((c) => c.char === char)?.meaning ?? ''}`,
    );
    details = lookup(full);
  }
  if (!details?.billable) return null;
  return { code: details.code, details, defaulted, notes, guidelines, ...(otherSide ? { otherSide } : {}) };
}

/**
 * An Index entry that lands on an "unspecified site/type" code (M80.00 "... unspecified site")
 * is where the Index stops, not where the coder stops: the Tabular lists its siblings, and the
 * documentation's site or type picks one of them (I.A.9.a, I.B.2).
 */
function refineUnspecified(
  details: CodeDetails,
  words: ReadonlySet<string>,
  lookup: (code: string) => CodeDetails | null,
): CodeDetails {
  if (!/unspecified/i.test(details.title)) return details;
  const parentRef = details.ancestors.at(-1);
  const parent = parentRef ? lookup(parentRef.code) : null;
  if (!parent) return details;
  // A sibling must be supported by words the unspecified code does not already have, and
  // most of what it adds must be documented ("recurrent, moderate" is not "severe with
  // psychotic symptoms" because the note mentions symptoms).
  // The parent's words are known too, unless its title joins alternatives: "Suppurative and
  // unspecified otitis media" (H66) does not say the unspecified one is suppurative.
  const parentKnown = /\b(?:and|or)\b/i.test(parent.title) ? [] : titleStems(parent.title);
  const known = new Set([...parentKnown, ...titleStems(details.title)]);
  let best: CodeRef | undefined;
  let bestScore = 0;
  let bestHits: string[] = [];
  for (const sibling of parent.children) {
    if (sibling.code === details.code || sibling.code.replace('.', '').length >= 7) continue;
    const own = [...new Set(titleStems(sibling.title))].filter(
      (w) => !known.has(w) && !FILLER.has(w) && !variantOfKnown(w, known),
    );
    const hits = own.filter((w) => words.has(w));
    const score = hits.length - (own.length - hits.length) * 0.6;
    if (hits.length > 0 && score > bestScore) {
      best = sibling;
      bestScore = score;
      bestHits = hits;
    }
  }
  // The Tabular may list the words that chose the sibling here itself: H66.9 "Otitis media,
  // unspecified" includes "Acute otitis media NOS", so "acute otitis media" stays at H66.9 and
  // is not H66.0 (suppurative). A word the inclusion term lacks ("stage 5") still moves on.
  const nos = details.notes.filter((n) => ownNosTermSaid(n, words));
  if (best && nos.some((n) => bestHits.every((w) => titleStems(n.text).includes(w)))) return details;
  return (best && lookup(best.code)) ?? details;
}

/**
 * A form of a word the code already has ("pancreatic" for "pancreas", "ovarian" for "ovary"):
 * it names the same site, so it adds nothing that could select a sibling ("pancreatic duct").
 */
function variantOfKnown(word: string, known: ReadonlySet<string>): boolean {
  for (const k of known) {
    const n = Math.min(k.length, word.length);
    if (n >= 4 && word.slice(0, Math.max(4, n - 1)) === k.slice(0, Math.max(4, n - 1))) return true;
  }
  return false;
}

/** Words that never select a sibling on their own: connecting words and generic qualifiers. */
const FILLER = new Set([
  'on',
  'at',
  'for',
  'as',
  'a',
  'an',
  'or',
  'of',
  'and',
  'with',
  'without',
  'in',
  'the',
  'other',
  'specifi',
  'site',
  'unspecifi',
  'sit',
  // "due to radiation" is selected by "radiation", never by the note saying "due to" something.
  'due',
  'to',
  'by',
]);

/**
 * Tabular titles and inclusion terms as a second match source. The Alphabetic Index often stops
 * at an "unspecified" code ("Gout" → M10.9, "Bronchiolitis" → J21.9) while the Tabular List
 * spells out the specific entries in its titles and inclusion terms ("Idiopathic gout, right
 * ankle and foot", "Acute bronchiolitis due to RSV"). A coder reads those entries when verifying
 * the Index code (I.A.9.a: Index then Tabular; I.B.2: the Tabular's inclusion terms list the
 * conditions a code covers), so the engine does too: every title and inclusion term of the
 * billable codes in the Index code's category is a candidate entry, and a strict test over the
 * words around the mention decides — the entry may only add what the statement documents, and
 * must keep what it says.
 */
import type { Sentence } from '../../nlp/analyze.js';
import { isPunct } from '../../nlp/tokens.js';
import type { CodeDetails } from '../../terminology/types.js';
import { stem } from '../../text/index.js';

/** A title or inclusion term of a billable code, with its words stemmed once. */
export interface TabularEntry {
  code: string;
  title: string;
  /** The entry's text (the title itself, or the inclusion term). */
  matched: string;
  source: 'title' | 'inclusionTerm';
  words: readonly string[];
  titleWords: readonly string[];
}

/** Codes read per category at most (the largest non-injury categories have a few hundred). */
const MAX_CODES = 600;

/**
 * Every billable code of a category with its title and own inclusion terms, in Tabular order.
 * Categories whose codes take a 7th character are left to the Index and the episode of care.
 */
export function categoryEntries(
  category: string,
  lookup: (code: string) => CodeDetails | null,
): TabularEntry[] {
  const root = lookup(category);
  if (!root || root.seventh) return [];
  const out: TabularEntry[] = [];
  const stack = [root];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_CODES) {
    const d = stack.pop()!;
    seen++;
    if (d.billable) {
      const titleWords = entryStems(d.title);
      out.push({
        code: d.code,
        title: d.title,
        matched: d.title,
        source: 'title',
        words: titleWords,
        titleWords,
      });
      for (const n of d.notes)
        if (n.kind === 'inclusionTerm' && !n.inherited)
          out.push({
            code: d.code,
            title: d.title,
            matched: n.text,
            source: 'inclusionTerm',
            words: entryStems(n.text),
            titleWords,
          });
    }
    for (let i = d.children.length - 1; i >= 0; i--) {
      const child = lookup(d.children[i]!.code);
      if (child) stack.push(child);
    }
  }
  return out;
}

export interface TabularRefinement {
  code: string;
  /** "Tabular title: …" or "Tabular inclusion term: …". */
  rationale: string;
}

/** Words of the clause around a mention (± this many tokens) are the search text. */
const REACH = 5;
/** Words that never make an entry more specific on their own. */
const NEUTRAL = new Set(
  // "other"/"specified" are not neutral: "Other specified type of …" asserts a type the note
  // must document.
  ['of', 'and', 'or', 'with', 'in', 'the', 'a', 'an', 'to', 'due', 'by', 'site', 'type']
    .map(stem)
    .concat(['nos', 'nec']),
);
const SIDES = new Set(['right', 'left', 'bilateral'].map(stem));
const UNSPECIFIED = stem('unspecified');
const WITHOUT = stem('without');
const AND = stem('and');

/** Words joined by "and" to a documented word ("ankle and foot": foot, when ankle is documented). */
function groupedWith(text: string, documented: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const words = (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem);
  for (let i = 1; i < words.length - 1; i++) {
    if (words[i] !== AND) continue;
    const [a, b] = [words[i - 1]!, words[i + 1]!];
    if (documented.has(a)) out.add(b);
    if (documented.has(b)) out.add(a);
  }
  return out;
}

export function entryStems(text: string): string[] {
  // Parenthesised words are nonessential modifiers: they neither help nor hurt a match.
  const essential = text.replace(/\([^)]*\)/g, ' ');
  return [...new Set((essential.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem))];
}

/**
 * The search text for a mention: the words of its clause from a few tokens before its first
 * word to a few after its last, skipping negated words (they document absence).
 */
export function clauseAround(sentence: Sentence, local: readonly number[]): string {
  const lo = Math.min(...local);
  const hi = Math.max(...local);
  const stop = (i: number) => sentence.tokens[i]!.norm === ';' || sentence.tokens[i]!.norm === ':';
  let from = lo;
  while (from > 0 && lo - from < REACH && !stop(from - 1)) from--;
  let to = hi;
  while (to < sentence.tokens.length - 1 && to - hi < REACH && !stop(to + 1)) to++;
  const out: string[] = [];
  for (let i = from; i <= to; i++) {
    const t = sentence.tokens[i]!;
    if (!isPunct(t) && !sentence.flags[i]!.negated) out.push(t.norm);
  }
  return out.join(' ');
}

/**
 * A more specific billable code in the same category whose Tabular title or inclusion term the
 * statement documents, or null. `documented` are the affirmative word stems of the statement;
 * `currentTitle` is the title of the code the Index gave.
 */
export function refineByTabular(
  entries: readonly TabularEntry[],
  code: string,
  currentTitle: string,
  documented: ReadonlySet<string>,
  /** Title of the code the Tabular completion reached from the Index code, if different. */
  completedTitle: string = currentTitle,
): TabularRefinement | null {
  const current = entryStems(currentTitle);
  // What the Index or the completion said that the note documents must survive the change.
  const kept = [...new Set([...current, ...entryStems(completedTitle)])].filter(
    (s) => documented.has(s) && !NEUTRAL.has(s) && s !== UNSPECIFIED,
  );
  const vague = current.includes(UNSPECIFIED);
  const completedVague = entryStems(completedTitle).includes(UNSPECIFIED);
  let best: { hit: TabularEntry; gain: number } | null = null;
  for (const hit of entries) {
    if (hit.code === code || hit.code.slice(0, 3) !== code.slice(0, 3)) continue;
    const words = hit.words;
    // An entry none of whose words the statement documents shows nothing (below): most of a
    // category's entries, passed over before any list is built for them.
    if (!words.some((s) => documented.has(s))) continue;
    const title = hit.titleWords;
    // An "unspecified" entry only refines an unspecified code (D05.90 → D05.91 by side).
    if (!completedVague && (words.includes(UNSPECIFIED) || title.includes(UNSPECIFIED))) continue;
    // "without …" entries are read from negated words by the Index walk, never from a search.
    if (words.includes(WITHOUT) || title.includes(WITHOUT)) continue;
    // The words the entry adds must be documented; a site it groups with a documented one
    // ("right ankle and foot" for an ankle) is carried along. Its side must be the note's.
    const added = words.filter((s) => !current.includes(s) && !NEUTRAL.has(s));
    const shown = added.filter((s) => documented.has(s)).length;
    if (shown === 0) continue;
    if (shown < added.length) {
      const grouped = groupedWith(hit.matched, documented);
      if (added.some((s) => !documented.has(s) && !grouped.has(s))) continue;
    }
    const unshown = added.length - shown;
    if (title.some((s) => SIDES.has(s) && !documented.has(s))) continue;
    // A title that drops documented words of the current code says something else.
    const all = new Set([...words, ...title]);
    if (kept.some((s) => !all.has(s))) continue;
    // A specific code replaces another specific one only with more documented words.
    if (!vague && (shown < 2 || unshown > 0)) continue;
    const gain = shown - unshown * 0.5 + (hit.source === 'inclusionTerm' ? 0.1 : 0);
    if (!best || gain > best.gain) best = { hit, gain };
  }
  if (!best) return null;
  const label = best.hit.source === 'inclusionTerm' ? 'Tabular inclusion term' : 'Tabular title';
  return { code: best.hit.code, rationale: `${label}: ${best.hit.matched}` };
}

import { normalizeTitle, stems, words } from '../text/index.js';
import type { AlphabeticIndex, IndexTerm } from './alphabetic-index.js';
import { editDistance } from './edit-distance.js';

/**
 * Walking the Alphabetic Index the way a coder does: find the main term, then the subterms one
 * query part at a time ("Fracture, femur, neck"), then follow "see" / "see also" references.
 * Titles match ignoring case, nonessential modifiers and word order; a query part may name a
 * nonessential modifier (skipped), and the connecting words "with"/"without" may be given or
 * left out. Among walks that match, the one consuming the most parts wins, then the closest
 * matches, then the larger subtree (the Index's general entry, e.g. "Fracture, traumatic").
 */

const CONNECTING = new Set(['with', 'without']);
const MAX_PARTS_PER_TERM = 3;
const MAX_REFERENCES = 3;

export interface WalkStep {
  term: IndexTerm;
  via?: 'see' | 'seeAlso';
}

export interface Walk {
  steps: WalkStep[];
  /** How many query parts were consumed. */
  consumed: number;
  /** Sum of match qualities (a tie-breaker). */
  quality: number;
  /** Cross references met but not followed (or that led nowhere). */
  unresolved: string[];
}

/** "Diabetes, type 2, with hyperglycemia" → ["diabetes", "type 2", "with", "hyperglycemia"]. */
export function splitIndexQuery(text: string): string[] {
  const out: string[] = [];
  for (const raw of normalizeTitle(text).split(', ')) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(with|without) (.+)$/.exec(part);
    if (m) out.push(m[1] as string, m[2] as string);
    else out.push(part);
  }
  return out;
}

/**
 * A run of query parts ("femur, neck") with the keys titleMatch compares. A walk compares the
 * same few segments with hundreds of titles (every site under "Neoplasm"), so each segment's
 * keys are worked out once per walk, not once per title.
 */
interface Segment {
  text: string;
  stems: string[];
  key: string;
  words: string[];
}

function segment(text: string): Segment {
  const s = stems(text);
  return { text, stems: s, key: [...s].sort().join(' '), words: words(text) };
}

/** The segments of one query, `parts[i..j)` joined as the Index writes them, made on first use. */
class Segments {
  private readonly made = new Map<number, Segment>();
  constructor(readonly parts: readonly string[]) {}

  get(i: number, j: number): Segment {
    const k = i * (MAX_PARTS_PER_TERM + 1) + (j - i);
    let seg = this.made.get(k);
    if (!seg) {
      seg = segment(this.parts.slice(i, j).join(', '));
      this.made.set(k, seg);
    }
    return seg;
  }
}

/** How well a term's title matches a query segment: 0 = not at all, 1 = exactly. */
function titleMatch(term: IndexTerm, q: Segment): number {
  if (term.norm === q.text) return 1;
  if (term.alternatives.includes(q.text)) return 0.9;
  if (q.key === '') return 0;
  if (q.key === term.stemKey) return 0.85;
  if (term.alternatives.length > 1 && term.alternativeKeys.includes(q.key)) return 0.8;
  return term.alternativeWords.some((a) => fuzzyWords(a, q.words)) || fuzzyWords(term.normWords, q.words)
    ? 0.6
    : 0;
}

function fuzzyWords(title: readonly string[], query: readonly string[]): boolean {
  if (title.length !== query.length || title.length === 0) return false;
  return title.every((w, i) => {
    const q = query[i] as string;
    if (w === q) return true;
    const max = Math.min(w.length, q.length) >= 8 ? 2 : Math.min(w.length, q.length) >= 5 ? 1 : 0;
    return max > 0 && editDistance(w, q, max) <= max;
  });
}

function better(a: Walk | null, b: Walk | null): Walk | null {
  if (!a) return b;
  if (!b) return a;
  if (a.consumed !== b.consumed) return a.consumed > b.consumed ? a : b;
  if (a.quality !== b.quality) return a.quality > b.quality ? a : b;
  const da = a.steps[0]?.term.descendants ?? 0;
  const db = b.steps[0]?.term.descendants ?? 0;
  return da >= db ? a : b;
}

/**
 * The terms of a long candidate list (the ~1,000 sites under "Neoplasm", a main term's many
 * subterms) by the keys titleMatch compares, so a walk reads only the few terms a segment can
 * match instead of comparing it with every title (most of a note's Table walks go through the
 * same lists). `fuzzy` holds each title's word lists by word count and first-word length:
 * fuzzyWords needs the same count, and a first word within two letters of the query's (its
 * edit distance is at most 2).
 */
interface CandidateIndex {
  byText: Map<string, number[]>;
  byKey: Map<string, number[]>;
  fuzzy: Map<string, number[]>;
  connecting: number[];
}

/** Lists shorter than this are compared term by term (building the index would cost more). */
const INDEXED_FROM = 24;
const candidateIndexes = new WeakMap<readonly IndexTerm[], CandidateIndex | 'seen'>();

function addTo(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

function buildCandidateIndex(candidates: readonly IndexTerm[]): CandidateIndex {
  const index: CandidateIndex = { byText: new Map(), byKey: new Map(), fuzzy: new Map(), connecting: [] };
  candidates.forEach((term, i) => {
    addTo(index.byText, term.norm, i);
    for (const a of term.alternatives) addTo(index.byText, a, i);
    addTo(index.byKey, term.stemKey, i);
    if (term.alternatives.length > 1) for (const k of term.alternativeKeys) addTo(index.byKey, k, i);
    for (const w of [...term.alternativeWords, term.normWords])
      if (w.length > 0) addTo(index.fuzzy, `${w.length}:${(w[0] as string).length}`, i);
    if (CONNECTING.has(term.norm)) index.connecting.push(i);
  });
  return index;
}

/**
 * The positions in `candidates` of every term titleMatch may match with a segment starting at
 * query part `i`, and of every connecting subterm, ascending; null for a list read term by term.
 * A superset is safe: bestFrom still asks titleMatch about each.
 */
function candidatesToRead(candidates: readonly IndexTerm[], segs: Segments, i: number): number[] | null {
  if (candidates.length < INDEXED_FROM) return null;
  const known = candidateIndexes.get(candidates);
  // Built on the second walk through a list: most long lists are read once per note at most.
  if (known === undefined) {
    candidateIndexes.set(candidates, 'seen');
    return null;
  }
  let index = known;
  if (index === 'seen') {
    index = buildCandidateIndex(candidates);
    candidateIndexes.set(candidates, index);
  }
  const found = new Set<number>(index.connecting);
  const add = (list: readonly number[] | undefined) => {
    if (list) for (const k of list) found.add(k);
  };
  for (let j = i + 1; j <= Math.min(segs.parts.length, i + MAX_PARTS_PER_TERM); j++) {
    const q = segs.get(i, j);
    add(index.byText.get(q.text));
    if (q.key === '') continue;
    add(index.byKey.get(q.key));
    const first = q.words[0];
    if (first === undefined) continue;
    for (let len = first.length - 2; len <= first.length + 2; len++)
      add(index.fuzzy.get(`${q.words.length}:${len}`));
  }
  return [...found].sort((a, b) => a - b);
}

/** Best walk from the candidate terms, starting at query part `i`. */
function bestFrom(candidates: readonly IndexTerm[], segs: Segments, i: number): Walk | null {
  const parts = segs.parts;
  if (i >= parts.length) return null;
  let best: Walk | null = null;
  const toRead = candidatesToRead(candidates, segs, i);
  for (const term of toRead ? toRead.map((k) => candidates[k] as IndexTerm) : candidates) {
    for (let j = i + 1; j <= Math.min(parts.length, i + MAX_PARTS_PER_TERM); j++) {
      const q = titleMatch(term, segs.get(i, j));
      if (q === 0) continue;
      const rest = descend(term, segs, j);
      best = better(best, {
        steps: [{ term }, ...rest.steps],
        consumed: rest.consumed,
        quality: q + rest.quality,
        unresolved: [],
      });
    }
    // A "with"/"without" subterm the query left out: "Diabetes, type 2, hyperglycemia".
    if (CONNECTING.has(term.norm) && !CONNECTING.has(parts[i] as string)) {
      const inner = bestFrom(term.children, segs, i);
      if (inner)
        best = better(best, { ...inner, steps: [{ term }, ...inner.steps], quality: inner.quality - 0.1 });
    }
  }
  // A connecting word the Index does not use at this point.
  if (CONNECTING.has(parts[i] as string)) best = better(best, bestFrom(candidates, segs, i + 1));
  return best;
}

function descend(term: IndexTerm, segs: Segments, from: number): Walk {
  let j = from;
  // Query parts naming the term's nonessential modifiers add nothing: "Diabetes, mellitus, type 2".
  while (j < segs.parts.length && isNonessential(term, segs.get(j, j + 1).stems)) j++;
  const sub = bestFrom(term.children, segs, j);
  return sub && sub.consumed > j ? sub : { steps: [], consumed: j, quality: 0, unresolved: [] };
}

function isNonessential(term: IndexTerm, partStems: readonly string[]): boolean {
  return partStems.length > 0 && partStems.every((x) => term.nemodStems.has(x));
}

/**
 * Walks an index for a query, following cross references on the last term reached: "see" when it
 * carries no code, "see also" when query parts remain that its own subterms did not match.
 */
export function walkIndex(index: AlphabeticIndex, parts: readonly string[], depth = 0): Walk | null {
  const first = parts[0];
  if (first === undefined) return null;
  const walk = bestFrom(index.mainCandidates(first), new Segments(parts), 0);
  if (!walk) return null;
  const last = walk.steps[walk.steps.length - 1]?.term;
  if (!last) return walk;
  const remaining = parts.slice(walk.consumed);
  const hasCode = last.code !== null || last.seeCat !== null || last.subcat !== null || last.cells.size > 0;
  const refs: Array<['see' | 'seeAlso', string]> = [];
  if (last.see && (!hasCode || remaining.length > 0)) refs.push(['see', last.see]);
  if (last.seeAlso && remaining.length > 0) refs.push(['seeAlso', last.seeAlso]);
  for (const [via, target] of refs) {
    const followed =
      depth < MAX_REFERENCES ? walkIndex(index, [...splitIndexQuery(target), ...remaining], depth + 1) : null;
    const targetParts = splitIndexQuery(target).length;
    if (followed && followed.consumed >= targetParts && followed.steps.length > 0) {
      const [head, ...tail] = followed.steps as [WalkStep, ...WalkStep[]];
      return {
        steps: [...walk.steps, { ...head, via }, ...tail],
        consumed: walk.consumed + Math.max(0, followed.consumed - targetParts),
        quality: walk.quality + followed.quality,
        unresolved: followed.unresolved,
      };
    }
    walk.unresolved.push(`${via === 'see' ? 'see' : 'see also'} ${target}`);
  }
  if (last.seeAlso && remaining.length === 0) walk.unresolved.push(`see also ${last.seeAlso}`);
  return walk;
}

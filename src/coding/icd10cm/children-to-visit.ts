/**
 * Which subterms of an Index term a walk needs to look at for one statement. A walk steps through
 * a term's subterms in Index order, and most of them are read only from their own words: under
 * "Diabetes, type 2, with" or "Fracture, traumatic" a statement names a handful of the hundreds
 * listed, and looking at every one (a stem lookup each, most missing) was the largest part of the
 * engine's time per note. So a term with many subterms keeps them by the first stem of each of
 * their readings, and a walk takes only those whose stem the statement has, plus the ones the
 * walk may take or pass without their words (the caller says which), still in Index order: the
 * first of equally good subterms wins, so the order is part of the answer.
 */
import type { IndexNode } from './index-tree.js';

/** Below this many subterms, looking at each is as cheap as looking them up. */
const LOOKUP_FROM = 12;

interface SubtermLookup {
  /** Positions of the subterms a walk looks at whatever the statement says. */
  always: readonly number[];
  /** First stem of a reading → positions of the subterms with that reading. */
  byStem: ReadonlyMap<string, readonly number[]>;
}

const lookups = new WeakMap<IndexNode, SubtermLookup>();

/**
 * `node`'s subterms a walk over a statement with these stems may take, in Index order: those
 * `readWithoutWords` keeps, and those one of whose readings starts with a stem in `stems` (a
 * reading needs all its stems, so any other cannot be read). Terms with few subterms give all.
 */
export function childrenToVisit(
  node: IndexNode,
  stems: ReadonlyMap<string, unknown>,
  readWithoutWords: (child: IndexNode) => boolean,
): readonly IndexNode[] {
  const children = node.children;
  if (children.length < LOOKUP_FROM) return children;
  let lookup = lookups.get(node);
  if (!lookup) {
    lookup = buildLookup(children, readWithoutWords);
    lookups.set(node, lookup);
  }
  const at: number[] = [...lookup.always];
  for (const stem of stems.keys()) {
    const list = lookup.byStem.get(stem);
    if (list) for (const i of list) at.push(i);
  }
  if (at.length === 0) return [];
  at.sort((a, b) => a - b);
  const out: IndexNode[] = [];
  let previous = -1;
  for (const i of at) {
    if (i === previous) continue;
    out.push(children[i]!);
    previous = i;
  }
  return out;
}

function buildLookup(
  children: readonly IndexNode[],
  readWithoutWords: (child: IndexNode) => boolean,
): SubtermLookup {
  const always: number[] = [];
  const byStem = new Map<string, number[]>();
  children.forEach((child, i) => {
    const readings = child.words.alternatives ?? [child.words.required];
    // A reading with no words at all is read from any statement.
    if (readWithoutWords(child) || readings.some((r) => r.length === 0)) {
      always.push(i);
      return;
    }
    for (const reading of readings) {
      const list = byStem.get(reading[0]!);
      if (!list) byStem.set(reading[0]!, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return { always, byStem };
}

import { X12Error } from './errors.js';
import type { Segment } from './segment.js';

/**
 * How one loop of an implementation guide is recognised: the segment that starts it (id plus,
 * where ids repeat, a qualifier in element `at`), the segments it may hold after that, and the
 * loops nested in it. An HL loop is recognised by its level code (HL03).
 */
export interface LoopSpec {
  id: string;
  /** Segment id that opens the loop. */
  start: string;
  /** When set, the opening segment's element `qualifier.at` must be one of `qualifier.values`. */
  qualifier?: { at: number; values: readonly string[] };
  /** Segments this loop may hold besides its opening one; others are looked for in the parents. */
  segments?: readonly string[];
  children?: readonly LoopSpec[];
}

/** A loop as read: its own segments (the first opened it) and the loops nested in it. */
export interface Loop {
  id: string;
  segments: Segment[];
  loops: Loop[];
}

export interface BuildOptions {
  /**
   * Throw on HL numbering/parent problems instead of reporting them. Off by default because
   * files with restarted or dangling HL ids are common; the loops are still nested by level code.
   */
  strict?: boolean;
  onIssue?: (issue: X12Error) => void;
}

function opens(spec: LoopSpec, seg: Segment): boolean {
  if (spec.start !== seg.id) return false;
  if (!spec.qualifier) return true;
  return spec.qualifier.values.includes(seg.elements[spec.qualifier.at] ?? '');
}

interface Open {
  spec: LoopSpec;
  loop: Loop;
  allowed: Set<string> | undefined;
  children: Map<string, LoopSpec[]>;
}

/** Per spec, its children by the segment id that opens them (a few map lookups per segment). */
const childCache = new WeakMap<LoopSpec, Map<string, LoopSpec[]>>();
function childrenByStart(spec: LoopSpec): Map<string, LoopSpec[]> {
  let map = childCache.get(spec);
  if (!map) {
    map = new Map();
    for (const child of spec.children ?? []) {
      const list = map.get(child.start);
      if (list) list.push(child);
      else map.set(child.start, [child]);
    }
    childCache.set(spec, map);
  }
  return map;
}

const allowedCache = new WeakMap<LoopSpec, Set<string>>();
function allowedOf(spec: LoopSpec): Set<string> | undefined {
  if (!spec.segments) return undefined;
  let set = allowedCache.get(spec);
  if (!set) {
    set = new Set(spec.segments);
    allowedCache.set(spec, set);
  }
  return set;
}

/**
 * Groups a transaction set's flat segments into loops, the way the implementation guides nest
 * them: a segment that opens a child loop of the current loop (or of any enclosing loop) closes
 * the loops below that level and opens the new one; other segments stay in the innermost loop
 * that declares them (or, when none does, the innermost loop: unknown segments are kept, not
 * dropped). HL loops are also checked: HL01 counts up from 1 and HL02 names the enclosing HL.
 */
export function buildLoops(root: LoopSpec, segments: readonly Segment[], options: BuildOptions = {}): Loop {
  const top: Loop = { id: root.id, segments: [], loops: [] };
  const stack: Open[] = [
    { spec: root, loop: top, allowed: allowedOf(root), children: childrenByStart(root) },
  ];
  const hlIds = new Map<Loop, string>();
  let expectedHl = 1;
  for (const seg of segments) {
    let placed = false;
    for (let depth = stack.length - 1; depth >= 0 && !placed; depth--) {
      const level = stack[depth]!;
      const candidates = level.children.get(seg.id);
      if (!candidates) continue;
      for (const child of candidates) {
        if (!opens(child, seg)) continue;
        stack.length = depth + 1;
        const loop: Loop = { id: child.id, segments: [seg], loops: [] };
        level.loop.loops.push(loop);
        if (seg.id === 'HL') {
          const problem = checkHl(seg, expectedHl, level.loop, hlIds);
          expectedHl++;
          if (problem && options.strict) throw problem;
          if (problem) options.onIssue?.(problem);
          hlIds.set(loop, seg.elements[1]!);
        }
        stack.push({ spec: child, loop, allowed: allowedOf(child), children: childrenByStart(child) });
        placed = true;
        break;
      }
    }
    if (placed) continue;
    if (seg.id === 'HL') {
      // Kept as a plain segment of the current loop so nothing is lost; reported as a problem.
      const problem = new X12Error(
        `HL level code ${JSON.stringify(seg.elements[3] ?? '')} is not expected here`,
        {
          segment: seg.index,
          segmentId: 'HL',
          element: 3,
          offset: seg.offset,
        },
      );
      if (options.strict) throw problem;
      options.onIssue?.(problem);
    }
    let target = stack[stack.length - 1]!;
    for (let depth = stack.length - 1; depth >= 0; depth--) {
      const level = stack[depth]!;
      if (level.allowed?.has(seg.id)) {
        target = level;
        if (stack.length !== depth + 1) stack.length = depth + 1;
        break;
      }
    }
    target.loop.segments.push(seg);
  }
  return top;
}

/** HL01 must be the next number in sequence; HL02 must be the HL01 of the enclosing HL loop. */
function checkHl(
  seg: Segment,
  expected: number,
  parent: Loop,
  hlIds: Map<Loop, string>,
): X12Error | undefined {
  const id = seg.elements[1] ?? '';
  const loc = { segment: seg.index, segmentId: 'HL', offset: seg.offset };
  if (String(expected) !== id) {
    return new X12Error(`HL01 is ${JSON.stringify(id)}, expected ${expected} (HL ids count up from 1)`, {
      ...loc,
      element: 1,
    });
  }
  const parentId = hlIds.get(parent) ?? '';
  if ((seg.elements[2] ?? '') !== parentId) {
    return new X12Error(
      `HL02 parent is ${JSON.stringify(seg.elements[2] ?? '')}, expected ${parentId ? JSON.stringify(parentId) : 'none'}`,
      { ...loc, element: 2 },
    );
  }
  return undefined;
}

/** Child loops with a given id. */
export function loopsOf(loop: Loop, id: string): Loop[] {
  return loop.loops.filter((l) => l.id === id);
}

/** The loop's segments with a given id (optionally with element 1 = qualifier). */
export function segmentsOf(loop: Loop, id: string, qualifier?: string): Segment[] {
  return loop.segments.filter((s) => s.id === id && (qualifier === undefined || s.elements[1] === qualifier));
}

/** First matching segment of the loop, if any. */
export function segmentOf(loop: Loop, id: string, qualifier?: string): Segment | undefined {
  return loop.segments.find((s) => s.id === id && (qualifier === undefined || s.elements[1] === qualifier));
}

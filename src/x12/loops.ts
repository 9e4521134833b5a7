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
 * Follows the loop nesting of a stream of segments without keeping them, the way the
 * implementation guides nest them: a segment that opens a child loop of the current loop (or of
 * any enclosing loop) closes the loops below that level and opens the new one; other segments
 * belong to the innermost open loop that declares them (closing the loops below it) or, when
 * none does, to the innermost loop (unknown segments are kept, not dropped). buildLoops builds
 * the tree with it; streaming readers use it to route each segment as it arrives.
 */
export class LoopTracker {
  private node: PathNode;
  /** Ids that open a loop only with the right qualifier: where they go depends on more than the id. */
  private readonly qualified: Set<string>;
  /** Spec of the loop the last placed segment belongs to. */
  spec: LoopSpec;
  /** Depth of that loop (0 = the root). */
  depth = 0;
  /** Whether the last placed segment opened that loop. */
  opened = false;

  constructor(root: LoopSpec) {
    this.node = rootNode(root);
    this.spec = root;
    this.qualified = qualifiedStartsOf(root);
  }

  /**
   * Places one segment; read the result from `spec`, `depth` and `opened`. `idNumber`, when
   * the reader gives one (SegmentView.idNumber: a small number per distinct id), finds the
   * remembered step by array index instead of a map lookup (millions of segments).
   */
  place(seg: Segment, idNumber = -1): void {
    const id = seg.id;
    const node = this.node;
    let step = idNumber >= 0 ? node.byNumber[idNumber] : node.steps.get(id);
    if (step === undefined) {
      step = decide(node, seg);
      // The same id from the same open loops always goes to the same place, unless it is a
      // qualified opener (N1*PR vs N1*PE, HL by level code): remembered, the common case is
      // one lookup per segment.
      if (!this.qualified.has(id)) {
        node.steps.set(id, step);
        if (idNumber >= 0) {
          while (node.byNumber.length < idNumber) node.byNumber.push(undefined);
          node.byNumber[idNumber] = step;
        }
      }
    }
    this.node = step.node;
    this.spec = step.node.spec;
    this.depth = step.node.depth;
    this.opened = step.opened;
  }
}

/**
 * One path of open loops (root > ... > spec), shared by every instance of that nesting: what a
 * segment id does from here is the same each time, so it is worked out once (`steps`).
 */
interface PathNode {
  spec: LoopSpec;
  parent: PathNode | undefined;
  depth: number;
  allowed: Set<string> | undefined;
  children: Map<string, LoopSpec[]>;
  next: Map<LoopSpec, PathNode>;
  steps: Map<string, Step>;
  /** `steps` by id number (holes for ids not seen here, or qualified openers). */
  byNumber: Array<Step | undefined>;
}

interface Step {
  node: PathNode;
  opened: boolean;
}

const roots = new WeakMap<LoopSpec, PathNode>();
function rootNode(root: LoopSpec): PathNode {
  let node = roots.get(root);
  if (!node) {
    node = pathNode(root, undefined);
    roots.set(root, node);
  }
  return node;
}

function pathNode(spec: LoopSpec, parent: PathNode | undefined): PathNode {
  return {
    spec,
    parent,
    depth: parent ? parent.depth + 1 : 0,
    allowed: allowedOf(spec),
    children: childrenByStart(spec),
    next: new Map(),
    steps: new Map(),
    byNumber: [],
  };
}

/**
 * Where a segment goes from the open loops `at`: a child loop of the innermost loop it opens
 * (closing those below), else the innermost open loop declaring it, else the innermost loop.
 */
function decide(at: PathNode, seg: Segment): Step {
  for (let n: PathNode | undefined = at; n; n = n.parent) {
    const candidates = n.children.get(seg.id);
    if (!candidates) continue;
    for (const child of candidates) {
      if (!opens(child, seg)) continue;
      let node = n.next.get(child);
      if (!node) {
        node = pathNode(child, n);
        n.next.set(child, node);
      }
      return { node, opened: true };
    }
  }
  for (let n: PathNode | undefined = at; n; n = n.parent) {
    if (n.allowed?.has(seg.id)) return { node: n, opened: false };
  }
  return { node: at, opened: false };
}

const qualifiedCache = new WeakMap<LoopSpec, Set<string>>();
function qualifiedStartsOf(root: LoopSpec): Set<string> {
  let set = qualifiedCache.get(root);
  if (!set) {
    const found = new Set<string>();
    const visit = (spec: LoopSpec) => {
      for (const child of spec.children ?? []) {
        if (child.qualifier) found.add(child.start);
        visit(child);
      }
    };
    visit(root);
    qualifiedCache.set(root, found);
    set = found;
  }
  return set;
}

/**
 * Groups a transaction set's flat segments into loops (see LoopTracker). HL loops are also
 * checked: HL01 counts up from 1 and HL02 names the enclosing HL.
 */
export function buildLoops(root: LoopSpec, segments: readonly Segment[], options: BuildOptions = {}): Loop {
  const top: Loop = { id: root.id, segments: [], loops: [] };
  const tracker = new LoopTracker(root);
  const open: Loop[] = [top];
  const hlIds = new Map<Loop, string>();
  let expectedHl = 1;
  for (const seg of segments) {
    tracker.place(seg);
    const depth = tracker.depth;
    if (tracker.opened) {
      const parent = open[depth - 1]!;
      const loop: Loop = { id: tracker.spec.id, segments: [seg], loops: [] };
      parent.loops.push(loop);
      open.length = depth;
      open.push(loop);
      if (seg.id === 'HL') {
        const problem = checkHl(seg, expectedHl, parent, hlIds);
        expectedHl++;
        if (problem && options.strict) throw problem;
        if (problem) options.onIssue?.(problem);
        hlIds.set(loop, seg.elements[1]!);
      }
      continue;
    }
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
    open.length = depth + 1;
    open[depth]!.segments.push(seg);
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

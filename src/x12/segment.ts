import type { Delimiters } from './delimiters.js';
import { X12Error } from './errors.js';

/**
 * One segment as read. `elements[0]` is the segment id, so `elements[n]` is element n in the
 * numbering the implementation guides use (CLP02 = elements[2]). Components and repetitions
 * stay joined until someone asks for them, which keeps the reader cheap.
 */
export interface Segment {
  id: string;
  elements: string[];
  /** 1-based ordinal in the input, for error messages. */
  index: number;
  /** Character offset of the segment in the decoded input. */
  offset: number;
}

/**
 * A segment read from a stream: the id is found at once, the elements are split out of the
 * raw text only when first asked for. Most segments of a large file are only counted and
 * routed by id (envelope checks, loop building), so this saves most of the reader's string
 * allocation; the typed readers pay for the segments they actually look at.
 */
export class LazySegment implements Segment {
  private split: string[] | undefined;
  constructor(
    readonly id: string,
    readonly raw: string,
    private readonly separator: string,
    readonly index: number,
    readonly offset: number,
  ) {}

  get elements(): string[] {
    if (!this.split) this.split = splitOn(this.raw, this.separator);
    return this.split;
  }
}

/** A segment's text without its terminator (joined again when it was not read from text). */
export function rawOf(seg: Segment, separator: string): string {
  return seg instanceof LazySegment ? seg.raw : seg.elements.join(separator);
}

/**
 * `raw.split(separator)` for a one-character separator, written out: measured ~1.6x faster
 * than String.prototype.split on segment-sized strings, and it runs for every segment a typed
 * reader looks at.
 */
export function splitOn(raw: string, separator: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const i = raw.indexOf(separator, start);
    if (i < 0) {
      out.push(raw.slice(start));
      return out;
    }
    out.push(raw.slice(start, i));
    start = i + 1;
  }
}

/** Element n (1-based), or '' when absent. */
export function el(seg: Segment, n: number): string {
  return seg.elements[n] ?? '';
}

/** The components of element n (HC:99213:25 → ['HC', '99213', '25']). */
export function comps(seg: Segment, n: number, d: Delimiters): string[] {
  const v = seg.elements[n];
  return v ? v.split(d.component) : [];
}

/** The repetitions of element n; a single value when the interchange has no repetition separator. */
export function reps(seg: Segment, n: number, d: Delimiters): string[] {
  const v = seg.elements[n];
  if (!v) return [];
  return d.repetition ? v.split(d.repetition) : [v];
}

/** Throws an X12Error pointing at element n of the segment. */
export function segError(seg: Segment, reason: string, element?: number): X12Error {
  return new X12Error(reason, {
    segment: seg.index,
    segmentId: seg.id,
    offset: seg.offset,
    ...(element !== undefined ? { element } : {}),
  });
}

/** A required element: present and non-empty, or an X12Error naming it. */
export function required(seg: Segment, n: number, what: string): string {
  const v = seg.elements[n];
  if (v === undefined || v === '') throw segError(seg, `${what} is missing`, n);
  return v;
}

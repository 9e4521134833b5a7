/**
 * Splits a note into runs of text so each run knows which codes' evidence covers it. Evidence
 * spans from different codes overlap often ("type 2 diabetes ... chronic kidney disease" backs
 * both E11.22 and N18.31), so a run can belong to several codes; the view paints one colour per
 * code and stripes the overlaps. Pure, so the edge cases are unit-tested.
 */

export interface MarkSpan {
  start: number;
  end: number;
  /** Which code the span is evidence for. */
  key: string;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Codes whose evidence covers this run, in the order the codes were given (first = primary). */
  keys: string[];
}

/**
 * Runs covering the whole text in order. Spans are clamped to the text; empty, inverted or
 * non-integer spans are dropped (a stale offset must not break the page). Adjacent runs with the
 * same keys are merged, so the same code's touching spans read as one highlight.
 */
export function segmentText(
  text: string,
  spans: readonly MarkSpan[],
  keyOrder?: readonly string[],
): Segment[] {
  const valid: MarkSpan[] = [];
  for (const span of spans) {
    if (!Number.isFinite(span.start) || !Number.isFinite(span.end)) continue;
    const start = Math.max(0, Math.min(text.length, Math.trunc(span.start)));
    const end = Math.max(0, Math.min(text.length, Math.trunc(span.end)));
    if (end > start) valid.push({ start, end, key: span.key });
  }
  const order = new Map<string, number>();
  for (const key of keyOrder ?? []) if (!order.has(key)) order.set(key, order.size);
  for (const span of valid) if (!order.has(span.key)) order.set(span.key, order.size);

  const cuts = new Set<number>([0, text.length]);
  for (const span of valid) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const keys = [...new Set(valid.filter((s) => s.start <= start && s.end >= end).map((s) => s.key))].sort(
      (a, b) => order.get(a)! - order.get(b)!,
    );
    const last = segments[segments.length - 1];
    if (last && last.end === start && sameKeys(last.keys, keys)) {
      last.end = end;
      last.text = text.slice(last.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), keys });
    }
  }
  return segments;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * Eight colours distinguishable for the common colour-vision deficiencies (Okabe–Ito based,
 * lightened to sit behind dark text), each paired with an underline style so colour is not the
 * only cue when two highlights are side by side.
 */
export const PALETTE = [
  { background: '#ffd8a8', border: '#e69f00', underline: 'solid' },
  { background: '#c5e4f7', border: '#0072b2', underline: 'dashed' },
  { background: '#bfe9d9', border: '#009e73', underline: 'dotted' },
  { background: '#f8e7a0', border: '#b59b00', underline: 'double' },
  { background: '#f7c9dc', border: '#cc79a7', underline: 'solid' },
  { background: '#d6d0f5', border: '#6a51a3', underline: 'dashed' },
  { background: '#ffc9b3', border: '#d55e00', underline: 'dotted' },
  { background: '#d9e6b3', border: '#6b8e23', underline: 'double' },
] as const;

export type PaletteEntry = (typeof PALETTE)[number];

/** The colour of the code at `index` in the list (wrapping after eight codes). */
export function colourFor(index: number): PaletteEntry {
  const n = PALETTE.length;
  return PALETTE[((index % n) + n) % n]!;
}

/** CSS background for a run covered by several codes: equal diagonal stripes of each code's colour. */
export function overlapBackground(colours: readonly string[]): string {
  if (colours.length === 0) return 'transparent';
  if (colours.length === 1) return colours[0]!;
  const width = 6;
  const stops = colours.flatMap((c, i) => [`${c} ${i * width}px`, `${c} ${(i + 1) * width}px`]);
  return `repeating-linear-gradient(135deg, ${stops.join(', ')})`;
}

/**
 * Scale arithmetic for the dashboard's hand-drawn SVG charts (no chart library: five simple bar
 * charts do not justify one). Pure, so axis edge cases (all zeros, one huge value) are tested.
 */

/** A round axis maximum ≥ the largest value: 1, 2, 2.5 or 5 times a power of ten (at least 1). */
export function niceMax(values: readonly number[]): number {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Length in pixels of a bar for `value` on an axis of `max` drawn over `span` pixels, never negative. */
export function barLength(value: number, max: number, span: number): number {
  if (!Number.isFinite(value) || value <= 0 || max <= 0) return 0;
  return Math.min(span, (value / max) * span);
}

/** Evenly spaced tick values 0..max. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

/**
 * Axis for counts: a maximum of at least 4 and a tick count that divides it, so every tick is a
 * whole number (an axis of 0, 0.25, 0.5 … encounters reads as nonsense).
 */
export function countAxis(values: readonly number[]): { max: number; ticks: number } {
  const max = Math.max(4, niceMax(values.map((v) => Math.ceil(v))));
  const count = [4, 5, 2].find((c) => max % c === 0) ?? 1;
  return { max, ticks: count };
}

import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/terminology/edit-distance.js';

/** Optimal string alignment distance, unbounded, the textbook way. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('answers min(distance, max + 1) for small and unbounded max, as the full table does', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = (n: number) => Array.from({ length: n }, () => 'abcd'[Math.floor(next() * 4)]).join('');
    for (let k = 0; k < 4000; k++) {
      const a = word(Math.floor(next() * 14));
      const b = next() < 0.5 ? word(Math.floor(next() * 14)) : `${a.slice(0, 3)}${word(2)}${a.slice(4)}`;
      const d = reference(a, b);
      expect(editDistance(a, b)).toBe(d);
      for (const max of [0, 1, 2, 3, 5]) expect(editDistance(a, b, max)).toBe(Math.min(d, max + 1));
    }
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('pancreas', 'pancraes', 2)).toBe(1);
    expect(editDistance('prostate', 'prostrate', 1)).toBe(1);
    expect(editDistance('femur', 'lemon', 1)).toBe(2);
  });
});

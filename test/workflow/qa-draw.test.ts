import { describe, expect, it } from 'vitest';
import { drawRank, drawSample, populationHash, sampleSize } from '../../src/workflow/qa/draw.js';

describe('audit sample draw', () => {
  const ids = Array.from({ length: 200 }, (_, i) => i + 1);

  it('is the same for the same seed whatever order the population comes in, and differs by seed', () => {
    const a = drawSample(ids, 10, 'q1-2025');
    const b = drawSample([...ids].reverse(), 10, 'q1-2025');
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(10);
    expect(drawSample(ids, 10, 'q2-2025')).not.toEqual(a);
  });

  it('ranks by sha256("seed:id"), lowest first: re-checkable outside the program', () => {
    const drawn = drawSample([5, 6, 7], 3, 'abc');
    const ranks = drawn.map((id) => drawRank('abc', id));
    expect([...ranks].sort()).toEqual(ranks);
    // sha256("abc:5"), computed independently (printf 'abc:5' | sha256sum)
    expect(drawRank('abc', 5)).toBe('c74bbe8b235bac11ae70a1d356fc4a6ca158468fb2d03440ef6e2cc8cedb05a3');
  });

  it('a newcomer to the population displaces at most one chosen encounter', () => {
    const before = drawSample(ids, 20, 'seed');
    const after = drawSample([...ids, 201], 20, 'seed');
    const kept = after.filter((id) => before.includes(id));
    expect(kept.length).toBeGreaterThanOrEqual(19);
  });

  it('takes everyone when the population is smaller than the sample', () => {
    expect(drawSample([3, 1, 2], 10, 's').sort()).toEqual([1, 2, 3]);
  });

  it('sizes by count or percentage (rounded up), capped by the population and 500', () => {
    expect(sampleSize(30, { percent: 5 })).toBe(2);
    expect(sampleSize(20, { percent: 5 })).toBe(1);
    expect(sampleSize(1000, { percent: 10 })).toBe(100);
    expect(sampleSize(8, { size: 10 })).toBe(8);
    expect(sampleSize(5000, { percent: 50 })).toBe(500);
  });

  it('fingerprints the population independently of order', () => {
    expect(populationHash([3, 1, 2])).toBe(populationHash([1, 2, 3]));
    expect(populationHash([1, 2])).not.toBe(populationHash([1, 2, 3]));
  });
});

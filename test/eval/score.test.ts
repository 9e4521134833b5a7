import { describe, expect, it } from 'vitest';
import { countCase, missesOf, prf, rolledUp, type ScoredCase, scoreSet } from '../../eval/score.js';

// Four notes whose counts were worked out by hand (see each comment).
const A: ScoredCase = {
  id: 'a',
  gold: ['E11.22', 'I12.9', 'N18.31'],
  predicted: ['E11.22', 'I10', 'N18.31', 'Z79.84'],
};
// exact: tp 2 (E11.22, N18.31), fp 2 (I10, Z79.84), fn 1 (I12.9); categories E11 I12 N18 vs E11 I10 N18 Z79: 2/2/1
const B: ScoredCase = { id: 'b', gold: ['S52.532A', 'W00.0XXA'], predicted: ['s52532a', 'W01.0XXA'] };
// exact: tp 1 (undotted lower case still matches), fp 1, fn 1; categories S52 W00 vs S52 W01: 1/1/1
const C: ScoredCase = { id: 'c', gold: ['J44.1', 'F17.210'], predicted: [] };
// exact and categories: tp 0, fp 0, fn 2
const D: ScoredCase = { id: 'd', gold: ['E11.65', 'E11.3293'], predicted: ['E11.9'] };
// exact: tp 0, fp 1, fn 2; categories {E11} vs {E11}: tp 1, fp 0, fn 0

describe('countCase', () => {
  it('counts exact codes after normalizing case and dots, and duplicates once', () => {
    expect(countCase(A.gold, A.predicted, 'exact')).toEqual({ tp: 2, fp: 2, fn: 1 });
    expect(countCase(B.gold, B.predicted, 'exact')).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(countCase(['I10'], ['I10', 'i10', 'I.10'], 'exact')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('counts 3-character categories as sets', () => {
    expect(countCase(D.gold, D.predicted, 'category')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(countCase(A.gold, A.predicted, 'category')).toEqual({ tp: 2, fp: 2, fn: 1 });
  });
});

describe('prf', () => {
  it('computes precision, recall and F1', () => {
    const r = prf({ tp: 3, fp: 1, fn: 2 });
    expect(r.precision).toBeCloseTo(0.75, 12);
    expect(r.recall).toBeCloseTo(0.6, 12);
    expect(r.f1).toBeCloseTo(2 / 3, 12); // 2*3 / (2*3 + 1 + 2)
  });

  it('handles empty denominators without NaN', () => {
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(prf({ tp: 0, fp: 0, fn: 3 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 2, fn: 0 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('scoreSet', () => {
  const s = scoreSet([A, B, C, D], { ordered: true });

  it('micro-averages exact codes over notes', () => {
    // tp 2+1+0+0 = 3, fp 2+1+0+1 = 4, fn 1+1+2+2 = 6
    expect(s.exact).toMatchObject({ tp: 3, fp: 4, fn: 6 });
    expect(s.exact.precision).toBeCloseTo(3 / 7, 12);
    expect(s.exact.recall).toBeCloseTo(1 / 3, 12);
    expect(s.exact.f1).toBeCloseTo(6 / 16, 12);
  });

  it('micro-averages categories over notes', () => {
    // tp 2+1+0+1 = 4, fp 2+1+0+0 = 3, fn 1+1+2+0 = 4
    expect(s.category).toMatchObject({ tp: 4, fp: 3, fn: 4 });
    expect(s.category.f1).toBeCloseTo(8 / 15, 12);
  });

  it('scores first-listed accuracy only when the gold is ordered', () => {
    // A and B right (B after normalization); C predicted nothing; D's first code differs
    expect(s.firstListed).toBe(0.5);
    expect(scoreSet([A, B], { ordered: false }).firstListed).toBeNull();
    expect(scoreSet([], { ordered: true })).toMatchObject({ notes: 0, firstListed: null });
  });
});

describe('missesOf and rolledUp', () => {
  it('lists false positives and false negatives in listed order', () => {
    expect(missesOf(A)).toEqual({ falsePositives: ['I10', 'Z79.84'], falseNegatives: ['I12.9'] });
    expect(missesOf(B)).toEqual({ falsePositives: ['W01.0XXA'], falseNegatives: ['W00.0XXA'] });
  });

  it('rolls gold and predictions up to distinct categories', () => {
    expect(rolledUp([D])).toEqual([{ id: 'd', gold: ['E11'], predicted: ['E11'] }]);
    expect(scoreSet(rolledUp([A, B, C, D]), { ordered: true }).exact.f1).toBeCloseTo(8 / 15, 12);
  });
});

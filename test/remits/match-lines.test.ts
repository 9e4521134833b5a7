import { describe, expect, it } from 'vitest';
import { type BilledLine, matchLines } from '../../src/remits/match-lines.js';
import type { RemitServiceLine } from '../../src/remits/model.js';
import { billedLine } from './sample-835.js';

const billed: BilledLine[] = [
  billedLine(1, '99214', ['25'], 15000, { lineControlNumber: 'L1' }),
  billedLine(2, '87880', ['QW'], 3000, { lineControlNumber: 'L2' }),
  billedLine(3, '87880', ['QW', '59'], 3000),
];

const line = (
  code: string,
  modifiers: string[],
  charge: number,
  extra: Partial<RemitServiceLine> = {},
): RemitServiceLine => ({
  segment: 1,
  procedure: { qualifier: 'HC', code, modifiers },
  chargeCents: charge,
  paidCents: 0,
  units: 1,
  adjustments: [],
  remarks: [],
  serviceDate: '2024-03-01',
  ...extra,
});

describe('service line matching', () => {
  it('uses SVC06 when the payer changed the code', () => {
    const [m] = matchLines(billed, [
      line('99213', [], 15000, { original: { qualifier: 'HC', code: '99214', modifiers: ['25'] } }),
    ]);
    expect(m).toEqual({
      remitLine: 0,
      billedLine: 1,
      method: 'original-procedure',
      evidence: ['SVC06 99214:25'],
    });
  });

  it('uses REF*6R when modifiers were dropped and the lines look alike', () => {
    const result = matchLines(billed, [
      line('87880', [], 3000, { lineControlNumber: 'L2' }),
      line('87880', [], 3000),
    ]);
    expect(result.map((r) => [r.billedLine, r.method])).toEqual([
      [2, 'line-control-number'],
      [3, 'best-match'],
    ]);
  });

  it('falls back to the best match and never uses a billed line twice', () => {
    const result = matchLines(billed, [
      line('87880', ['59'], 3000),
      line('87880', ['QW'], 3000),
      line('99214', [], 15000),
      line('J3420', [], 99),
    ]);
    expect(result.map((r) => [r.billedLine, r.method])).toEqual([
      [3, 'best-match'],
      [2, 'best-match'],
      [1, 'best-match'],
      [undefined, 'unmatched'],
    ]);
    expect(result[2]!.evidence).toEqual(['procedure code', 'charge', 'date of service', 'units']);
  });

  it('matches reversal lines by magnitude', () => {
    const [m] = matchLines(billed, [line('99214', ['25'], -15000, { units: -1 })]);
    expect(m!.billedLine).toBe(1);
  });
});

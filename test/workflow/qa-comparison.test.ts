import { describe, expect, it } from 'vitest';
import type { QaCode } from '../../src/store/schema-qa.js';
import { compareCodes } from '../../src/workflow/qa/comparison.js';

const codes = (...list: string[]): QaCode[] => list.map((code) => ({ code, title: `title of ${code}` }));

describe('coder against auditor comparison', () => {
  it('the same codes in the same order: no variance', () => {
    const c = compareCodes(codes('E11.65', 'I10'), codes('E11.65', 'I10'));
    expect(c.noVariance).toBe(true);
    expect(c.counts).toEqual({ agree: 2, coderOnly: 0, auditorOnly: 0 });
    expect(c.principal).toEqual({ coder: 'E11.65', auditor: 'E11.65', agree: true });
    expect(c.variances).toEqual([]);
  });

  it('same codes, other first-listed code: a pure sequencing variance', () => {
    const c = compareCodes(codes('I10', 'E11.65'), codes('E11.65', 'I10'));
    expect(c.counts).toEqual({ agree: 2, coderOnly: 0, auditorOnly: 0 });
    expect(c.noVariance).toBe(false);
    expect(c.variances).toEqual([
      {
        key: 'sequencing',
        type: 'sequencing',
        codes: ['I10', 'E11.65'],
        suggestedKind: 'sequencing',
        counterpart: null,
      },
    ]);
  });

  it('wrong specificity in the same category pairs the two codes as a wrong code; others are extra / missing', () => {
    const c = compareCodes(codes('E11.9', 'I10', 'Z79.4'), codes('E11.65', 'I10', 'N18.3'));
    expect(c.counts).toEqual({ agree: 1, coderOnly: 2, auditorOnly: 2 });
    const byKey = Object.fromEntries(c.variances.map((v) => [v.key, v]));
    expect(byKey['coder-only:E11.9']).toMatchObject({ suggestedKind: 'wrong_code', counterpart: 'E11.65' });
    expect(byKey['auditor-only:E11.65']).toMatchObject({ suggestedKind: 'wrong_code', counterpart: 'E11.9' });
    expect(byKey['coder-only:Z79.4']).toMatchObject({ suggestedKind: 'extra_code', counterpart: null });
    expect(byKey['auditor-only:N18.3']).toMatchObject({ suggestedKind: 'missing_code', counterpart: null });
    // The first-listed codes differ and neither is on the other list: a wrong principal.
    expect(byKey.sequencing).toMatchObject({ codes: ['E11.9', 'E11.65'], suggestedKind: 'wrong_code' });
    expect(c.codes.map((x) => [x.code, x.result, x.coderPosition, x.auditorPosition])).toEqual([
      ['E11.65', 'auditor-only', null, 1],
      ['I10', 'agree', 2, 2],
      ['N18.3', 'auditor-only', null, 3],
      ['E11.9', 'coder-only', 1, null],
      ['Z79.4', 'coder-only', 3, null],
    ]);
  });

  it('a missed secondary code alone leaves the principal agreeing', () => {
    const c = compareCodes(codes('J45.20'), codes('J45.20', 'Z87.891'));
    expect(c.principal.agree).toBe(true);
    expect(c.variances.map((v) => v.key)).toEqual(['auditor-only:Z87.891']);
  });
});

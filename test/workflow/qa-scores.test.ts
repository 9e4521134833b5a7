import { describe, expect, it } from 'vitest';
import type { QaCode } from '../../src/store/schema-qa.js';
import { compareCodes } from '../../src/workflow/qa/comparison.js';
import {
  type AuditedRecord,
  familyOf,
  scoreByCoder,
  scoreByFamily,
  scoreOverall,
} from '../../src/workflow/qa/scores.js';

const codes = (...list: string[]): QaCode[] => list.map((code) => ({ code, title: '' }));
let next = 1;
function record(coder: string, coderCodes: string[], auditorCodes: string[]): AuditedRecord {
  const id = next++;
  return {
    itemId: id,
    sampleId: 1,
    encounterId: id,
    coder: { id: coder === 'ann' ? 10 : 11, username: coder },
    auditor: { id: 99, username: 'audrey' },
    dateOfService: '2025-03-01',
    submittedAt: '2025-04-01T00:00:00.000Z',
    comparison: compareCodes(codes(...coderCodes), codes(...auditorCodes)),
  };
}

describe('agreement scores', () => {
  const records = [
    record('ann', ['E11.65', 'I10'], ['E11.65', 'I10']), // clean
    record('ann', ['E11.9', 'I10'], ['E11.65', 'I10']), // wrong principal (same category)
    record('bob', ['J45.20'], ['J45.20', 'Z87.891']), // missed secondary
    record('bob', ['I10', 'E11.65'], ['E11.65', 'I10']), // sequencing only
  ];

  it('per coder: code-level precision, recall and F1 against the auditor, and record accuracy', () => {
    const [ann, bob] = scoreByCoder(records);
    expect(ann).toMatchObject({
      key: 'ann',
      records: 2,
      recordsWithoutVariance: 1,
      recordAccuracy: 0.5,
      meetsBenchmark: false,
      agree: 3,
      coderOnly: 1,
      auditorOnly: 1,
      precision: 0.75,
      recall: 0.75,
      f1: 0.75,
      principalRecords: 2,
      principalAgree: 1,
    });
    expect(bob).toMatchObject({
      key: 'bob',
      records: 2,
      recordsWithoutVariance: 0,
      agree: 3,
      coderOnly: 0,
      auditorOnly: 1,
    });
    expect(bob!.precision).toBe(1);
    expect(bob!.recall).toBe(0.75);
    expect(bob!.f1).toBeCloseTo(6 / 7, 10);
    expect(bob!.principalAgreement).toBe(0.5);
  });

  it('overall, and the 95% benchmark is met at exactly 95%', () => {
    expect(scoreOverall(records)).toMatchObject({
      key: 'all',
      records: 4,
      recordsWithoutVariance: 1,
      recordAccuracy: 0.25,
    });
    const clean = Array.from({ length: 19 }, () => record('ann', ['I10'], ['I10']));
    expect(scoreOverall([...clean, record('ann', ['I10'], ['I11.9'])])).toMatchObject({
      recordAccuracy: 0.95,
      meetsBenchmark: true,
    });
    expect(scoreOverall([])).toMatchObject({
      records: 0,
      recordAccuracy: null,
      meetsBenchmark: null,
      f1: null,
    });
  });

  it('per code family: a record counts in every family it touches, its variances only where they are', () => {
    const byCategory = Object.fromEntries(scoreByFamily(records, 'category').map((a) => [a.key, a]));
    expect(Object.keys(byCategory)).toEqual(['E11', 'I10', 'J45', 'Z87']);
    // E11: record 1 clean; record 2 wrong code and wrong principal; record 4 principal in E11 disagrees.
    expect(byCategory.E11).toMatchObject({
      records: 3,
      recordsWithoutVariance: 1,
      agree: 2,
      coderOnly: 1,
      auditorOnly: 1,
    });
    // I10: records 1, 2, 4 touch it; record 4's sequencing involves I10 as the coder's principal.
    expect(byCategory.I10).toMatchObject({
      records: 3,
      recordsWithoutVariance: 2,
      agree: 3,
      principalRecords: 1,
      principalAgree: 0,
    });
    expect(byCategory.J45).toMatchObject({ records: 1, recordsWithoutVariance: 1, precision: 1, recall: 1 });
    expect(byCategory.Z87).toMatchObject({
      records: 1,
      recordsWithoutVariance: 0,
      recall: 0,
      precision: null,
      f1: 0,
    });
    const byLetter = scoreByFamily(records, 'letter').map((a) => [
      a.key,
      a.records,
      a.recordsWithoutVariance,
    ]);
    expect(byLetter).toEqual([
      ['E', 3, 1],
      ['I', 3, 2],
      ['J', 1, 1],
      ['Z', 1, 0],
    ]);
  });

  it('families: the category without its dot, or the chapter letter', () => {
    expect(familyOf('E11.65', 'category')).toBe('E11');
    expect(familyOf('i10', 'category')).toBe('I10');
    expect(familyOf('S72.001A', 'letter')).toBe('S');
  });
});

import { describe, expect, it } from 'vitest';
import type { CodingResult, SavedCode } from '../../web/src/api/types.js';
import {
  acceptRow,
  addRow,
  mergeReview,
  moveRow,
  rejectRow,
  replaceRow,
  reportedCodes,
  toSave,
} from '../../web/src/lib/review.js';

const span = (start: number, end: number) => ({ start, end, text: 'x'.repeat(end - start) });
const rationale = { indexPath: ['Diabetes'], tabularNotes: [], guidelines: [] };
const suggestion: CodingResult = {
  codes: [
    {
      code: 'I10',
      title: 'Essential hypertension',
      sequence: 2,
      evidence: [span(5, 17)],
      rationale,
      confidence: 0.9,
    },
    {
      code: 'E11.22',
      title: 'T2DM with CKD',
      sequence: 1,
      evidence: [span(0, 4)],
      rationale,
      confidence: 0.8,
    },
    {
      code: 'Z79.4',
      title: 'Long term insulin',
      sequence: 3,
      evidence: [span(20, 27)],
      rationale,
      confidence: 0.7,
    },
  ],
  queries: [],
  warnings: [],
  release: { fiscalYear: 2025 },
};

describe('mergeReview', () => {
  it('lists the engine codes in sequence, all to review, when nothing is saved', () => {
    const rows = mergeReview(suggestion, []);
    expect(rows.map((r) => [r.code, r.sequence, r.status, r.proposed])).toEqual([
      ['E11.22', 1, 'pending', 'E11.22'],
      ['I10', 2, 'pending', 'I10'],
      ['Z79.4', 3, 'pending', 'Z79.4'],
    ]);
    expect(toSave(rows)).toEqual([]);
  });

  it('matches saved decisions to proposals (replaced by `proposed`) and appends coder-added codes', () => {
    const saved: SavedCode[] = [
      {
        code: 'E11.22',
        title: 'T2DM with CKD',
        sequence: 1,
        status: 'accepted',
        proposed: 'E11.22',
        evidence: [],
      },
      {
        code: 'I11.9',
        title: 'Hypertensive heart disease',
        sequence: 2,
        status: 'replaced',
        proposed: 'I10',
        evidence: [],
      },
      { code: 'N18.31', title: 'CKD 3a', sequence: 3, status: 'added', proposed: null, evidence: [] },
    ];
    const rows = mergeReview(suggestion, saved);
    expect(rows.map((r) => [r.key, r.code, r.status])).toEqual([
      ['E11.22', 'E11.22', 'accepted'],
      ['I10', 'I11.9', 'replaced'],
      ['Z79.4', 'Z79.4', 'pending'],
      ['+N18.31', 'N18.31', 'added'],
    ]);
    // The replaced code keeps the engine's evidence so its highlight stays on the note.
    expect(rows[1]!.evidence).toEqual([span(5, 17)]);
  });

  it('shows saved codes when the engine has not run', () => {
    const saved: SavedCode[] = [
      { code: 'R51.9', title: 'Headache', sequence: 1, status: 'added', proposed: null, evidence: [] },
    ];
    expect(mergeReview(null, saved).map((r) => r.code)).toEqual(['R51.9']);
  });
});

describe('coder moves', () => {
  const start = mergeReview(suggestion, []);

  it('accept, reject and replace record the engine code in `proposed` and renumber the reported codes', () => {
    let rows = acceptRow(start, 'E11.22');
    rows = rejectRow(rows, 'I10');
    rows = replaceRow(rows, 'Z79.4', 'Z79.84', 'Long term oral hypoglycemics');
    expect(toSave(rows)).toEqual([
      { code: 'E11.22', sequence: 1, status: 'accepted', proposed: 'E11.22' },
      { code: 'Z79.84', sequence: 2, status: 'replaced', proposed: 'Z79.4' },
      { code: 'I10', sequence: 2, status: 'rejected', proposed: 'I10' },
    ]);
    expect(reportedCodes(rows).map((r) => r.code)).toEqual(['E11.22', 'Z79.84']);
  });

  it('replacing with the engine code is an accept, and accepting a replaced row restores the engine code', () => {
    expect(
      replaceRow(start, 'I10', 'I10', 'Essential hypertension').find((r) => r.key === 'I10')!.status,
    ).toBe('accepted');
    const replaced = replaceRow(start, 'I10', 'I11.9', 'Hypertensive heart disease');
    const restored = acceptRow(replaced, 'I10', () => 'Essential hypertension');
    expect(restored.find((r) => r.key === 'I10')).toMatchObject({
      code: 'I10',
      title: 'Essential hypertension',
      status: 'accepted',
    });
  });

  it('adds a code once, before rejected codes; rejecting an added code removes it', () => {
    let rows = rejectRow(start, 'Z79.4');
    rows = addRow(rows, 'N18.31', 'CKD 3a');
    rows = addRow(rows, 'N18.31', 'CKD 3a');
    expect(rows.map((r) => [r.code, r.status, r.sequence])).toEqual([
      ['E11.22', 'pending', 1],
      ['I10', 'pending', 2],
      ['N18.31', 'added', 3],
      ['Z79.4', 'rejected', 3],
    ]);
    expect(rejectRow(rows, '+N18.31').some((r) => r.code === 'N18.31')).toBe(false);
  });

  it('moves codes up and down but never past the ends or into the rejected codes', () => {
    const moved = moveRow(start, 'I10', -1);
    expect(moved.map((r) => [r.code, r.sequence])).toEqual([
      ['I10', 1],
      ['E11.22', 2],
      ['Z79.4', 3],
    ]);
    expect(moveRow(start, 'E11.22', -1)).toEqual(start);
    const withRejected = rejectRow(start, 'Z79.4');
    expect(moveRow(withRejected, 'I10', 1)).toEqual(withRejected);
  });
});

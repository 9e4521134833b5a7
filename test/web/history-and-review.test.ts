import { describe, expect, it } from 'vitest';
import type { EncounterSummary } from '../../web/src/api/types.js';
import { describeAction, describeDetail } from '../../web/src/lib/history.js';
import { pickNextChart } from '../../web/src/lib/next-chart.js';
import { nextToReview, type ReviewRow } from '../../web/src/lib/review.js';

describe('history in words', () => {
  it('says what each event did, without JSON', () => {
    expect(describeAction('suggest')).toBe('ran the coding engine');
    expect(describeAction('query-answered')).toBe('answered a physician query');
    expect(describeAction('some-new-thing')).toBe('some new thing');
    expect(
      describeDetail({
        codes: ['E11.65', 'I10'],
        queries: 1,
        fiscalYear: 2025,
        from: 'new',
        to: 'suggested',
      }),
    ).toBe('codes E11.65, I10; 1 query proposed; FY2025 code set; new → suggested');
    expect(
      describeDetail({
        queryId: 3,
        element: 'stage of chronic kidney disease',
        option: 'Other (please specify)',
        answer: 'stage 3',
      }),
    ).toBe('query 3 about the stage of chronic kidney disease; answer “Other (please specify): stage 3”');
    expect(
      describeDetail({ queryId: 4, kind: 'free-text', element: 'blood pressure', provider: 'drsmith' }),
    ).toBe('query 4 about the blood pressure; free text; to drsmith');
    expect(describeDetail({ from: 3, to: null })).toBe('3 → nobody');
    expect(describeDetail({ override: { reason: 'payer waived', findings: ['R1', 'R2'] } })).toBe(
      'override: reason payer waived, findings R1, R2',
    );
    expect(describeDetail({ claimId: 9 })).toBe('claim id: 9');
    expect(describeDetail({})).toBe('');
    expect(describeDetail('manual note')).toBe('manual note');
    for (const d of [{ a: { b: [1, { c: 2 }] } }, { x: null }, [1, 2]])
      expect(describeDetail(d)).not.toMatch(/[{}"[\]]/);
  });
});

const row = (key: string, status: ReviewRow['status']): ReviewRow => ({
  key,
  code: key,
  title: key,
  sequence: 1,
  status,
  proposed: key,
  evidence: [],
  rationale: null,
  confidence: null,
});

describe('nextToReview', () => {
  it('moves to the next code still to review, wrapping to the top, and stays when none is left', () => {
    const rows = [row('A', 'pending'), row('B', 'accepted'), row('C', 'accepted'), row('D', 'pending')];
    expect(nextToReview(rows, 'B')).toBe('D');
    expect(nextToReview(rows, 'D')).toBe('A');
    expect(nextToReview([row('A', 'accepted'), row('B', 'rejected')], 'A')).toBe('A');
    expect(nextToReview(rows, 'gone')).toBe('A');
  });
});

const chart = (id: number, state: EncounterSummary['state'], open = 0): EncounterSummary => ({
  id,
  patient: { displayName: `P${id}`, age: 50, sex: 'F' },
  dateOfService: '2025-03-02',
  setting: 'outpatient',
  payer: 'Acme',
  state,
  assignee: null,
  createdAt: '2025-03-03T00:00:00Z',
  ageDays: 10,
  codeCount: 0,
  queries: { open, answered: 0 },
});

describe('pickNextChart', () => {
  it('takes the next chart still to code, not this one, one not waiting on a provider first', () => {
    const queue = [chart(1, 'in_review'), chart(2, 'coded'), chart(3, 'in_review', 1), chart(4, 'suggested')];
    expect(pickNextChart(queue, '1')?.id).toBe(4);
    expect(pickNextChart(queue, '4')?.id).toBe(1);
    // Only charts waiting on an answer left: the coder may still work their codes.
    expect(pickNextChart([chart(1, 'in_review'), chart(3, 'in_review', 1)], '1')?.id).toBe(3);
    expect(pickNextChart([chart(1, 'in_review'), chart(2, 'paid')], '1')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { applyEvent, type ClaimEvent, ClaimStateError, newClaimState } from '../../src/claims/state.js';

const run = (events: ClaimEvent[]) =>
  events.reduce((s, e, i) => applyEvent(s, e, 'biller1', `2024-03-0${i + 1}T10:00:00Z`), newClaimState());

describe('claim state machine', () => {
  it('walks draft → validated → submitted → acknowledged → partially paid → appealed → paid, recording who and when', () => {
    const s = run([
      { type: 'validate' },
      { type: 'submit', interchange: 1, group: 2, set: 3 },
      { type: 'accept', source: '999' },
      { type: 'accept', source: '277CA', payerClaimNumber: 'P1' },
      { type: 'adjudicate', outcome: 'partially_paid', remittance: 'TRN 1' },
      { type: 'appeal' },
      { type: 'adjudicate', outcome: 'paid', remittance: 'TRN 2' },
    ]);
    expect(s.status).toBe('paid');
    expect(s.history.map((t) => `${t.from}>${t.to}`)).toEqual([
      'draft>validated',
      'validated>submitted',
      'submitted>acknowledged',
      'acknowledged>acknowledged',
      'acknowledged>partially_paid',
      'partially_paid>appealed',
      'appealed>paid',
    ]);
    expect(s.history[1]).toMatchObject({
      by: 'biller1',
      at: '2024-03-02T10:00:00Z',
      event: { interchange: 1, group: 2, set: 3 },
    });
  });

  it('handles rejection, reversal, correction and void', () => {
    expect(
      run([
        { type: 'validate' },
        { type: 'submit', interchange: 1, group: 2, set: 3 },
        { type: 'reject', source: '277CA', reasons: ['A7:562'] },
        { type: 'edit' },
      ]).status,
    ).toBe('draft');
    const paid = run([
      { type: 'validate' },
      { type: 'submit', interchange: 1, group: 2, set: 3 },
      { type: 'adjudicate', outcome: 'paid', remittance: 'T' },
    ]);
    expect(applyEvent(paid, { type: 'reverse', remittance: 'T2' }, 'x', 't').status).toBe('acknowledged');
    expect(applyEvent(paid, { type: 'correct', replacement: 'PCN-2' }, 'x', 't').status).toBe('corrected');
    expect(applyEvent(paid, { type: 'void', voidClaim: 'PCN-3' }, 'x', 't').status).toBe('voided');
  });

  it('a write-off closes a claim the payer has decided on, and nothing else', () => {
    const sent = run([{ type: 'validate' }, { type: 'submit', interchange: 1, group: 2, set: 3 }]);
    const writeOff = { type: 'write-off', amountCents: 5000, reason: 'bundled' } as const;
    for (const outcome of ['paid', 'partially_paid', 'denied'] as const) {
      const decided = applyEvent(sent, { type: 'adjudicate', outcome, remittance: 'T' }, 'x', 't');
      expect(applyEvent(decided, writeOff, 'x', 't').status).toBe('written_off');
    }
    const appealed = applyEvent(
      applyEvent(sent, { type: 'adjudicate', outcome: 'denied', remittance: 'T' }, 'x', 't'),
      { type: 'appeal' },
      'x',
      't',
    );
    expect(applyEvent(appealed, writeOff, 'x', 't').status).toBe('written_off');
    expect(() => applyEvent(sent, writeOff, 'x', 't')).toThrow(/a submitted claim cannot take "write-off"/);
    const closed = applyEvent(appealed, writeOff, 'x', 't');
    expect(() => applyEvent(closed, writeOff, 'x', 't')).toThrow(ClaimStateError);
  });

  it('refuses moves the life cycle does not allow', () => {
    expect(() => run([{ type: 'adjudicate', outcome: 'paid', remittance: 'T' }])).toThrow(
      new ClaimStateError('draft', 'adjudicate'),
    );
    expect(() => run([{ type: 'validate' }, { type: 'appeal' }])).toThrow(
      /a validated claim cannot take "appeal"/,
    );
    const s = newClaimState();
    applyEvent(s, { type: 'validate' }, 'x', 't');
    expect(s.status).toBe('draft');
  });
});

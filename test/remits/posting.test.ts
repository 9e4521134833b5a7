import { describe, expect, it } from 'vitest';
import { type OurClaim, PostingRefused, planPosting } from '../../src/remits/posting.js';
import { remittanceFromSet } from '../../src/remits/read-835.js';
import { parseX12 } from '../../src/x12/reader.js';
import { billedLine, sample } from './sample-835.js';

const ours = new Map<string, OurClaim>([
  [
    'PCN001',
    {
      patientControlNumber: 'PCN001',
      lines: [
        billedLine(1, '99215', ['25'], 15000, { lineControlNumber: 'L1' }),
        billedLine(2, '81002', [], 10000, { units: 2, lineControlNumber: 'L2' }),
      ],
    },
  ],
]);

describe('posting plan', () => {
  it('posts paid, contractual and patient amounts to the matched lines', () => {
    const [remit] = parseX12(sample()).map(remittanceFromSet);
    const plan = planPosting(remit!, ours);
    expect(plan.unknownClaims).toEqual(['PCN000']);
    const [p] = plan.postings;
    expect(p).toMatchObject({
      patientControlNumber: 'PCN001',
      payerClaimNumber: 'PAYER-CLM-1',
      outcome: 'paid',
      paidCents: 16000,
      patientResponsibilityCents: 4000,
    });
    expect(p!.claimAdjustments).toEqual([{ group: 'PR', reason: '2', amountCents: 2000 }]);
    expect(p!.lines).toEqual([
      // The payer down-coded 99215 to 99214; SVC06 still finds our line 1.
      {
        billedLine: 1,
        method: 'original-procedure',
        paidCents: 10000,
        contractualCents: 5000,
        patientCents: 0,
        denials: [],
      },
      {
        billedLine: 2,
        method: 'line-control-number',
        paidCents: 8000,
        contractualCents: 0,
        patientCents: 2000,
        denials: [],
      },
    ]);
    // Same file, same keys: the store can skip what it has already posted.
    expect(planPosting(remit!, ours).postings.map((x) => x.key)).toEqual(plan.postings.map((x) => x.key));
  });

  it('puts denial adjustments on the worklist with their group, CARC and RARCs', () => {
    const text = sample({ SVC2: 'SVC*HC:81002*100*80**2' }).replace('CAS*CO*45*0*1~\n', 'CAS*CO*50*0*1~\n');
    const [remit] = parseX12(text).map(remittanceFromSet);
    const [p] = planPosting(remit!, ours).postings;
    // CO-50 (medical necessity) with amount 0 is kept on the line as a denial for review.
    expect(p!.lines[1]!.denials).toEqual([{ group: 'CO', reason: '50', amountCents: 0, remarks: [] }]);
  });

  it('refuses a remittance that does not balance: nothing is posted', () => {
    const [remit] = parseX12(sample({ SVC2: 'SVC*HC:81002*100*70**2' })).map(remittanceFromSet);
    expect(() => planPosting(remit!, ours)).toThrow(PostingRefused);
    expect(() => planPosting(remit!, ours)).toThrow(
      /line 2 \(81002\): charge 100 − adjustments 20 = 80, but SVC03 paid is 70/,
    );
  });
});

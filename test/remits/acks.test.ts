import { describe, expect, it } from 'vitest';
import { read277ca } from '../../src/remits/read-277ca.js';
import { read999 } from '../../src/remits/read-999.js';
import { parseX12, readX12File } from '../../src/x12/reader.js';
import { ack999, ca277 } from './ack-fixtures.js';
import { collect, evalX12 } from './support.js';

// The library samples' envelopes often do not add up (a copied IEA02): read them leniently.
const sets = async (rel: string) => collect(readX12File(evalX12(rel), { strict: false }));

describe('999 reader', () => {
  it('reads an accepted group', async () => {
    const [set] = await sets('imsweb-x12-parser/837_5010/x12_999_accepted.txt');
    expect(read999(set!)).toMatchObject({
      functionalId: 'HC',
      groupControlNumber: '17456',
      status: 'accepted',
      sets: [{ type: '837', controlNumber: '0001', status: 'accepted', errors: [] }],
    });
  });

  it('reads a partially accepted group with segment and element errors and their context', async () => {
    const [set] = await sets(
      'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/Acknowledgments/_999/DHS_Wisconsin_Sample.txt',
    );
    const ack = read999(set!);
    expect(ack.status).toBe('partially-accepted');
    expect([ack.setsIncluded, ack.setsReceived, ack.setsAccepted]).toEqual([3, 3, 1]);
    expect(ack.sets.map((s) => s.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(ack.sets[1]!.errors[0]).toMatchObject({
      segmentId: 'CLM',
      segmentPosition: 22,
      code: '8',
      context: ['CLM01:123456789'],
      element: { position: '2', reference: '782', code: '1' },
    });
  });
});

describe('277CA reader', () => {
  it('reads an accepted claim with the payer claim number', async () => {
    const [set] = await sets('imsweb-x12-parser/277_5010/x12_277CA_accepted.txt');
    expect(read277ca(set!).claims).toEqual([
      expect.objectContaining({
        patientControlNumber: '5781',
        status: 'accepted',
        payerClaimNumber: '1107000000014420',
        chargeCents: 12500,
        statuses: [{ category: 'A2', code: '20', date: '2011-03-11', action: 'WQ', amountCents: 12500 }],
      }),
    ]);
  });

  it('reads a rejected claim with its category, status code and entity', async () => {
    const [set] = await sets('imsweb-x12-parser/277_5010/x12_277CA_rejected.txt');
    const [claim] = read277ca(set!).claims;
    expect(claim).toMatchObject({
      patientControlNumber: '3920394930203',
      status: 'rejected',
      serviceDate: '2009-03-11',
    });
    expect(claim!.statuses[0]).toMatchObject({ category: 'A7', code: '562', entity: '85' });
  });
});

describe('999 problems: reported, reading goes on', () => {
  it('reads a complete 999 with no problems', () => {
    const [set] = parseX12(ack999(['AK1*HC*7*005010X222A1', 'AK2*837*0001', 'IK5*A', 'AK9*A*1*1*1']));
    expect(read999(set!)).toMatchObject({ status: 'accepted', problems: [] });
  });

  it('reports a truncated 999: an AK2 without IK5 and no AK9', () => {
    const [set] = parseX12(ack999(['AK1*HC*7*005010X222A1', 'AK2*837*0001', 'AK2*837*0002', 'IK5*R*5']));
    const ack = read999(set!);
    expect(ack.problems).toEqual([
      '999 0001: AK2 for 837 0001 has no IK5 (truncated acknowledgment?)',
      '999 0001: no AK9 functional group response (truncated acknowledgment?)',
    ]);
    expect(ack.sets.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });

  it('reports an unknown code and a segment out of order, and reads the rest', () => {
    const [set] = parseX12(
      ack999([
        'AK1*HC*7*005010X222A1',
        'AK2*837*0001',
        'IK5*Q',
        'IK3*CLM*22**8',
        'AK2*837*0002',
        'IK5*A',
        'AK9*P*2*2*1',
      ]),
    );
    const ack = read999(set!);
    expect(ack.problems).toEqual([
      expect.stringMatching(/^segment 6 IK5 \(IK501\), char \d+: unknown acknowledgment code "Q"$/),
      expect.stringMatching(/^segment 7 IK3, char \d+: IK3 outside an AK2 loop$/),
    ]);
    expect(ack.sets.map((s) => [s.controlNumber, s.status])).toEqual([
      ['0001', 'rejected'],
      ['0002', 'accepted'],
    ]);
    expect(ack.status).toBe('partially-accepted');
  });
});

describe('277CA problems: reported for the claim, the rest is read', () => {
  it('reports a bad STC02 date for that claim only', () => {
    const [set] = parseX12(
      ca277([
        ['A-1', 'STC*A2:20*20240316*WQ*250'],
        ['A-2', 'STC*A2:20*20241399*WQ*100'],
        ['A-3', 'STC*A7:562:85*20240316*U*100'],
      ]),
    );
    const read = read277ca(set!);
    expect(read.problems).toEqual([
      expect.stringMatching(
        /^claim A-2: segment 19 STC \(STC02\), char \d+: date "20241399" is not a valid CCYYMMDD date$/,
      ),
    ]);
    expect(read.claims.map((c) => [c.patientControlNumber, c.status, c.payerClaimNumber])).toEqual([
      ['A-1', 'accepted', 'PAYER-A-1'],
      ['A-3', 'rejected', 'PAYER-A-3'],
    ]);
  });
});

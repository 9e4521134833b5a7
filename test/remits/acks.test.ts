import { describe, expect, it } from 'vitest';
import { read277ca } from '../../src/remits/read-277ca.js';
import { read999 } from '../../src/remits/read-999.js';
import { readX12File } from '../../src/x12/reader.js';
import { collect, evalX12 } from './support.js';

const sets = async (rel: string) => collect(readX12File(evalX12(rel)));

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
    expect(read277ca(set!)).toEqual([
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
    const [claim] = read277ca(set!);
    expect(claim).toMatchObject({
      patientControlNumber: '3920394930203',
      status: 'rejected',
      serviceDate: '2009-03-11',
    });
    expect(claim!.statuses[0]).toMatchObject({ category: 'A7', code: '562', entity: '85' });
  });
});

import { describe, expect, it } from 'vitest';
import { read835 } from '../../src/remits/read-835.js';
import { parseX12, readTransactionSets } from '../../src/x12/reader.js';
import { collect } from '../remits/support.js';

/*
 * readSets reads an all-ASCII chunk of bytes in place (latin1 text, its bytes as the character
 * codes) and sends other chunks, and the chunk after one, through the UTF-8 decoder. Whatever
 * the chunking, the result must be what decoding the whole input at once gives: a character
 * split between chunks, a broken sequence (U+FFFD where it was) and ASCII on either side.
 */

function interchange(name: string): string {
  const body = [
    'ST*835*0001*005010X221A1',
    'BPR*I*80*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240315',
    'TRN*1*0001*1512345678',
    'N1*PR*ACME HEALTH*XV*12345',
    'N1*PE*GOOD CLINIC*XX*1234567893',
    'LX*1',
    'CLP*PCN-1*1*100*80*20*12*PAYER1',
    `NM1*QC*1*${name}*JOSE****MI*W1`,
    'SVC*HC:99213:25*100*80**1',
    'DTM*472*20240301',
    'CAS*PR*2*20',
    'REF*6R*L1',
  ];
  return (
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *240315*1200*^*00501*000000001*0*P*:~\n' +
    'GS*HP*PAYER*CLINIC*20240315*1200*1*X*005010X221A1~\n' +
    `${body.join('~\n')}~\nSE*${body.length + 1}*0001~\nGE*1*1~\nIEA*1*000000001~\n`
  );
}

/** The bytes cut every `size` bytes (copies: each chunk its own Buffer). */
function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(Buffer.from(bytes.subarray(at, at + size)));
  return out;
}

const segmentsOf = (sets: { segments: { id: string; elements: string[] }[] }[]) =>
  sets.map((s) => s.segments.map((seg) => [seg.id, ...seg.elements.slice(1)]));

describe('reading X12 bytes in chunks', () => {
  const cases: Array<[string, Buffer]> = [
    ['ASCII only', Buffer.from(interchange('MENDEZ'))],
    ['a two-byte character', Buffer.from(interchange('MÉNDEZ'))],
    // 0xC3 starts a two-byte character, but ASCII follows: the decoder gives U+FFFD there.
    [
      'a broken sequence',
      Buffer.concat([
        Buffer.from(interchange('M').split('M*JOSE')[0]!),
        Buffer.from([0x4d, 0xc3]),
        Buffer.from(`NDEZ*JOSE${interchange('M').split('M*JOSE')[1]!}`),
      ]),
    ],
  ];

  for (const [what, bytes] of cases) {
    it(`gives what the whole input gives, cut at every size from 1 to 40 bytes (${what})`, async () => {
      const whole = segmentsOf(parseX12(bytes));
      for (let size = 1; size <= 40; size++) {
        expect(segmentsOf(await collect(readTransactionSets(chunks(bytes, size)))), `size ${size}`).toEqual(
          whole,
        );
      }
    });
  }

  it('reads the patient name of a broken sequence as U+FFFD in its place, chunked or not', async () => {
    const bytes = cases[2]![1];
    for (const size of [3, 7, bytes.length]) {
      const [remit] = await collect(read835(chunks(bytes, size)));
      expect(remit!.claims[0]!.patient).toEqual({
        lastName: 'M\uFFFDNDEZ',
        firstName: 'JOSE',
        memberId: 'W1',
      });
    }
  });

  it('reads a two-byte character split between chunks, then ASCII chunks, as one character', async () => {
    const bytes = cases[1]![1];
    const at = bytes.indexOf(0xc3);
    // The É's first byte ends a chunk; the next chunk starts with its second byte.
    const [remit] = await collect(
      read835([bytes.subarray(0, at + 1), bytes.subarray(at + 1, at + 2), bytes.subarray(at + 2)]),
    );
    expect(remit!.claims[0]!.patient!.lastName).toBe('MÉNDEZ');
    expect(remit!.imbalances).toEqual([]);
  });
});

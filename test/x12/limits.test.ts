import { afterEach, describe, expect, it } from 'vitest';
import { read837 } from '../../src/claims/read-837.js';
import { read277ca } from '../../src/remits/read-277ca.js';
import { read835, remittanceFromSet } from '../../src/remits/read-835.js';
import { read999 } from '../../src/remits/read-999.js';
import {
  DEFAULT_MAX_SEGMENTS_PER_SET,
  DEFAULT_MAX_SETS_PER_GROUP,
  parseX12,
  readTransactionSets,
} from '../../src/x12/reader.js';
import { interchange, remit835 } from '../remits/interchange.js';
import { collect, evalX12 } from '../remits/support.js';

/** The same 835 in a 4010 envelope: GS08 004010X091A1 and, as in 4010, no ST03. */
function as4010(text: string): string {
  return text
    .replace('*00501*', '*00401*')
    .replace('*X*005010X221A1', '*X*004010X091A1')
    .replace('ST*835*0001*005010X221A1', 'ST*835*0001');
}

const claim = ['CLP*PCN1*1*100*80**12*C1', 'SVC*HC:99213*100*80**1', 'CAS*CO*45*20'];

describe('X12 version', () => {
  it('reads a 5010 835', () => {
    const [set] = parseX12(remit835('80', claim));
    expect(remittanceFromSet(set!).claims).toHaveLength(1);
  });

  it('refuses a 4010 835 with one line naming the version, before reading its claims', async () => {
    const text = as4010(remit835('80', claim));
    const message =
      /segment 3 ST, char \d+: GS08 version "004010X091A1" is not X12 005010: transaction set 0001 \(835\) cannot be read, only 5010 is supported$/;
    expect(() => parseX12(text).map(remittanceFromSet)).toThrow(message);
    await expect(collect(read835([text]))).rejects.toThrow(message);
    // The streaming reader refuses at ST: a 4010 set with no SE at all fails on the version.
    await expect(collect(read835([text.slice(0, text.indexOf('CLP'))]))).rejects.toThrow(message);
  });

  it('refuses a 4010 version in ST03 and a 4010 interchange without GS08 or ST03', () => {
    const st03 = remit835('80', claim).replace('ST*835*0001*005010X221A1', 'ST*835*0001*004010X091A1');
    expect(() => parseX12(st03).map(remittanceFromSet)).toThrow(
      /ST03 version "004010X091A1" is not X12 005010/,
    );
    const isa = as4010(remit835('80', claim)).replace('*X*004010X091A1', '*X*');
    expect(() => parseX12(isa).map(remittanceFromSet)).toThrow(/ISA12 version "00401" is not X12 005010/);
  });

  it('refuses 4010 999, 277 and 837 sets and a real 4010 sample file', async () => {
    const ack = interchange('997', 'FA', '004010', ['AK1*HC*1', 'AK9*A*1*1*1']);
    expect(() => parseX12(ack).map(read999)).toThrow(/ST03 version "004010" is not X12 005010/);
    const ca = interchange('277', 'HN', '004010X093A1', ['BHT*0085*08*B1*20240316*1000*TH']);
    expect(() => parseX12(ca).map(read277ca)).toThrow(/ST03 version "004010X093A1"/);
    const claimSet = interchange('837', 'HC', '004010X098A1', ['BHT*0019*00*1*20240316*1000*CH']);
    expect(() => parseX12(claimSet).map((s) => read837(s))).toThrow(/ST03 version "004010X098A1"/);
    await expect(
      collect(
        read835(
          evalX12(
            'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_835/_4010/Example1_GripElements.txt',
          ),
        ),
      ),
    ).rejects.toThrow(/GS08 version "004010X091A1" is not X12 005010/);
  });
});

/**
 * An 835 whose one transaction set never ends: ISA/GS/ST/BPR, then `LX*1~` for ever, as a lazy
 * stream of one reused 64 KiB string (so the test itself allocates nothing per chunk). Counts
 * the chunks the reader pulled.
 */
function endlessSet(pulled: { chunks: number }, maxChunks: number): Iterable<string> {
  const head = remit835('0', []).split('LX*1~')[0]!;
  const chunk = 'LX*1~\n'.repeat(65536 / 6);
  return {
    *[Symbol.iterator]() {
      yield head;
      while (pulled.chunks < maxChunks) {
        pulled.chunks++;
        yield chunk;
      }
    },
  };
}

describe('segment cap per transaction set', () => {
  const env = process.env.MEDCODER_X12_MAX_SEGMENTS;
  afterEach(() => {
    if (env === undefined) delete process.env.MEDCODER_X12_MAX_SEGMENTS;
    else process.env.MEDCODER_X12_MAX_SEGMENTS = env;
  });

  it('stops an endless set at the default cap with one clear error, in bounded memory', async () => {
    const pulled = { chunks: 0 };
    // 500 MB offered (as in the out-of-memory report); the cap stops it after ~6 MB.
    const maxChunks = (500 * 1024 * 1024) / 65536;
    const before = process.memoryUsage().rss;
    await expect(collect(read835(endlessSet(pulled, maxChunks)))).rejects.toThrow(
      new RegExp(
        `segment ${DEFAULT_MAX_SEGMENTS_PER_SET + 4} LX, char \\d+: transaction set 0001 has more than ${DEFAULT_MAX_SEGMENTS_PER_SET} segments \\(the per-set limit`,
      ),
    );
    expect(DEFAULT_MAX_SEGMENTS_PER_SET).toBe(1_000_000);
    expect(pulled.chunks).toBeLessThan(maxChunks / 50);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('applies to the collecting reader too, and is configurable by option and environment', async () => {
    const pulled = { chunks: 0 };
    await expect(
      collect(readTransactionSets(endlessSet(pulled, 1000), { maxSegmentsPerSet: 5000 })),
    ).rejects.toThrow(/transaction set 0001 has more than 5000 segments/);
    expect(pulled.chunks).toBe(1);
    process.env.MEDCODER_X12_MAX_SEGMENTS = '12';
    expect(() => parseX12(remit835('80', [...claim, ...claim, ...claim]))).toThrow(
      /segment 16 SVC, char \d+: transaction set 0001 has more than 12 segments/,
    );
    expect(parseX12(remit835('80', claim))).toHaveLength(1);
    process.env.MEDCODER_X12_MAX_SEGMENTS = 'lots';
    expect(() => parseX12(remit835('80', claim))).toThrow(
      /MEDCODER_X12_MAX_SEGMENTS "lots" is not a positive whole number/,
    );
  });
});

describe('sets per group', () => {
  it('stops an endless stream of tiny sets at the cap on remembered control numbers', async () => {
    const head = remit835('0', []).split('ST*835')[0]!;
    let n = 0;
    function* sets() {
      yield head;
      while (n < 100_000) {
        n++;
        yield `ST*999*${n}~AK1*HC*1~AK9*A*1*1*1~SE*4*${n}~`;
      }
    }
    await expect(collect(readTransactionSets(sets(), { maxSetsPerGroup: 1000 }))).rejects.toThrow(
      /segment \d+ ST, char \d+: functional group 1 has more than 1000 transaction sets \(the limit, maxSetsPerGroup\)$/,
    );
    expect(n).toBe(1001);
    expect(DEFAULT_MAX_SETS_PER_GROUP).toBe(1_000_000);
  });
});

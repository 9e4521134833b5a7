import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { read835 } from '../../src/remits/read-835.js';
import { readTransactionSets, readX12File } from '../../src/x12/reader.js';

/*
 * Reading a file by path (fileChunks: 64 KiB reads into one reused buffer) must give what
 * reading the same text in memory gives: across many chunks, with a UTF-8 character split
 * between two chunks, and with an error past the first megabyte.
 */

const CHUNK = 1 << 16;

/**
 * A balanced 835 of `sets` sets of `claims` claims. The claim named by `straddle` gets a REF*EA
 * of the length that makes the É of its patient's name start one byte before a 64 KiB boundary.
 */
function file835(sets: number, claims: number, straddle?: { set: number; claim: number }): string {
  let text =
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *240315*1200*^*00501*000000001*0*P*:~\n' +
    'GS*HP*PAYER*CLINIC*20240315*1200*1*X*005010X221A1~\n';
  for (let s = 1; s <= sets; s++) {
    const ctl = String(s).padStart(4, '0');
    const segments = [
      `ST*835*${ctl}*005010X221A1`,
      `BPR*I*${claims * 80}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240315`,
      `TRN*1*${ctl}*1512345678`,
      'N1*PR*ACME HEALTH*XV*12345',
      'N1*PE*GOOD CLINIC*XX*1234567893',
      'LX*1',
    ];
    for (let c = 0; c < claims; c++) {
      segments.push(`CLP*PCN${ctl}-${c}*1*100*80*20*12*PAYER${ctl}${c}`);
      if (straddle?.set === s && straddle.claim === c) {
        const before = Buffer.byteLength(`${text}${segments.join('~\n')}~\nREF*EA*~\nNM1*QC*1*M`);
        segments.push(`REF*EA*${'X'.repeat((CHUNK - 1 - (before % CHUNK) + CHUNK) % CHUNK)}`);
      }
      segments.push(`NM1*QC*1*MÉNDEZ*JOSÉ****MI*W${c}`, 'SVC*HC:99213*100*80**1', 'DTM*472*20240301');
      segments.push('CAS*PR*2*20', `REF*6R*L${c}`);
    }
    segments.push(`SE*${segments.length + 1}*${ctl}`);
    text += `${segments.join('~\n')}~\n`;
  }
  return `${text}GE*${sets}*1~\nIEA*1*000000001~\n`;
}

function tempFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'medcoder-chunks-')), 'remit.835');
  writeFileSync(file, text);
  return file;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('reading an X12 file by path', () => {
  it('reads a 2.5 MB 835 as the same text in memory reads, a UTF-8 character split between chunks', async () => {
    const text = file835(3, 6000, { set: 2, claim: 2000 });
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(2.5 * (1 << 20));
    // The É of claim 2000 of set 2 starts on the last byte of a 64 KiB chunk (past 1 MiB).
    const e = bytes.indexOf('É', bytes.indexOf('CLP*PCN0002-2000*'));
    expect([e % CHUNK, e > 1 << 20]).toEqual([CHUNK - 1, true]);
    const file = tempFile(text);
    const fromFile = await all(read835(file));
    expect(fromFile.map((r) => [r.claims.length, r.problems, r.imbalances])).toEqual([
      [6000, [], []],
      [6000, [], []],
      [6000, [], []],
    ]);
    expect(fromFile[1]!.claims[2000]!.patient).toEqual({
      lastName: 'MÉNDEZ',
      firstName: 'JOSÉ',
      memberId: 'W2000',
    });
    expect(fromFile).toEqual(await all(read835([text], { file })));
  });

  it('stops at an envelope error past the first megabyte with the message in-memory reading gives', async () => {
    // Set 2 (past the first megabyte) says one segment too many.
    const text = file835(3, 6000).replace(/SE\*(\d+)\*0002~/, (_, n: string) => `SE*${Number(n) + 1}*0002~`);
    const file = tempFile(text);
    const inMemory = await all(readTransactionSets([text], { file })).catch((e: Error) => e.message);
    expect(inMemory).toMatch(/SE01 says "\d+" segments, the transaction set has \d+$/);
    expect(Buffer.byteLength(text.slice(0, text.indexOf('*0002~\nST*835*0003')))).toBeGreaterThan(1 << 20);
    await expect(all(readX12File(file))).rejects.toThrow(inMemory as string);
    await expect(all(read835([text], { file }))).rejects.toThrow(inMemory as string);
    await expect(all(read835(file))).rejects.toThrow(inMemory as string);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { read837 } from '../../src/claims/read-837.js';
import { read277ca } from '../../src/remits/read-277ca.js';
import { read835, remittanceFromSet } from '../../src/remits/read-835.js';
import { read999 } from '../../src/remits/read-999.js';
import { X12Error } from '../../src/x12/errors.js';
import { parseX12, readTransactionSets } from '../../src/x12/reader.js';
import { evalX12 } from '../remits/support.js';

const SAMPLES = [
  'pyx12/835_mult_loops.txt',
  'tastypackets-x12-parser/profee.edi',
  'edi-835-parser/united_healthcare_legacy_sample.txt',
  'edi-835-parser/blue_cross_nc_sample.txt',
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_835/_5010/ExampleFromNth.txt',
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_837P/_5010/Example3_COB.txt',
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_837P/_5010/MedicaidExample.txt',
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_837I/_5010/Spec_3.1.2_TwoClaimsForTheSameProvider.txt',
  'imsweb-x12-parser/837_5010/x223-test.txt',
  'imsweb-x12-parser/837_5010/x12_valid_different_separators.txt',
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/Acknowledgments/_999/DHS_Wisconsin_Sample.txt',
  'imsweb-x12-parser/277_5010/x12_277CA_rejected.txt',
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_270/_5010/Example1_IG_0x1D.txt',
].map((rel) => readFileSync(evalX12(rel), 'utf8'));

/** Characters that matter to a parser: every delimiter seen in the samples, digits, whitespace, junk. */
const NASTY = [
  '*',
  ':',
  '~',
  '^',
  '|',
  '>',
  '_',
  '\n',
  '\r',
  '\x1d',
  ' ',
  '0',
  '9',
  '-',
  '.',
  'A',
  'Z',
  '\u0000',
  'é',
  'ISA',
  'SE*',
  'HL*',
  'CLP*',
];

type Mutation = { kind: 'set' | 'delete' | 'dup' | 'truncate'; at: number; len: number; text: string };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'set', 'delete', 'dup', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  len: fc.integer({ min: 1, max: 40 }),
  text: fc.constantFrom(...NASTY),
});

function mutate(text: string, mutations: Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * t.length);
    if (m.kind === 'set') t = t.slice(0, at) + m.text + t.slice(at + 1);
    else if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'dup') t = t.slice(0, at + m.len) + t.slice(at, at + m.len) + t.slice(at + m.len);
    else t = t.slice(0, at);
  }
  return t;
}

/** Everything a user can run on a file; returns normally or throws X12Error, nothing else. */
function readAll(text: string): void {
  for (const set of parseX12(text)) {
    if (set.type === '835') remittanceFromSet(set);
    else if (set.type === '837') read837(set);
    else if (set.type === '999') read999(set);
    else if (set.type === '277') read277ca(set);
  }
}

describe('fuzz: mutated real files', () => {
  it('the readers return or throw X12Error, never crash or hang', () => {
    let errors = 0;
    let slowest = 0;
    fc.assert(
      fc.property(
        fc.nat(SAMPLES.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (i, mutations) => {
          const text = mutate(SAMPLES[i]!, mutations);
          const started = performance.now();
          try {
            readAll(text);
          } catch (e) {
            if (!(e instanceof X12Error)) throw e;
            expect(e.message.length).toBeGreaterThan(0);
            errors++;
          }
          slowest = Math.max(slowest, performance.now() - started);
        },
      ),
      { numRuns: 1500, seed: 20240305 },
    );
    // Most mutations break something; a reader that never complains is not looking.
    expect(errors).toBeGreaterThan(300);
    expect(slowest).toBeLessThan(1000);
  });

  it('streaming over random chunk boundaries agrees with whole-text parsing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(SAMPLES.length - 1),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }),
        async (i, sizes) => {
          const text = SAMPLES[i]!;
          const chunks: string[] = [];
          for (let at = 0, k = 0; at < text.length; k++) {
            const size = sizes[k % sizes.length]!;
            chunks.push(text.slice(at, at + size));
            at += size;
          }
          const whole = parseX12(text, { strict: false }).map((s) =>
            s.segments.map((g) => g.elements.join('\u0001')),
          );
          const streamed: string[][] = [];
          for await (const s of readTransactionSets(chunks, { strict: false }))
            streamed.push(s.segments.map((g) => g.elements.join('\u0001')));
          expect(streamed).toEqual(whole);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('the streaming 835 reader agrees with reading the collected set, mutated or not', async () => {
    const samples = SAMPLES.filter((t) => /ST\*835\*/.test(t));
    expect(samples.length).toBeGreaterThan(3);
    const outcome = async (f: () => Promise<unknown>) => {
      try {
        return { value: await f() };
      } catch (e) {
        if (!(e instanceof X12Error)) throw e;
        // What follows "found" is the text at hand, which depends on the chunk boundaries.
        return { error: e.message.replace(/, found ".*$/, '') };
      }
    };
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(samples.length - 1),
        fc.array(mutation, { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 1, max: 500 }),
        fc.boolean(),
        async (i, mutations, size, strict) => {
          const text = mutate(samples[i]!, mutations);
          const chunks: string[] = [];
          for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
          const collected = await outcome(async () =>
            parseX12(text, { strict }).map((set) => (set.type === '835' ? remittanceFromSet(set) : set.type)),
          );
          const streamed = await outcome(async () => {
            const out: unknown[] = [];
            for await (const r of read835(chunks, { strict })) out.push(r);
            return out;
          });
          if (collected.error) errors++;
          // The streaming reader refuses a wrong type or version at ST, before the rest of the
          // set is checked; the collected set is refused as well, perhaps for something later.
          if (streamed.error && /is a .*, not a 835|is not X12 005010/.test(streamed.error)) {
            const other = (collected.value as unknown[] | undefined)?.some((v) => typeof v === 'string');
            expect(Boolean(collected.error) || other).toBe(true);
          } else expect(streamed).toEqual(collected);
        },
      ),
      { numRuns: 600, seed: 835 },
    );
    expect(errors).toBeGreaterThan(50);
  });
});

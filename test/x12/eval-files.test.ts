import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { read837 } from '../../src/claims/read-837.js';
import { read277ca } from '../../src/remits/read-277ca.js';
import { remittanceFromSet } from '../../src/remits/read-835.js';
import { read999 } from '../../src/remits/read-999.js';
import { buildLoops } from '../../src/x12/loops.js';
import { parseX12, type TransactionSet } from '../../src/x12/reader.js';
import { SPEC_835, spec837For } from '../../src/x12/specs.js';
import { evalX12 } from '../remits/support.js';

const root = evalX12('INDEX.tsv').replace(/INDEX\.tsv$/, '');

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (!/\.(md|tsv|html)$|^LICENSE/.test(name)) yield path;
  }
}

/** Every typed reader that applies to a set: what a user of `medcoder x12 parse` gets. */
function readTyped(set: TransactionSet): void {
  if (set.type === '835') remittanceFromSet(set);
  else if (set.type === '837') {
    buildLoops(spec837For(set.implementation), set.segments);
    read837(set);
  } else if (set.type === '999' || set.type === '997') read999(set);
  else if (set.type === '277') read277ca(set);
}

/** Files that are broken on purpose or truncated, and what is wrong with them. */
const BROKEN: Record<string, RegExp> = {
  'imsweb-x12-parser/837_5010/x12_bad_segment_identifier.txt': /segment 6, char 280: "" is not a segment id/,
  'imsweb-x12-parser/837_5010/x12_no_isa_line.txt': /expected an ISA segment at the start of the input/,
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_277/_5010/FromBogeyone.txt':
    /transaction set 0001 has no SE/,
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_837P/_5010/UnicodeExample.txt':
    /transaction set 000000001 has no SE/,
  // A sample with junk values (ISA12 343434, STC02 date 5454545).
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_277/_5010/FromLatitude81uk.txt':
    /segment 26 STC \(STC02\), char 982: date "5454545" is not a valid CCYYMMDD date/,
};

describe('every X12 sample in ../shared/eval', () => {
  const files = [...walk(root)];
  it('finds the 114 files of the index', () => {
    expect(files.filter((f) => !f.endsWith('.pdf'))).toHaveLength(114);
  });
  it.each(files.map((f) => [f.slice(root.length)]))('%s', (rel) => {
    const bytes = readFileSync(join(root, rel));
    const broken = BROKEN[rel];
    if (broken) {
      expect(() => parseX12(bytes).forEach(readTyped)).toThrow(broken);
      return;
    }
    const sets = parseX12(bytes);
    sets.forEach(readTyped);
    if (rel.includes('TA1') || rel.includes('TechnicalAcknowledgment')) expect(sets).toHaveLength(0);
    else expect(sets.length).toBeGreaterThan(0);
  });
});

describe('loops of the 837 samples', () => {
  it('nests the TR3 example: 2000A > 2000B > 2000C > 2300 > 2400', () => {
    const [set] = parseX12(
      readFileSync(
        evalX12(
          'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_837P/_5010/Example1_HealthInsurance.txt',
        ),
      ),
    );
    const loops = buildLoops(spec837For(set!.implementation), set!.segments);
    const ids: string[] = [];
    const visit = (l: typeof loops, depth: number) => {
      ids.push(`${'  '.repeat(depth)}${l.id}`);
      for (const c of l.loops) visit(c, depth + 1);
    };
    visit(loops, 0);
    expect(ids.join('\n')).toMatchInlineSnapshot(`
      "header
        1000A
        1000B
        2000A
          2010AA
          2010AB
          2000B
            2010BA
            2010BB
            2000C
              2010CA
              2300
                2400
                2400
                2400
                2400"
    `);
    expect(buildLoops(SPEC_835, [])).toEqual({ id: 'header', segments: [], loops: [] });
  });
});

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
};

/**
 * Sample files whose envelope does not add up (library test data often carries a copied SE01
 * or IEA02): refused by default with this message, read with `strict: false`.
 */
const ENVELOPE: Record<string, string> = {
  'edi-835-parser/blue_cross_nc_sample.txt': 'SE01 says "33" segments, the transaction set has 32',
  'imsweb-x12-parser/277_5010/x12_277_x212.txt': 'IEA02 "842928883" does not match ISA13 000000001',
  'imsweb-x12-parser/837_5010/x12_999_accepted.txt': 'IEA02 "000000001" does not match ISA13 000000286',
  'imsweb-x12-parser/837_5010/x12_ambiguous_loop.txt': 'SE01 says "25" segments, the transaction set has 33',
  'imsweb-x12-parser/837_5010/x12_bad_first_line.txt': 'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_bad_valid_code.txt': 'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_complex.txt': 'SE01 says "25" segments, the transaction set has 147',
  'imsweb-x12-parser/837_5010/x12_loop_errors1_exceeds_max_1_parent.txt':
    'SE01 says "25" segments, the transaction set has 31',
  'imsweb-x12-parser/837_5010/x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt':
    'SE01 says "25" segments, the transaction set has 50',
  'imsweb-x12-parser/837_5010/x12_loop_errors3_missing_loops.txt':
    'SE01 says "25" segments, the transaction set has 19',
  'imsweb-x12-parser/837_5010/x12_many_claims.txt': 'SE01 says "25" segments, the transaction set has 11486',
  'imsweb-x12-parser/837_5010/x12_missing_elements.txt':
    'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_missing_required_loop_in_one_repeat.txt':
    'SE01 says "25" segments, the transaction set has 40',
  'imsweb-x12-parser/837_5010/x12_missing_required_loops_mult_repeats.txt':
    'SE01 says "25" segments, the transaction set has 59',
  'imsweb-x12-parser/837_5010/x12_multiple_gs.txt': 'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_multiple_isa.txt': 'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_multiple_st.txt': 'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_multiple_transactions.txt':
    'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_no_errors.txt': 'SE01 says "25" segments, the transaction set has 41',
  'imsweb-x12-parser/837_5010/x12_segment_errors.txt': 'SE01 says "25" segments, the transaction set has 23',
  'imsweb-x12-parser/837_5010/x12_segments_out_of_order.txt':
    'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_valid.txt': 'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_valid_different_separators.txt':
    'SE01 says "25" segments, the transaction set has 34',
  'imsweb-x12-parser/837_5010/x12_writer_test.txt': 'SE01 says "25" segments, the transaction set has 31',
  'imsweb-x12-parser/837_5010/x223-test.txt': 'SE01 says "25" segments, the transaction set has 48',
  'imsweb-x12-parser/x270_271/x270.txt': 'SE01 says "15" segments, the transaction set has 14',
  'imsweb-x12-parser/x270_271/x271.txt': 'SE01 says "22" segments, the transaction set has 18',
  'node-x12/271.edi': 'functional group 123456 has no GE',
  'oopfactory-x12parser/OopFactory.X12.Hipaa.Tests.Unit/Claims/TestData/InstitutionalClaim5010.txt':
    'SE01 says "43" segments, the transaction set has 78',
  'oopfactory-x12parser/OopFactory.X12.Hipaa.Tests.Unit/Claims/TestData/ProfessionalClaim1.txt':
    'SE01 says "42" segments, the transaction set has 61',
  'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_277/_5010/FromLatitude81uk.txt':
    'ISA13 control number "43434343" is not 9 digits',
  'uhin-x12-parser-library/TA1.edi': 'IEA01 says "1" functional groups, found 0',
};

/**
 * Not 5010 (4010 835/837 files, and samples declaring a made-up GS08 such as "999999X999X9" or
 * "5010"): the typed readers refuse them, naming the version. (The 4010 270/271 samples have no
 * typed reader and are read as segments.)
 */
const NOT_5010 = /_(835|837[IP])\/_4010\/|Claim4010\.txt$|^pyx12\/history\/|_835\/_5010\/Example1\.txt$/;

describe('every X12 sample in ../shared/eval', () => {
  const files = [...walk(root)];
  it('finds the 114 files of the index', () => {
    expect(files.filter((f) => !f.endsWith('.pdf'))).toHaveLength(114);
  });
  it.each(files.map((f) => [f.slice(root.length)]))('%s', (rel) => {
    const bytes = readFileSync(join(root, rel));
    const broken = BROKEN[rel];
    if (broken) {
      expect(() => parseX12(bytes, { strict: false }).forEach(readTyped)).toThrow(broken);
      return;
    }
    if (NOT_5010.test(rel)) {
      expect(() => parseX12(bytes, { strict: false }).forEach(readTyped)).toThrow(
        /version "[^"]*" is not X12 005010: transaction set \S+ \(\d+\) cannot be read, only 5010 is supported/,
      );
      return;
    }
    const envelope = ENVELOPE[rel];
    if (envelope) expect(() => parseX12(bytes).forEach(readTyped)).toThrow(envelope);
    const sets = parseX12(bytes, { strict: !envelope });
    sets.forEach(readTyped);
    if (rel.includes('TA1') || rel.includes('TechnicalAcknowledgment')) expect(sets).toHaveLength(0);
    else expect(sets.length).toBeGreaterThan(0);
  });

  it('reports the 277CA sample with a junk STC02 date for that claim and reads on', () => {
    const [set] = parseX12(
      readFileSync(
        join(
          root,
          'oopfactory-x12parser/OopFactory.X12.Tests.Unit/Parsing/_SampleEdiFiles/INS/_277/_5010/FromLatitude81uk.txt',
        ),
      ),
      { strict: false },
    );
    const read = read277ca(set!);
    expect(read.problems).toEqual([
      expect.stringMatching(
        /^claim \S+: segment 26 STC \(STC02\), char 982: date "5454545" is not a valid CCYYMMDD date$/,
      ),
    ]);
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

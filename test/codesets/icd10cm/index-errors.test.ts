import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';
import { parseIndex } from '../../../src/codesets/icd10cm/index-parser.js';
import { parseTable } from '../../../src/codesets/icd10cm/table-parser.js';
import { codesetFile } from '../../support/stores.js';
import { expectImportError, fixture } from './index-fixtures.js';

// Each fixture is laid out one element per line so the expected line numbers can be read off.
const HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<ICD10CM.index>\n<version>2023</version>\n';
const doc = (...lines: string[]) => `${HEAD}${lines.join('\n')}\n</ICD10CM.index>\n`;
const letterA = ['<letter>', '<title>A</title>'];
const drugHead = [
  '<indexHeading>',
  '<head col="1">Substance</head>',
  '<head col="2">Poisoning Accidental (unintentional)</head>',
  '<head col="6">Adverse effect</head>',
  '</indexHeading>',
];

async function indexError(name: string, content: string, line: number, reason: RegExp) {
  return expectImportError(parseIndex(fixture(name, content), 'disease'), name, line, reason);
}
async function drugError(name: string, content: string, line: number, reason: RegExp) {
  return expectImportError(parseTable(fixture(name, content), 'drug'), name, line, reason);
}

describe('index parser errors name the file, line and reason', () => {
  it('a file cut off in the middle (the FY2023 index truncated after 5,000 lines)', async () => {
    const lines = readFileSync(codesetFile('icd10cm/fy2023/icd10cm_index_2023.xml'), 'utf8').split('\n');
    const name = 'truncated-index.xml';
    // trimEnd: the file has CRLF line ends, and a lone CR left at the end would count as a line break.
    const file = fixture(name, lines.slice(0, 5000).join('\n').trimEnd());
    const err = await expectImportError(parseIndex(file, 'disease'), name, 5000, /unclosed tag/);
    expect(err.message).toMatch(/^truncated-index\.xml:5000:\d+: /);
  });

  // Term content starts on line 7 (mainTerm() on line 6), after a title on line 8 (abasia()).
  const mainTerm = (...inner: string[]) =>
    doc(...letterA, '<mainTerm>', ...inner, '</mainTerm>', '</letter>');
  const abasia = (...rest: string[]) => mainTerm('<title>Abasia</title>', ...rest);
  const artery = (termTag: string) =>
    mainTerm('<title>Aberrant</title>', termTag, '<title>artery</title>', '</term>');
  const cases: Array<[string, string, number, RegExp]> = [
    ['malformed.xml', abasia('<code>F44.4</cod>'), 8, /unexpected close tag/i],
    [
      'level-jump.xml',
      artery('<term level="1">').replace(
        '<title>artery</title>',
        '<title>artery</title>\n<term level="3"><title>basilar</title></term>',
      ),
      10,
      /term level 3 under a level 1 term \(expected 2\)/,
    ],
    ['level-missing.xml', artery('<term>'), 8, /term level \(missing\) under a level 0 term/],
    ['level-text.xml', artery('<term level="one">'), 8, /term level one/],
    [
      'code-first.xml',
      mainTerm('<code>F44.4</code>', '<title>Abasia</title>'),
      7,
      /<code> before the <title>/,
    ],
    ['no-title.xml', mainTerm(), 7, /<mainTerm> without a <title>/],
    ['empty-title.xml', mainTerm('<title>  </title>'), 7, /empty term <title>/],
    [
      'no-letter-title.xml',
      doc('<letter>', '<mainTerm>', '<title>Abasia</title>', '</mainTerm>', '</letter>'),
      5,
      /before the <title> of its letter/,
    ],
    [
      'two-codes.xml',
      abasia('<code>F44.4</code>', '<code>F44.5</code>'),
      9,
      /second <code> in one <mainTerm>/,
    ],
    ['two-sees.xml', abasia('<see>Gait</see>', '<see>Walk</see>'), 9, /second <see>/],
    ['bad-code.xml', abasia('<code>hysterical</code>'), 8, /"hysterical" is not an ICD-10-CM code/],
    ['nested.xml', abasia('<code><b>F44.4</b></code>'), 8, /unexpected element <b> inside <code>/],
    [
      'two-nemods.xml',
      mainTerm('<title>Abasia<nemod>(a)</nemod><nemod>(b)</nemod></title>'),
      7,
      /second <nemod>/,
    ],
    ['warning.xml', abasia('<warning>check</warning>'), 8, /unexpected element <warning> inside <mainTerm>/],
    ['stray.xml', abasia('F44.4'), 9, /unexpected text "F44.4" inside <mainTerm>/],
    [
      'tabular.xml',
      '<?xml version="1.0"?>\n<ICD10CM.tabular>\n</ICD10CM.tabular>\n',
      2,
      /root element is <ICD10CM\.tabular>/,
    ],
    ['cell.xml', abasia('<cell col="2">F44.4</cell>'), 8, /<cell> in an index/],
    ['empty-index.xml', doc(...letterA, '</letter>'), 7, /no <mainTerm>/],
  ];
  it.each(cases)('%s', async (name, content, line, reason) => {
    await indexError(name, content, line, reason);
  });

  it('an empty or missing file', async () => {
    const err = await expectImportError(
      parseIndex(fixture('empty.xml', ''), 'disease'),
      'empty.xml',
      1,
      /root|document|end/i,
    );
    expect(err.message.startsWith('empty.xml:1')).toBe(true);
    await expectImportError(
      parseIndex(fixture('gone', '') + '/nothing.xml', 'disease'),
      'nothing.xml',
      undefined,
      /cannot read/,
    );
  });
});

describe('table parser errors', () => {
  // The term's content starts on line 13 with the drug headings, line (8 + heads) otherwise.
  const acetaminophen = (head: string[], ...term: string[]) =>
    doc(
      ...head,
      '<letter>',
      '<title>A</title>',
      '<mainTerm>',
      '<title>Acetaminophen</title>',
      ...term,
      '</mainTerm>',
      '</letter>',
    );
  const heads = (...h: string[]) => [
    '<indexHeading>',
    ...h.map((x, i) => `<head col="${i + 1}">${x}</head>`),
    '</indexHeading>',
  ];
  const drug = (...term: string[]) => acetaminophen(drugHead, ...term);
  const cases: Array<[string, string, number, RegExp]> = [
    ['col-8.xml', drug('<cell col="8">T39.1X1</cell>'), 13, /<cell col="8"> has no column heading/],
    ['col-3.xml', drug('<cell col="3">T39.1X2</cell>'), 13, /<cell col="3"> has no column heading/],
    ['col-1.xml', drug('<cell col="1">T39.1X1</cell>'), 13, /column 1 is the term itself/],
    ['col-x.xml', drug('<cell col="x">T39.1X1</cell>'), 13, /col="x" is not a column number/],
    [
      'col-twice.xml',
      drug('<cell col="2">T39.1X1</cell>', '<cell col="2">T39.1X1</cell>'),
      14,
      /second <cell col="2">/,
    ],
    ['cell-text.xml', drug('<cell col="2">none</cell>'), 13, /"none" is neither a code nor "--"/],
    [
      'no-headings.xml',
      acetaminophen([]),
      6,
      /this file is the Index to Diseases and Injuries, not the Table of Drugs and Chemicals/,
    ],
    [
      'no-col-1.xml',
      acetaminophen([
        '<indexHeading>',
        '<head col="2">Poisoning Accidental (unintentional)</head>',
        '</indexHeading>',
      ]),
      9,
      /no <head col="1">/,
    ],
    [
      'unknown-table.xml',
      acetaminophen(heads('Procedure', 'Approach')),
      10,
      /unrecognised table headings: Procedure \| Approach/,
    ],
    [
      'head-twice.xml',
      doc('<indexHeading>', '<head col="1">Substance</head>', '<head col="1">Substance</head>'),
      6,
      /second <head col="1">/,
    ],
  ];
  it.each(cases)('%s', async (name, content, line, reason) => {
    await drugError(name, content, line, reason);
  });

  it('the Drug table read as the Neoplasm Table', async () => {
    await expectImportError(
      parseTable(fixture('neo.xml', drug()), 'neoplasm'),
      'neo.xml',
      11,
      /this file is the Table of Drugs and Chemicals, not the Neoplasm Table/,
    );
  });

  it('each real file refuses to be read as another member of the family', async () => {
    await expectImportError(
      parseIndex(codesetFile('icd10cm/fy2025/icd-10-cm-drug-2025.xml'), 'disease'),
      'icd-10-cm-drug-2025.xml',
      4,
      /<indexHeading> in the Index to Diseases and Injuries: this file is a table/,
    );
    await expectImportError(
      parseIndex(codesetFile('icd10cm/fy2025/icd-10-cm-eindex-2025.xml'), 'disease'),
      'icd-10-cm-eindex-2025.xml',
      7,
      /this file is the External Cause of Injuries Index, not the Index to Diseases/,
    );
    await expectImportError(
      parseIndex(codesetFile('icd10cm/fy2023/icd10cm_index_2023.xml'), 'eindex'),
      'icd10cm_index_2023.xml',
      7,
      /this file is the Index to Diseases and Injuries, not the External Cause/,
    );
    await expectImportError(
      parseTable(codesetFile('icd10cm/fy2025/icd-10-cm-neoplasm-2025.xml'), 'drug'),
      'icd-10-cm-neoplasm-2025.xml',
      15,
      /this file is the Neoplasm Table, not the Table of Drugs/,
    );
  });
});

describe('damaged files never crash or hang the parser', () => {
  const good = doc(
    ...drugHead,
    '<letter>',
    '<title>A</title>',
    '<mainTerm>',
    '<title>Acetaminophen<nemod>(paracetamol)</nemod></title>',
    '<cell col="2">T39.1X1</cell>',
    '<cell col="6">T39.1X5</cell>',
    '<term level="1">',
    '<title>with codeine</title>',
    '<see>Codeine</see>',
    '</term>',
    '</mainTerm>',
    '</letter>',
  );

  it('the undamaged fixture parses', async () => {
    const parsed = await parseTable(fixture('good.xml', good), 'drug');
    expect(parsed.terms.map((t) => [t.title, t.nemod, t.cells.length, t.see])).toEqual([
      ['Acetaminophen', '(paracetamol)', 2, null],
      ['with codeine', null, 0, 'Codeine'],
    ]);
  });

  it('any cut or overwritten span gives a result or an ImportError with a line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: good.length }),
        fc.nat({ max: 20 }),
        fc.string({ maxLength: 6 }),
        async (at, drop, insert) => {
          const damaged = good.slice(0, at) + insert + good.slice(at + drop);
          try {
            await parseTable(fixture('damaged.xml', damaged), 'drug');
          } catch (err) {
            expect(err).toBeInstanceOf(ImportError);
            expect((err as ImportError).line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

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

  it('malformed XML', async () => {
    await indexError(
      'malformed.xml',
      doc(...letterA, '<mainTerm>', '<title>Abasia</title>', '<code>F44.4</cod>', '</mainTerm>', '</letter>'),
      8,
      /unexpected close tag|cod/i,
    );
  });

  it('a term level that skips one', async () => {
    await indexError(
      'level-jump.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Aberrant</title>',
        '<term level="1">',
        '<title>artery</title>',
        '<term level="3">',
        '<title>basilar</title>',
        '</term>',
        '</term>',
        '</mainTerm>',
        '</letter>',
      ),
      10,
      /term level 3 under a level 1 term \(expected 2\)/,
    );
  });

  it('a term without a usable level', async () => {
    await indexError(
      'level-missing.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Aberrant</title>',
        '<term>',
        '<title>artery</title>',
        '</term>',
        '</mainTerm>',
        '</letter>',
      ),
      8,
      /term level \(missing\) under a level 0 term/,
    );
    await indexError(
      'level-text.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Aberrant</title>',
        '<term level="one">',
        '<title>artery</title>',
        '</term>',
        '</mainTerm>',
        '</letter>',
      ),
      8,
      /term level one/,
    );
  });

  it('content before the title, a missing title, an empty title', async () => {
    await indexError(
      'code-first.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<code>F44.4</code>',
        '<title>Abasia</title>',
        '</mainTerm>',
        '</letter>',
      ),
      7,
      /<code> before the <title>/,
    );
    await indexError(
      'no-title.xml',
      doc(...letterA, '<mainTerm>', '</mainTerm>', '</letter>'),
      7,
      /<mainTerm> without a <title>/,
    );
    await indexError(
      'empty-title.xml',
      doc(...letterA, '<mainTerm>', '<title>  </title>', '</mainTerm>', '</letter>'),
      7,
      /empty term <title>/,
    );
    await indexError(
      'no-letter-title.xml',
      doc('<letter>', '<mainTerm>', '<title>Abasia</title>', '</mainTerm>', '</letter>'),
      5,
      /before the <title> of its letter/,
    );
  });

  it('a reference given twice, or a code that is not a code', async () => {
    await indexError(
      'two-codes.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Abasia</title>',
        '<code>F44.4</code>',
        '<code>F44.5</code>',
        '</mainTerm>',
        '</letter>',
      ),
      9,
      /second <code> in one <mainTerm>/,
    );
    await indexError(
      'two-sees.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Abasia</title>',
        '<see>Gait</see>',
        '<see>Walk</see>',
        '</mainTerm>',
        '</letter>',
      ),
      9,
      /second <see>/,
    );
    await indexError(
      'bad-code.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Abasia</title>',
        '<code>hysterical</code>',
        '</mainTerm>',
        '</letter>',
      ),
      8,
      /"hysterical" is not an ICD-10-CM code/,
    );
    await indexError(
      'nested.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Abasia</title>',
        '<code><b>F44.4</b></code>',
        '</mainTerm>',
        '</letter>',
      ),
      8,
      /unexpected element <b> inside <code>/,
    );
    await indexError(
      'two-nemods.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Abasia<nemod>(a)</nemod><nemod>(b)</nemod></title>',
        '</mainTerm>',
        '</letter>',
      ),
      7,
      /second <nemod>/,
    );
  });

  it('unknown elements, stray text, wrong root, cells in an index, no terms', async () => {
    await indexError(
      'warning.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Abasia</title>',
        '<warning>check</warning>',
        '</mainTerm>',
        '</letter>',
      ),
      8,
      /unexpected element <warning> inside <mainTerm>/,
    );
    await indexError(
      'stray.xml',
      doc(...letterA, '<mainTerm>', '<title>Abasia</title>', 'F44.4', '</mainTerm>', '</letter>'),
      9,
      /unexpected text "F44.4" inside <mainTerm>/,
    );
    await indexError(
      'tabular.xml',
      '<?xml version="1.0"?>\n<ICD10CM.tabular>\n</ICD10CM.tabular>\n',
      2,
      /root element is <ICD10CM\.tabular>/,
    );
    await indexError(
      'cell.xml',
      doc(
        ...letterA,
        '<mainTerm>',
        '<title>Abasia</title>',
        '<cell col="2">F44.4</cell>',
        '</mainTerm>',
        '</letter>',
      ),
      8,
      /<cell> in an index/,
    );
    await indexError('empty-index.xml', doc(...letterA, '</letter>'), 7, /no <mainTerm>/);
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
  const drug = (...term: string[]) =>
    doc(
      ...drugHead,
      '<letter>',
      '<title>A</title>',
      '<mainTerm>',
      '<title>Acetaminophen</title>',
      ...term,
      '</mainTerm>',
      '</letter>',
    );

  it('cells outside the declared columns, repeated, or neither a code nor "--"', async () => {
    await drugError(
      'col-8.xml',
      drug('<cell col="8">T39.1X1</cell>'),
      13,
      /<cell col="8"> has no column heading/,
    );
    await drugError(
      'col-3.xml',
      drug('<cell col="3">T39.1X2</cell>'),
      13,
      /<cell col="3"> has no column heading/,
    );
    await drugError('col-1.xml', drug('<cell col="1">T39.1X1</cell>'), 13, /column 1 is the term itself/);
    await drugError('col-x.xml', drug('<cell col="x">T39.1X1</cell>'), 13, /col="x" is not a column number/);
    await drugError(
      'col-twice.xml',
      drug('<cell col="2">T39.1X1</cell>', '<cell col="2">T39.1X1</cell>'),
      14,
      /second <cell col="2">/,
    );
    await drugError(
      'cell-text.xml',
      drug('<cell col="2">none</cell>'),
      13,
      /"none" is neither a code nor "--"/,
    );
  });

  it('headings missing, incomplete or naming another table', async () => {
    await drugError(
      'no-headings.xml',
      doc(
        '<letter>',
        '<title>A</title>',
        '<mainTerm>',
        '<title>Acetaminophen</title>',
        '</mainTerm>',
        '</letter>',
      ),
      6,
      /this file is the Index to Diseases and Injuries, not the Table of Drugs and Chemicals/,
    );
    await drugError(
      'no-col-1.xml',
      doc(
        '<indexHeading>',
        '<head col="2">Poisoning Accidental (unintentional)</head>',
        '</indexHeading>',
        '<letter>',
        '<title>A</title>',
        '<mainTerm>',
        '<title>Acetaminophen</title>',
        '</mainTerm>',
        '</letter>',
      ),
      9,
      /no <head col="1">/,
    );
    await drugError(
      'unknown-table.xml',
      doc(
        '<indexHeading>',
        '<head col="1">Procedure</head>',
        '<head col="2">Approach</head>',
        '</indexHeading>',
        '<letter>',
        '<title>A</title>',
        '<mainTerm>',
        '<title>Appendectomy</title>',
        '</mainTerm>',
        '</letter>',
      ),
      10,
      /unrecognised table headings: Procedure \| Approach/,
    );
    await drugError(
      'head-twice.xml',
      doc(
        '<indexHeading>',
        '<head col="1">Substance</head>',
        '<head col="1">Substance</head>',
        '</indexHeading>',
      ),
      6,
      /second <head col="1">/,
    );
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

import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexFile } from '../../../src/codesets/icd10cm/index-model.js';
import { parseTable } from '../../../src/codesets/icd10cm/table-parser.js';
import { codesetFile } from '../../support/stores.js';
import { fixture, indexXml, walk } from './index-fixtures.js';

const count = (parsed: IndexFile, level0: boolean) =>
  parsed.terms.filter((t) => (t.level === 0) === level0).length;
const cellCount = (parsed: IndexFile) => parsed.terms.reduce((n, t) => n + t.cells.length, 0);
const cellsOf = (parsed: IndexFile, ...path: string[]) =>
  Object.fromEntries(walk(parsed, ...path).cells.map((c) => [c.col, c.code]));

describe('parseTable on the FY2025 Table of Drugs and Chemicals', () => {
  let parsed: IndexFile;
  beforeAll(async () => {
    parsed = await parseTable(codesetFile('icd10cm/fy2025/icd-10-cm-drug-2025.xml'), 'drug');
  });

  it('reads 5,177 main terms, 2,251 subterms and the 43,212 cells less the 3,186 "--"', () => {
    expect(parsed.kind).toBe('drug');
    expect(parsed.version).toBe('2025');
    expect(count(parsed, true)).toBe(5177);
    expect(count(parsed, false)).toBe(2251);
    expect(cellCount(parsed)).toBe(43212 - 3186);
    expect(parsed.terms.every((t) => t.cells.every((c) => c.col >= 2 && c.col <= 7))).toBe(true);
  });

  it('keeps the seven column headings in order', () => {
    expect(parsed.headings).toEqual([
      { col: 1, head: 'Substance' },
      { col: 2, head: 'Poisoning Accidental (unintentional)' },
      { col: 3, head: 'Poisoning Intentional self-harm' },
      { col: 4, head: 'Poisoning Assault' },
      { col: 5, head: 'Poisoning Undetermined' },
      { col: 6, head: 'Adverse effect' },
      { col: 7, head: 'Underdosing' },
    ]);
  });

  it('maps Acetaminophen to its poisoning, adverse effect and underdosing codes', () => {
    expect(cellsOf(parsed, 'Acetaminophen')).toEqual({
      2: 'T39.1X1',
      3: 'T39.1X2',
      4: 'T39.1X3',
      5: 'T39.1X4',
      6: 'T39.1X5',
      7: 'T39.1X6',
    });
  });

  it('drops "--" cells and splits modifiers out of substance names', () => {
    expect(walk(parsed, '1-propanol')).toMatchObject({ letter: '#', level: 0 });
    expect(cellsOf(parsed, '1-propanol')).toEqual({ 2: 'T51.3X1', 3: 'T51.3X2', 4: 'T51.3X3', 5: 'T51.3X4' });
    expect(walk(parsed, '2,4-D').nemod).toBe('(dichlorophen-oxyacetic acid)');
  });
});

describe('parseTable on the FY2025 Neoplasm Table', () => {
  let parsed: IndexFile;
  beforeAll(async () => {
    parsed = await parseTable(codesetFile('icd10cm/fy2025/icd-10-cm-neoplasm-2025.xml'), 'neoplasm');
  });

  it('reads 1 main term, 1,938 subterms and the 10,916 cells less the 1,898 "-"', () => {
    expect(count(parsed, true)).toBe(1);
    expect(count(parsed, false)).toBe(1938);
    expect(cellCount(parsed)).toBe(10916 - 1898);
    expect(parsed.headings.map((h) => h.head)).toEqual([
      'Neoplasm',
      'Malignant Primary',
      'Malignant Secondary',
      'Ca in situ',
      'Benign',
      'Uncertain Behavior',
      'Unspecified Behavior',
    ]);
  });

  it('reads the breast row, with codes needing more characters', () => {
    const breast = walk(parsed, 'Neoplasm, neoplastic', 'breast');
    expect(breast).toMatchObject({ level: 1, nemod: '(connective tissue) (glandular tissue) (soft parts)' });
    expect(cellsOf(parsed, 'Neoplasm, neoplastic', 'breast')).toEqual({
      2: 'C50.9-',
      3: 'C79.81',
      4: 'D05.-',
      5: 'D24.-',
      6: 'D48.6-',
      7: 'D49.3',
    });
    expect(cellsOf(parsed, 'Neoplasm, neoplastic')).toMatchObject({ 2: 'C80.1', 7: 'D49.9' });
  });

  it('drops "-" cells and keeps rows that only refer elsewhere', () => {
    expect(
      cellsOf(parsed, 'Neoplasm, neoplastic', 'abdomen, abdominal', 'wall', 'connective tissue'),
    ).toEqual({
      2: 'C49.4',
      3: 'C79.8-',
      5: 'D21.4',
      6: 'D48.1',
      7: 'D49.2',
    });
    expect(walk(parsed, 'Neoplasm, neoplastic', 'abdomen, abdominal', 'wall').seeAlso).toBe(
      'Neoplasm, abdomen, wall, skin',
    );
  });
});

describe('parseTable on small fixtures', () => {
  const heading = (cols: string) => `  <version>2025</version>\n  <indexHeading>${cols}</indexHeading>\n`;

  it('accepts headings in any order and reports them by column', async () => {
    const file = fixture(
      'drug-order.xml',
      indexXml(
        '<letter><title>Z</title><mainTerm><title>Zinc</title><cell col="3">T56.5X2</cell><cell col="2">T56.5X1</cell></mainTerm></letter>',
        heading(
          '<head col="3">Poisoning Intentional self-harm</head><head col="1">Substance</head><head col="2">Poisoning Accidental (unintentional)</head>',
        ),
      ),
    );
    const parsed = await parseTable(file, 'drug');
    expect(parsed.headings.map((h) => h.col)).toEqual([1, 2, 3]);
    expect(parsed.terms[0]?.cells).toEqual([
      { col: 3, code: 'T56.5X2' },
      { col: 2, code: 'T56.5X1' },
    ]);
  });
});

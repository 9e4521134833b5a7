import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TabularList } from '../../../src/codesets/icd10cm/tabular-model.js';
import { parseTabular } from '../../../src/codesets/icd10cm/tabular-parser.js';
import { codesetFile } from '../../support/stores.js';
import { expectImportError, MINI_TABULAR, tabularXml, writeFixture } from './tabular-fixtures.js';

function code(tabular: TabularList, c: string) {
  const found = tabular.codes.find((x) => x.code === c);
  if (!found) throw new Error(`code ${c} not in the tabular`);
  return found;
}

describe('parseTabular on the CMS FY2023 Tabular List', () => {
  let t: TabularList;
  beforeAll(async () => {
    t = await parseTabular(codesetFile('icd10cm/fy2023/icd10cm_tabular_2023.xml'));
  });

  it('reads every chapter, section and diag', () => {
    expect(t.version).toBe('2023');
    expect(t.fiscalYear).toBe(2023);
    expect(t.chapters).toHaveLength(22);
    expect(t.sections).toHaveLength(296);
    expect(t.codes).toHaveLength(45_869);
    expect(t.chapters.map((c) => c.num)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(t.chapters[0]).toMatchObject({
      title: 'Certain infectious and parasitic diseases (A00-B99)',
      firstCode: 'A00',
      lastCode: 'B99',
    });
  });

  it('holds the FY2023-new category Z91.A with its subcodes', () => {
    expect(code(t, 'Z91.A')).toMatchObject({
      parent: 'Z91',
      depth: 2,
      hasChildren: true,
      sectionId: 'Z77-Z99',
    });
    expect(code(t, 'Z91.A10').parent).toBe('Z91.A1');
  });

  it('keeps the notes of E11 by kind, in file order', () => {
    const e11 = code(t, 'E11');
    expect(e11).toMatchObject({
      title: 'Type 2 diabetes mellitus',
      chapterNum: 4,
      sectionId: 'E08-E13',
      depth: 1,
    });
    expect(e11.notes.includes).toEqual([
      'diabetes (mellitus) due to insulin secretory defect',
      'diabetes NOS',
      'insulin resistant diabetes (mellitus)',
    ]);
    expect(e11.notes.useAdditionalCode?.[0]).toBe('code to identify control using:');
    expect(e11.notes.useAdditionalCode).toContain('insulin (Z79.4)');
    expect(e11.notes.excludes1).toContain('type 1 diabetes mellitus (E10.-)');
    expect(e11.notes.excludes1).toHaveLength(8);
    expect(code(t, 'E11.65').title).toBe('Type 2 diabetes mellitus with hyperglycemia');
  });

  it('keeps the 7th-character definition of S72, with the note under character B', () => {
    const s72 = code(t, 'S72');
    const def = s72.sevenChrDef;
    expect(def?.extensions.map((e) => e.char)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
      'G',
      'H',
      'J',
      'K',
      'M',
      'N',
      'P',
      'Q',
      'R',
      'S',
    ]);
    expect(def?.extensions[0]).toEqual({
      char: 'A',
      meaning: 'initial encounter for closed fracture',
      notes: [],
    });
    expect(def?.extensions[1]?.notes).toEqual(['initial encounter for open fracture NOS']);
    expect(s72.notes.sevenChrNote).toEqual([
      'The appropriate 7th character is to be added to all codes from category S72',
    ]);
    // The definition sits on the category only; subcodes inherit it.
    expect(code(t, 'S72.001').sevenChrDef).toBeUndefined();
  });

  it('keeps inclusion terms, placeholder codes and preorder positions', () => {
    expect(code(t, 'A00.0').notes.inclusionTerm).toEqual(['Classical cholera']);
    expect(code(t, 'S06.0X')).toMatchObject({ placeholder: true, parent: 'S06.0', depth: 3 });
    expect(code(t, 'S06.0X1').placeholder).toBe(false);
    t.codes.forEach((c, i) => {
      expect(c.seq).toBe(i);
    });
    const a00 = code(t, 'A00');
    expect(t.codes[a00.seq + 1]?.code).toBe('A00.0');
  });

  it('keeps chapter and section notes', () => {
    const ch1 = t.chapters[0];
    expect(ch1?.notes.includes).toEqual(['diseases generally recognized as communicable or transmissible']);
    expect(ch1?.notes.excludes2).toContain('influenza and other acute respiratory infections (J00-J22)');
    const head = t.sections.find((s) => s.id === 'S00-S09');
    expect(head).toMatchObject({ chapterNum: 19, title: 'Injuries to the head (S00-S09)' });
    expect(head?.notes.includes).toContain('injuries of ear');
    expect(t.introduction.map((i) => i.title)).toContain('Excludes1');
  });
});

describe('parseTabular on the CMS FY2021 Tabular List', () => {
  it('reads all 45,017 diag elements, including the H54.512A nesting quirk, in a couple of seconds', async () => {
    const started = performance.now();
    const file = codesetFile('icd10cm/fy2021/icd10cm_tabular_2021.xml');
    let bytes = 0;
    const t = await parseTabular(file, (b) => {
      bytes = b;
    });
    const ms = performance.now() - started;
    expect(bytes).toBe(statSync(file).size);
    expect(t.fiscalYear).toBe(2021);
    expect(t.codes).toHaveLength(45_017);
    // CMS nests H54.512A under H54.511; the parser keeps the file's hierarchy.
    expect(code(t, 'H54.512A').parent).toBe('H54.511');
    expect(ms).toBeLessThan(5_000);
  });
});

describe('parseTabular on hand-made fixtures', () => {
  it('parses a small tabular completely', async () => {
    const t = await parseTabular(writeFixture('mini.xml', MINI_TABULAR));
    expect(t.fiscalYear).toBe(2099);
    expect(t.chapters.map((c) => [c.num, c.firstCode, c.lastCode])).toEqual([
      [19, 'S02', 'T07'],
      [21, 'Z00', 'Z00'],
    ]);
    expect(t.chapters[0]?.notes.excludes2).toEqual(['birth trauma (P10-P15)']);
    expect(t.sections.map((s) => [s.id, s.chapterNum, s.seq])).toEqual([
      ['S00-S09', 19, 0],
      ['T07-T07', 19, 1],
      ['Z00-Z13', 21, 2],
    ]);
    expect(t.codes.map((c) => `${c.code}:${c.depth}:${c.parent ?? '-'}`)).toEqual([
      'S02:1:-',
      'S02.0:2:S02',
      'S06:1:-',
      'S06.0:2:S06',
      'S06.0X:3:S06.0',
      'S06.0X1:4:S06.0X',
      'S06.0X7:4:S06.0X',
      'T07:1:-',
      'Z00:1:-',
      'Z00.0:2:Z00',
      'Z00.00:3:Z00.0',
    ]);
  });

  it('accepts the addenda markup inside text, dropping <old> wording', async () => {
    const xml = MINI_TABULAR.replace(
      '<desc>Fracture of vault of skull</desc>',
      '<desc>Fracture of <old>the </old><new>vault</new> of skull</desc>',
    );
    const t = await parseTabular(writeFixture('addenda.xml', xml));
    expect(t.codes[1]?.title).toBe('Fracture of vault of skull');
  });

  /** Line of the last occurrence of `needle` (the changed one, when a fixture repeats a line). */
  const lineOf = (text: string, needle: string) => text.slice(0, text.lastIndexOf(needle)).split('\n').length;

  it('rejects a truncated file at its last line', async () => {
    const cut = MINI_TABULAR.slice(0, MINI_TABULAR.indexOf('<name>S06.0X1</name>'));
    const file = writeFixture('truncated.xml', cut);
    await expectImportError(
      () => parseTabular(file),
      'truncated.xml',
      cut.split('\n').length,
      /unclosed|end/i,
    );
  });

  it('rejects malformed XML with its line', async () => {
    const xml = MINI_TABULAR.replace('</desc>\n        <sevenChrNote>', '</dsc>\n        <sevenChrNote>');
    await expectImportError(
      () => parseTabular(writeFixture('malformed.xml', xml)),
      'malformed.xml',
      lineOf(xml, '</dsc>'),
      /unexpected close tag/i,
    );
  });

  it('rejects a diag without a name', async () => {
    const xml = MINI_TABULAR.replace('<name>S02.0</name>\n', '');
    const err = await expectImportError(
      () => parseTabular(writeFixture('noname.xml', xml)),
      'noname.xml',
      lineOf(xml, '<desc>Fracture of vault of skull</desc>'),
      /<diag> has no <name>/,
    );
    expect(err.column).toBeGreaterThan(0);
  });

  it('rejects a diag outside a section', async () => {
    const xml = tabularXml(
      `  <chapter>\n    <name>1</name>\n    <desc>Chapter</desc>\n    <diag>\n      <name>A00</name>\n      <desc>Cholera</desc>\n    </diag>\n  </chapter>\n`,
    );
    await expectImportError(
      () => parseTabular(writeFixture('nosection.xml', xml)),
      'nosection.xml',
      lineOf(xml, '<diag>'),
      /<diag> outside a section \(inside chapter 1\)/,
    );
  });

  it.each([
    [
      'unknown element',
      '<desc>Intracranial injury</desc>',
      '<desc>Intracranial injury</desc><rubric/>',
      /unexpected <rubric> inside diag S06/,
    ],
    ['bad code', '<name>T07</name>', '<name>T7</name>', /"T7" is not an ICD-10-CM code/],
    ['wrong parent', '<name>S02.0</name>', '<name>S03.0</name>', /S03.0 is nested under S02/],
    ['duplicate code', '<name>Z00</name>', '<name>T07</name>', /code T07 appears twice/],
    ['subcode directly in a section', '<name>T07</name>', '<name>T07.1</name>', /not a 3-character category/],
    [
      'bad 7th character',
      '<extension char="S">sequela</extension>\n        </sevenChrDef>\n      </diag>\n    </section>',
      '<extension char="s!">sequela</extension>\n        </sevenChrDef>\n      </diag>\n    </section>',
      /char "s!"/,
    ],
    ['section without id', '<section id="T07-T07">', '<section>', /without an id/],
    [
      'text where none belongs',
      '<name>S06</name>',
      'stray words <name>S06</name>',
      /unexpected text "stray words"/,
    ],
  ])('rejects a %s with its line', async (label, from, to, reason) => {
    const xml = MINI_TABULAR.replace(from, to);
    expect(xml).not.toBe(MINI_TABULAR);
    const name = `${label.replace(/\W+/g, '-')}.xml`;
    await expectImportError(() => parseTabular(writeFixture(name, xml)), name, lineOf(xml, to), reason);
  });

  it('rejects a file that is not a tabular, and one without a version', async () => {
    await expectImportError(
      () =>
        parseTabular(writeFixture('index.xml', '<?xml version="1.0"?>\n<ICD10CM.index>\n</ICD10CM.index>\n')),
      'index.xml',
      2,
      /root element is <ICD10CM.index>/,
    );
    const xml = MINI_TABULAR.replace('  <version>2099</version>\n', '');
    await expectImportError(
      () => parseTabular(writeFixture('nover.xml', xml)),
      'nover.xml',
      undefined,
      /no <version>/,
    );
  });

  it('names a missing file', async () => {
    await expectImportError(() => parseTabular('/nonexistent/tab.xml'), 'tab.xml', undefined, /cannot read/);
  });
});

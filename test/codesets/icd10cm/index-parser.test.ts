import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexFile } from '../../../src/codesets/icd10cm/index-model.js';
import { parseIndex } from '../../../src/codesets/icd10cm/index-parser.js';
import { codesetFile } from '../../support/stores.js';
import { fixture, indexXml, walk } from './index-fixtures.js';

/** Structural invariants every parsed index must satisfy, whatever the file; lists the ids that break one. */
function expectWellFormed(parsed: IndexFile) {
  const byId = new Map(parsed.terms.map((t) => [t.id, t]));
  const broken: number[] = [];
  parsed.terms.forEach((t, i) => {
    const parent = t.parentId === null ? undefined : byId.get(t.parentId);
    const linked =
      t.level === 0
        ? t.parentId === null
        : parent !== undefined &&
          parent.id < t.id &&
          parent.level === t.level - 1 &&
          parent.letter === t.letter;
    if (t.id !== i + 1 || !linked || (t.title === '' && t.nemod === null)) broken.push(t.id);
  });
  expect(broken).toEqual([]);
}

describe('parseIndex on the FY2023 Index to Diseases and Injuries', () => {
  const file = codesetFile('icd10cm/fy2023/icd10cm_index_2023.xml');
  let parsed: IndexFile;
  const progress: number[] = [];
  let elapsedMs = 0;
  beforeAll(async () => {
    const start = performance.now();
    parsed = await parseIndex(file, 'disease', (n) => progress.push(n));
    elapsedMs = performance.now() - start;
  });

  it('reads every mainTerm and term (8,060 and 72,058, as grep counts them) in a few seconds', () => {
    expect(parsed.kind).toBe('disease');
    expect(parsed.version).toBe('2023');
    expect(parsed.title).toBe('ICD-10-CM INDEX TO DISEASES and INJURIES');
    expect(parsed.headings).toEqual([]);
    expect(parsed.terms.filter((t) => t.level === 0)).toHaveLength(8060);
    expect(parsed.terms.filter((t) => t.level > 0)).toHaveLength(72058);
    expect(new Set(parsed.terms.map((t) => t.letter)).size).toBe(26);
    expect(Math.max(...parsed.terms.map((t) => t.level))).toBe(9);
    expect(parsed.terms.filter((t) => t.code !== null)).toHaveLength(61983);
    expect(parsed.terms.filter((t) => t.nemod !== null)).toHaveLength(12493);
    expect(parsed.terms.filter((t) => t.see !== null)).toHaveLength(12077);
    expect(parsed.terms.filter((t) => t.seeAlso !== null)).toHaveLength(1997);
    expect(parsed.terms.filter((t) => t.manif !== null)).toHaveLength(760);
    expect(parsed.terms.filter((t) => t.subcat !== null)).toHaveLength(130);
    expect(parsed.terms.filter((t) => t.seeCat !== null)).toHaveLength(15);
    expect(parsed.terms.every((t) => t.cells.length === 0)).toBe(true);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('keeps parent links and levels consistent', () => expectWellFormed(parsed));

  it('reports progress up to the file size', () => {
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(statSync(file).size);
  });

  it('follows the subterm path to a combination code', () => {
    expect(walk(parsed, 'Diabetes, diabetic', 'type 2', 'with', 'chronic kidney disease').code).toBe(
      'E11.22',
    );
    const diabetes = walk(parsed, 'Diabetes, diabetic');
    expect(diabetes.nemod).toBe('(mellitus) (sugar)');
    expect(diabetes.letter).toBe('D');
  });

  it('reads Fracture, traumatic with its see-also, codes needing more characters and nested modifiers', () => {
    const fracture = walk(parsed, 'Fracture, traumatic');
    expect(fracture).toMatchObject({
      nemod: '(abduction) (adduction) (separation)',
      seeAlso: 'Fracture, pathological',
      code: 'T14.8',
      level: 0,
    });
    expect(walk(parsed, 'Fracture, traumatic', 'acetabulum').code).toBe('S32.40-');
    const anterior = walk(parsed, 'Fracture, traumatic', 'acetabulum', 'column', 'anterior');
    expect(anterior).toMatchObject({ level: 3, nemod: '(displaced) (iliopubic)', code: 'S32.43-' });
    expect(walk(parsed, 'Fracture, traumatic', 'acetabulum', 'column', 'anterior', 'nondisplaced').code).toBe(
      'S32.436',
    );
    expect(walk(parsed, 'Fracture, traumatic', 'acetabulum', 'column').code).toBeNull();
  });

  it('splits nonessential modifiers out of the title wherever they stand', () => {
    expect(walk(parsed, 'Abasia')).toMatchObject({ nemod: '(-astasia) (hysterical)', code: 'F44.4' });
    expect(walk(parsed, "Aarskog's syndrome").nemod).toBeNull();
    // nemod in the middle: "auricle<nemod>(ear)</nemod>, congenital"
    const auricle = parsed.terms.find((t) => t.title === 'auricle, congenital');
    expect(auricle?.nemod).toBe('(ear)');
    // a title that is only a modifier keeps an empty title
    const electric = walk(parsed, 'Shock', 'electric');
    expect(electric).toMatchObject({ code: 'T75.4' });
    const taser = parsed.terms.filter((t) => t.parentId === electric.id);
    expect(taser).toMatchObject([{ title: '', nemod: '(taser)', code: 'T75.4', level: 2 }]);
    // glued to the word: "(gastro)enteritis"
    expect(
      parsed.terms.some((t) => t.title === 'enteritis' && t.nemod === '(gastro)' && t.code === 'A02.0'),
    ).toBe(true);
  });

  it('reads see references and manifestation codes', () => {
    expect(walk(parsed, 'Abandonment')).toMatchObject({ see: 'Maltreatment', code: null });
    expect(walk(parsed, 'Amyloid heart')).toMatchObject({ nemod: '(disease)', code: 'E85.4', manif: 'I43' });
  });
});

describe('parseIndex on the FY2025 External Cause of Injuries Index', () => {
  let parsed: IndexFile;
  beforeAll(async () => {
    parsed = await parseIndex(codesetFile('icd10cm/fy2025/icd-10-cm-eindex-2025.xml'), 'eindex');
  });

  it('reads 314 main terms and 7,750 subterms', () => {
    expect(parsed).toMatchObject({
      kind: 'eindex',
      version: '2025',
      title: 'ICD-10-CM EXTERNAL CAUSE of INJURIES INDEX',
    });
    expect(parsed.terms.filter((t) => t.level === 0)).toHaveLength(314);
    expect(parsed.terms.filter((t) => t.level > 0)).toHaveLength(7750);
    expect(parsed.terms.filter((t) => t.code !== null)).toHaveLength(6650);
    expectWellFormed(parsed);
  });

  it('spot checks', () => {
    expect(walk(parsed, 'Abandonment NEC')).toMatchObject({
      nemod: '(causing exposure to weather conditions) (with intent to injure or kill)',
      code: 'X58',
    });
    expect(walk(parsed, 'Strangulation')).toMatchObject({ nemod: '(accidental)', seeCat: 'T71', code: null });
    expect(walk(parsed, 'Accident', 'aircraft', 'due to, caused by cataclysm').see).toBe(
      'Forces of nature, by type',
    );
    expect(walk(parsed, 'Accident', 'aircraft').seeAlso).toBe('Accident, transport, aircraft');
  });
});

describe('parseIndex on small fixtures', () => {
  it('collapses whitespace and line breaks inside titles and references', async () => {
    const file = fixture(
      'spaces.xml',
      indexXml(`<letter><title>B</title>
  <mainTerm><title>Big
     toe <nemod>( left )
     (right)</nemod>  pain</title><see>  Pain,
     toe</see></mainTerm>
</letter>
`),
    );
    const parsed = await parseIndex(file, 'disease');
    expect(parsed.terms).toEqual([
      {
        id: 1,
        parentId: null,
        level: 0,
        letter: 'B',
        title: 'Big toe pain',
        nemod: '( left ) (right)',
        code: null,
        manif: null,
        see: 'Pain, toe',
        seeAlso: null,
        seeCat: null,
        subcat: null,
        cells: [],
      },
    ]);
  });

  it('accepts a file without version or title (the XSD allows both out)', async () => {
    const file = fixture(
      'bare.xml',
      indexXml(
        '<letter><title>C</title><mainTerm><title>Cough</title><code>R05.9</code></mainTerm></letter>',
        '',
      ),
    );
    const parsed = await parseIndex(file, 'disease');
    expect(parsed.version).toBeUndefined();
    expect(parsed.title).toBeUndefined();
    expect(parsed.terms.map((t) => t.code)).toEqual(['R05.9']);
  });
});

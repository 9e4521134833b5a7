import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalCaseError, loadCases, parseCase, SPECIALTIES } from '../../eval/cases.js';
import { goldProblems } from '../../eval/check-gold.js';
import { casesDir } from '../../eval/paths.js';
import { checkCode, loadTabularIndex, type TabularIndex } from '../../eval/tabular-validity.js';
import { codesetFile } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'medcoder-gold-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A hand-written slice of the Tabular's shape: a header with leaves, a category-level
// sevenChrDef, a placeholder-X leaf, and a deeper sevenChrDef that overrides nothing above it.
const FIXTURE = `<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular><chapter><name>1</name><desc>Chapter</desc><section id="A00-S99">
<diag><name>A00</name><desc>Cholera</desc>
  <diag><name>A00.0</name><desc>Cholera due to Vibrio cholerae 01, biovar cholerae</desc></diag>
  <diag><name>A00.1</name><desc>Cholera due to Vibrio cholerae 01, biovar eltor</desc></diag>
</diag>
<diag><name>S99</name><desc>Injury</desc>
  <sevenChrDef><extension char="A">initial encounter</extension><extension char="D">subsequent encounter</extension></sevenChrDef>
  <diag><name>S99.1</name><desc>Fracture</desc><diag><name>S99.11</name><desc>Fracture, right</desc></diag></diag>
  <diag><name>S99.2</name><desc>Sprain</desc></diag>
</diag>
<diag><name>T51</name><desc>Toxic effect of alcohol</desc>
  <sevenChrDef><extension char="A">initial encounter</extension></sevenChrDef>
  <diag><name>T51.3</name><desc>Fusel oil</desc><diag><name>T51.3X1</name><desc>Fusel oil, accidental</desc></diag></diag>
</diag>
<diag><name>E08</name><desc>Diabetes due to underlying condition</desc>
  <diag><name>E08.32</name><desc>with mild retinopathy</desc>
    <sevenChrDef><extension char="1">right eye</extension><extension char="3">bilateral</extension></sevenChrDef>
    <diag><name>E08.321</name><desc>with macular edema</desc></diag>
  </diag>
  <diag><name>E08.9</name><desc>without complications</desc></diag>
</diag>
</section></chapter></ICD10CM.tabular>`;

describe('checkCode on a fixture Tabular', () => {
  let index: TabularIndex;
  beforeAll(async () => {
    const file = join(dir, 'tabular.xml');
    writeFileSync(file, FIXTURE);
    index = await loadTabularIndex(file);
  });

  it.each([
    ['A00.0', 'Cholera due to Vibrio cholerae 01, biovar cholerae'],
    ['a000', 'Cholera due to Vibrio cholerae 01, biovar cholerae'],
    ['S99.11XA', 'Fracture, right, initial encounter'],
    ['S99.2XXD', 'Sprain, subsequent encounter'],
    ['T51.3X1A', 'Fusel oil, accidental, initial encounter'],
    ['E08.3213', 'with macular edema, bilateral'],
    ['E08.9', 'without complications'],
  ])('accepts %s', (code, title) => {
    expect(checkCode(index, code)).toMatchObject({ ok: true, title });
  });

  it.each([
    ['A00', /header/],
    ['S99.1', /header/],
    ['S99.11', /needs a 7th character/],
    ['S99.11XS', /7th character S not allowed \(allowed: A, D\)/],
    ['S99.2XA', /not in the Tabular/],
    ['S99.2X1A', /not in the Tabular/],
    ['E08.321A', /7th character A not allowed/],
    ['E08.9XXA', /takes no 7th character/],
    ['B99.9', /not in the Tabular/],
    ['11.22', /not shaped like/],
  ])('rejects %s', (code, reason) => {
    const check = checkCode(index, code);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('fails with the file and line for broken XML', async () => {
    const file = join(dir, 'broken.xml');
    writeFileSync(file, '<ICD10CM.tabular>\n<diag><name>A00</name>\n</chapter>');
    await expect(loadTabularIndex(file)).rejects.toThrow(/broken\.xml:3/);
  });
});

describe("the team's cases", () => {
  it('load, cover every specialty at least 5 times and number at least 60', () => {
    const cases = loadCases(casesDir);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const s of SPECIALTIES)
      expect(cases.filter((c) => c.specialty === s).length).toBeGreaterThanOrEqual(5);
  });

  it('every inpatient case carries PCS gold (an empty list where no procedure is documented)', () => {
    const inpatient = loadCases(casesDir).filter((c) => c.setting === 'inpatient');
    expect(inpatient.filter((c) => c.pcs === undefined).map((c) => c.id)).toEqual([]);
    expect(inpatient.filter((c) => (c.pcs ?? []).length > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('have only gold codes that are reportable in the FY2023 Tabular List', async () => {
    const index = await loadTabularIndex(codesetFile('icd10cm/fy2023/icd10cm_tabular_2023.xml'));
    expect(goldProblems(loadCases(casesDir), index)).toEqual([]);
    // The check itself catches the kinds of mistake it exists for.
    const bad = parseCase(join(dir, 'x-1.json'), {
      id: 'x-1',
      specialty: 'emergency',
      setting: 'outpatient',
      dateOfService: '2023-01-01',
      age: 40,
      sex: 'F',
      text: 'Synthetic note text that is long enough to pass the schema.',
      gold: ['H06.2X3', 'E11.32', 'S52.532', 'S52.532A'].map((code) => ({
        code,
        justification: 'for the test only',
      })),
    });
    expect(goldProblems([bad], index).map((p) => p.code)).toEqual(['H06.2X3', 'E11.32', 'S52.532']);
  }, 120_000);
});

describe('case files', () => {
  const valid = {
    id: 'pc-900',
    specialty: 'primary-care',
    setting: 'outpatient',
    dateOfService: '2023-01-01',
    age: 40,
    sex: 'F',
    text: 'Synthetic note text that is long enough to pass the schema.',
    gold: [{ code: 'I10', justification: 'essential hypertension' }],
  };
  it.each([
    [{ dateOfService: '2023-10-01' }, /dateOfService: outside FY2023/],
    [{ dateOfService: '2023-02-30' }, /dateOfService: not a calendar date/],
    [{ specialty: 'dermatology' }, /specialty/],
    [{ gold: [valid.gold[0], valid.gold[0]] }, /gold: a gold code is listed twice/],
    [{ gold: [{ code: 'i10', justification: 'lower case' }] }, /gold\.0\.code/],
    [{ id: 'pc-901' }, /does not match the file name/],
    [{ pcs: [{ code: '0FT44Z', justification: 'six characters' }] }, /pcs\.0\.code/],
    [{ pcs: [{ code: '0FT44ZO', justification: 'letter O is not a PCS value' }] }, /pcs\.0\.code/],
    [
      {
        pcs: [
          { code: '0FT44ZZ', justification: 'laparoscopic cholecystectomy' },
          { code: '0FT44ZZ', justification: 'laparoscopic cholecystectomy' },
        ],
      },
      /pcs: a PCS code is listed twice/,
    ],
    [
      { em: { code: '99213', addOns: [], modifiers: ['25', '25'], justification: 'placeholder E/M gold' } },
      /em\.modifiers: a modifier is listed twice/,
    ],
  ])('rejects %o', (change, reason) => {
    expect(() => parseCase(join(dir, 'pc-900.json'), { ...valid, ...change })).toThrow(reason);
  });

  it('names the file that is not JSON', () => {
    const sub = mkdtempSync(join(dir, 'cases-'));
    writeFileSync(join(sub, 'pc-900.json'), '{ "id": ');
    expect(() => loadCases(sub)).toThrow(EvalCaseError);
    expect(() => loadCases(sub)).toThrow(/pc-900\.json: not valid JSON/);
  });
});

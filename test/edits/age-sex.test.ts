import { describe, expect, it } from 'vitest';
import { parseTabular } from '../../src/codesets/icd10cm/tabular-parser.js';
import { AgeSexIndex, ageSexEdits } from '../../src/edits/age-sex.js';
import { deriveAgeSexRules } from '../../src/edits/age-sex-derive.js';
import { AGE_SEX_TABLE } from '../../src/edits/age-sex-table.js';
import { resolveLines } from '../../src/edits/claim.js';
import { codesetFile } from '../support/stores.js';
import { claimOf, line } from './helpers.js';

describe('age/sex table', () => {
  it('is exactly what the derivation gives for the FY2023 Tabular List', async () => {
    const tabular = await parseTabular(codesetFile('icd10cm/fy2023/icd10cm_tabular_2023.xml'));
    const derived = deriveAgeSexRules(tabular).map((r) => [r.kind, r.scope, r.evidence]);
    expect(AGE_SEX_TABLE.map((r) => [...r])).toEqual(derived);
  });

  const index = new AgeSexIndex();
  it.each([
    ['O80', ['maternity', 'female']],
    ['Z34.00', ['female', 'maternity']],
    ['P59.9', ['newborn']],
    ['Z38.00', ['newborn']],
    ['N40.0', ['male']],
    ['C61', ['male']],
    ['C50.911', ['female']],
    ['C50.921', ['male']],
    ['N95.1', ['female']],
    ['M81.0', ['adult']],
    ['F93.0', ['pediatric']],
    ['E11.9', []],
    ['Z37.0', ['maternity']],
    ['Z87.61', []],
    ['Y07.03', []],
    ['Q50.01', ['female']],
    ['L08.82', []],
  ])('%s → %j', (code, kinds) => {
    expect(
      index
        .conditions(code)
        .map((c) => c.kind)
        .sort(),
    ).toEqual([...kinds].sort());
  });
});

describe('age/sex edits', () => {
  it.each([
    ['male patient, female code', 'M', '1970-01-01', 'N95.1', ['SEX-FEMALE-ONLY']],
    ['female patient, female code', 'F', '1970-01-01', 'N95.1', []],
    ['unknown sex is not checked', 'U', '1970-01-01', 'C61', []],
    ['female patient, male code', 'F', '1970-01-01', 'C61', ['SEX-MALE-ONLY']],
    ['male patient, pregnancy code', 'M', '1990-01-01', 'O80', ['SEX-FEMALE-ONLY']],
    ['maternity at 11', 'F', '2012-01-01', 'O80', ['AGE-MATERNITY']],
    ['maternity at 12', 'F', '2011-03-15', 'O80', []],
    ['maternity at 55', 'F', '1967-03-16', 'O80', []],
    ['maternity at 56', 'F', '1967-03-15', 'O80', ['AGE-MATERNITY']],
    ['newborn at 0', 'M', '2023-03-01', 'P59.9', []],
    ['newborn code at 1', 'M', '2022-03-01', 'P59.9', ['AGE-NEWBORN']],
    ['pediatric at 17', 'F', '2005-06-01', 'F93.0', []],
    ['pediatric at 30', 'F', '1993-01-01', 'F93.0', ['AGE-PEDIATRIC']],
    ['adult at 14', 'F', '2008-06-01', 'M81.0', ['AGE-ADULT']],
    ['adult at 70', 'F', '1953-01-01', 'M81.0', []],
  ])('%s', (_name, sex, birthDate, code, rules) => {
    const claim = claimOf({
      patient: { sex: sex as 'F' | 'M' | 'U', birthDate },
      diagnoses: [code],
      lines: [line('99213')],
    });
    expect(ageSexEdits(claim, resolveLines(claim)).map((f) => f.rule)).toEqual(rules);
  });
});

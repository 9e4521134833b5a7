import { describe, expect, it } from 'vitest';
import { parseHcpcsRecords } from '../../../src/codesets/hcpcs/parse.js';
import { openLineSource } from '../../../src/codesets/ncci/text-lines.js';
import { billingUnits } from '../../../src/coding/hcpcs/billing-units.js';
import { buildDrugCatalog, drugCodeOf } from '../../../src/coding/hcpcs/drug-catalog.js';
import { parsePerUnitDose } from '../../../src/coding/hcpcs/per-unit.js';
import { codesetFile } from '../../support/stores.js';

describe('the amount per unit in a HCPCS long description', () => {
  it.each([
    ['Injection, ketorolac tromethamine, per 15 mg', 'per', 15, 'mg'],
    ['Injection, ceftriaxone sodium, per 250 mg', 'per', 250, 'mg'],
    ['Injection, dexamethasone sodium phosphate, 1 mg', 'per', 1, 'mg'],
    ['Injection, heparin sodium, (heparin lock flush), per 10 units', 'per', 10, 'units'],
    [
      'Beremagene geperpavec-svdt for topical administration, containing nominal 5 x 10^9 pfu/ml vector genomes, per 0.1 ml',
      'per',
      0.1,
      'mL',
    ],
    ['Injection, cephapirin sodium, up to 1 gm', 'up-to', 1, 'g'],
    ['Injection, erythromycin lactobionate, per 500 mg', 'per', 500, 'mg'],
    ['Injection, penicillin g benzathine, 100,000 units', 'per', 100000, 'units'],
    ['Factor ix, complex, per i.u.', 'per', 1, 'units'],
    ['Injection, levocarnitine, per 1 gm', 'per', 1, 'g'],
    ['Injection, romiplostim, 1 microgram', 'per', 1, 'mcg'],
    ['Injection, interferon, alfa-2a, recombinant, 3 million units', 'per', 3, 'million units'],
    ['Injection, potassium chloride, per 2 meq', 'per', 2, 'mEq'],
    ['Infusion, normal saline solution, sterile (500 ml = 1 unit)', 'per', 500, 'mL'],
    ['Injection, piperacillin sodium/tazobactam sodium, 1 gram/0.125 grams (1.125 grams)', 'per', 1.125, 'g'],
    [
      'Injection, alprostadil, 1.25 mcg (code may be used for medicare when drug administered under the direct supervision of a physician, not for use when drug is self administered)',
      'per',
      1.25,
      'mcg',
    ],
    ['Injection, gamma globulin, intramuscular, over 10 cc', 'over', 10, 'mL'],
  ])('%s', (description, kind, value, unit) => {
    const parsed = parsePerUnitDose(description);
    expect(parsed).toMatchObject({ kind, amount: { value, unit } });
  });

  it('reads a range as one unit inside it', () => {
    expect(
      parsePerUnitDose(
        'Buprenorphine/naloxone, oral, greater than 3 mg, but less than or equal to 6 mg buprenorphine',
      ),
    ).toMatchObject({ kind: 'range', min: { value: 3, unit: 'mg' }, max: { value: 6, unit: 'mg' } });
  });

  it.each([
    'Injection, digoxin immune fab (ovine), per vial',
    'Injection, etranacogene dezaparvovec-drlb, per therapeutic dose',
    'Unclassified drugs',
    'Ethinyl estradiol and etonogestrel 0.015mg, 0.12mg per 24 hours; monthly vaginal ring, each',
    'Injection, torsemide, 10 mg/ml',
  ])('has none for %s', (description) => {
    expect(parsePerUnitDose(description)).toBeNull();
  });
});

describe('billing units: dose ÷ amount per unit, rounded up', () => {
  const per = (value: number, unit: 'mg' | 'g' | 'mcg' | 'mL') =>
    ({ kind: 'per', amount: { value, unit }, text: `per ${value} ${unit}` }) as const;
  it.each([
    [30, 'mg', per(15, 'mg'), 2, '30 mg ÷ 15 mg = 2 → 2 units'],
    [20, 'mg', per(15, 'mg'), 2, '20 mg ÷ 15 mg = 1.3333, rounded up → 2 units'],
    [1, 'g', per(250, 'mg'), 4, '1 g ÷ 0.25 g (250 mg = 0.25 g) = 4 → 4 units'],
    [0.3, 'mg', per(0.1, 'mg'), 3, '0.3 mg ÷ 0.1 mg = 3 → 3 units'],
    [1.1, 'mg', per(0.1, 'mg'), 11, '1.1 mg ÷ 0.1 mg = 11 → 11 units'],
    [5, 'mg', per(15, 'mg'), 1, '5 mg ÷ 15 mg = 0.3333, rounded up → 1 unit'],
  ] as const)('%s %s of %o is %s units', (value, unit, perUnit, units, arithmetic) => {
    const r = billingUnits({ value, unit }, perUnit);
    expect(r).toMatchObject({ ok: true, units, rationale: { arithmetic } });
  });

  it('does not convert a dose in mL to a code billed per mg', () => {
    expect(billingUnits({ value: 2, unit: 'mL' }, per(15, 'mg'))).toEqual({
      ok: false,
      reason: 'unit-mismatch',
    });
  });

  it('bills a range code only for a dose inside it', () => {
    const range = parsePerUnitDose(
      'Buprenorphine/naloxone, oral, greater than 3 mg, but less than or equal to 6 mg',
    );
    if (!range) throw new Error('range not parsed');
    expect(billingUnits({ value: 4, unit: 'mg' }, range)).toMatchObject({ ok: true, units: 1 });
    expect(billingUnits({ value: 8, unit: 'mg' }, range)).toEqual({ ok: false, reason: 'outside-range' });
  });
});

describe('the HCPCS January 2026 file', () => {
  it('gives an amount per unit for 1,018 of the 1,076 J-codes not terminated (1,147 of all 1,209 J records)', async () => {
    const source = await openLineSource(codesetFile('hcpcs/2026/january-2026-alpha-numeric-hcpcs-file.zip'), {
      entry: /ANWEB.*\.txt$/i,
    });
    const jCodes: Array<{
      code: string;
      longDescription: string;
      addedDate: string | null;
      terminationDate: string | null;
    }> = [];
    for await (const r of parseHcpcsRecords(source.lines, source.name)) {
      if (r.kind === 'code' && r.code.startsWith('J')) jCodes.push(r);
    }
    const current = jCodes.filter((r) => r.terminationDate === null);
    expect(jCodes).toHaveLength(1209);
    expect(current).toHaveLength(1076);
    expect(current.filter((r) => parsePerUnitDose(r.longDescription)).length).toBe(1018);
    expect(jCodes.filter((r) => parsePerUnitDose(r.longDescription)).length).toBe(1147);

    // The catalog keeps the drugs a clinic administers and bills by amount.
    const catalog = buildDrugCatalog(current);
    expect(catalog.codes.map((c) => c.code)).toEqual(
      expect.arrayContaining(['J1885', 'J0696', 'J1100', 'J3301']),
    );
    const j1885 = catalog.codes.find((c) => c.code === 'J1885');
    expect(j1885).toMatchObject({
      title: 'Injection, ketorolac tromethamine, per 15 mg',
      salts: ['tromethamine'],
      names: [{ kind: 'generic', anchors: ['ketorolac'] }],
    });
    // Oral, DME inhalation and "per vial" codes are not administered-drug codes here.
    for (const code of ['J8540', 'J7613', 'J1162'])
      expect(catalog.codes.some((c) => c.code === code)).toBe(false);
    // A manufacturer's product is branded; the "not otherwise specified" code is not.
    const epinephrine = ['J0165', 'J0167'].map((code) => catalog.codes.find((c) => c.code === code));
    expect(epinephrine.map((c) => [c?.branded, c?.notOtherwiseSpecified])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('skips a route segment when reading the drug name', () => {
    const entry = drugCodeOf({
      code: 'J3365',
      longDescription: 'Injection, iv, urokinase, 250,000 i.u. vial',
      addedDate: null,
      terminationDate: null,
    });
    expect(entry?.names[0]).toMatchObject({ anchors: ['urokinase'] });
  });
});

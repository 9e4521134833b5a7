import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DerivedCode,
  deriveBillableCodes,
  parseRestriction,
} from '../../../src/codesets/icd10cm/billable.js';
import { type OrderRecord, parseOrderFile } from '../../../src/codesets/icd10cm/order-parser.js';
import type { TabularList } from '../../../src/codesets/icd10cm/tabular-model.js';
import { parseTabular } from '../../../src/codesets/icd10cm/tabular-parser.js';
import { codesetFile } from '../../support/stores.js';
import { MINI_TABULAR, writeFixture } from './tabular-fixtures.js';

/** The first few members of `a` missing from `b`, so a failure shows which codes differ. */
function missing(a: Iterable<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => !b.has(x)).slice(0, 25);
}

/** The order file is ASCII; the tabular writes Sézary, Charcôt … with their accents. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

describe('deriveBillableCodes proved against the FY2021 order file', () => {
  let tabular: TabularList;
  let order: OrderRecord[];
  let derived: DerivedCode[];
  let deriveMs: number;
  beforeAll(async () => {
    tabular = await parseTabular(codesetFile('icd10cm/fy2021/icd10cm_tabular_2021.xml'));
    order = await parseOrderFile(codesetFile('icd10cm/fy2021/icd10cm-order-Jan-2021.txt'));
    const started = performance.now();
    derived = deriveBillableCodes(tabular);
    deriveMs = performance.now() - started;
  });

  it('derives exactly the 72,621 codes valid for submission', () => {
    const valid = new Set(order.filter((r) => r.billable).map((r) => r.code));
    const got = new Set(derived.map((d) => d.code));
    expect(valid.size).toBe(72_621);
    expect(derived).toHaveLength(got.size); // no code derived twice
    expect({ derivedNotValid: missing(got, valid), validNotDerived: missing(valid, got) }).toEqual({
      derivedNotValid: [],
      validNotDerived: [],
    });
    expect(got.size).toBe(72_621);
  });

  it('leaves exactly the order file headers as the non-billable tabular codes', () => {
    const billable = new Set(derived.map((d) => d.code));
    const nonBillable = new Set(tabular.codes.map((c) => c.code).filter((c) => !billable.has(c)));
    const headers = new Set(order.filter((r) => !r.billable).map((r) => r.code));
    expect(headers.size).toBe(95_358 - 72_621);
    expect({ extra: missing(nonBillable, headers), absent: missing(headers, nonBillable) }).toEqual({
      extra: [],
      absent: [],
    });
  });

  it('applies the S06 restriction read from the notes', () => {
    const got = new Set(derived.map((d) => d.code));
    expect(got.has('S06.1X7A')).toBe(true);
    expect(got.has('S06.1X7D')).toBe(false);
    expect(got.has('S06.1X7S')).toBe(false);
    expect(got.has('S06.1X8D')).toBe(false);
    expect(got.has('S06.1X6D')).toBe(true);
  });

  it('writes titles in the order file long-title style', () => {
    const long = new Map(order.map((r) => [r.code, r.longTitle]));
    const differing = derived
      .filter((d) => fold(d.title) !== long.get(d.code))
      .map((d) => [d.code, d.title, long.get(d.code)]);
    expect(differing.slice(0, 10)).toEqual([]);
    expect(derived.find((d) => d.code === 'S72.001A')?.title).toBe(
      'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    );
  });

  it('derives in well under a second', () => {
    expect(deriveMs).toBeLessThan(1_000);
  });
});

describe('deriveBillableCodes on hand-made fixtures', () => {
  it('pads with placeholder X, inherits the definition and honours the restriction note', async () => {
    const tabular = await parseTabular(writeFixture('mini-billable.xml', MINI_TABULAR));
    const derived = deriveBillableCodes(tabular);
    expect(derived.map((d) => d.code)).toEqual([
      'S02.0XXA',
      'S02.0XXB',
      'S06.0X1A',
      'S06.0X1D',
      'S06.0X1S',
      'S06.0X7A',
      'T07.XXXA',
      'T07.XXXS',
      'Z00.00',
    ]);
    expect(derived[0]).toEqual({
      code: 'S02.0XXA',
      base: 'S02.0',
      source: 'derived',
      seventh: 'A',
      title: 'Fracture of vault of skull, initial encounter for closed fracture',
    });
    expect(derived.at(-1)).toEqual({
      code: 'Z00.00',
      base: 'Z00.00',
      source: 'tabular',
      title: 'Encounter for general adult medical examination without abnormal findings',
    });
  });

  it('does not restrict anything when the note is absent', async () => {
    const xml = MINI_TABULAR.replace(/<notes>\s*<note>7th characters D and S[^<]*<\/note>\s*<\/notes>/, '');
    expect(xml).not.toBe(MINI_TABULAR);
    const derived = deriveBillableCodes(await parseTabular(writeFixture('mini-unrestricted.xml', xml)));
    expect(derived.map((d) => d.code)).toContain('S06.0X7D');
  });
});

describe('parseRestriction', () => {
  it('reads the CMS S06 wording', () => {
    const r = parseRestriction(
      '7th characters D and S do not apply to codes in category S06 with 6th character 7 - death due to brain injury prior to regaining consciousness, or 8 - death due to other cause prior to regaining consciousness.',
    );
    expect(r && { ...r, values: [...r.values], chars: [...r.chars] }).toEqual({
      scope: 'S06',
      position: 6,
      values: ['7', '8'],
      chars: ['D', 'S'],
    });
  });

  it('reads a plain list and a subcategory scope', () => {
    const r = parseRestriction(
      '7th character S does not apply to codes in subcategory T40.4 with 6th character 5 or 6',
    );
    expect(r && { ...r, values: [...r.values], chars: [...r.chars] }).toEqual({
      scope: 'T404',
      position: 6,
      values: ['5', '6'],
      chars: ['S'],
    });
  });

  it('ignores notes that are not restrictions', () => {
    expect(
      parseRestriction('The appropriate 7th character is to be added to each code from category S06'),
    ).toBeUndefined();
    expect(parseRestriction('open skull fracture (S02.- with 7th character B)')).toBeUndefined();
  });
});

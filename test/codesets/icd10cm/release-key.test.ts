import { describe, expect, it } from 'vitest';
import {
  effectiveDateFromName,
  fiscalYearFromName,
  fiscalYearWindow,
  releaseKeyFor,
  releaseLabel,
} from '../../../src/codesets/icd10cm/release-key.js';

describe('ICD-10-CM release keys', () => {
  it('gives a fiscal year its October-to-September window', () => {
    expect(fiscalYearWindow(2023)).toEqual({
      fiscalYear: 2023,
      effectiveFrom: '2022-10-01',
      effectiveTo: '2023-09-30',
    });
  });

  it.each([
    ['icd10cm-order-Jan-2021.txt', 2021, '2021-01-01'],
    ['icd10cm-table-index-April-2025.zip', 2025, '2025-04-01'],
    ['icd10cm_tabular_2023.xml', 2023, undefined],
    // A month outside the fiscal year is not an effective date of that year's release.
    ['notes-dec-2023.txt', 2023, undefined],
    ['update_2024-oct.txt', 2025, '2024-10-01'],
  ])('reads the effective date from %s', (name, fy, expected) => {
    expect(effectiveDateFromName(name, fy)).toBe(expected);
  });

  it('reads the fiscal year from a file name', () => {
    expect(fiscalYearFromName('icd10cm_order_2023.txt')).toBe(2023);
    expect(fiscalYearFromName('icd10cm-order-Jan-2021.txt')).toBe(2021);
    expect(fiscalYearFromName('order.txt')).toBeUndefined();
  });

  it('keys a group of files by the latest effective date any of them names', () => {
    const key = releaseKeyFor(2021, ['icd10cm_tabular_2021.xml', 'icd10cm-order-Jan-2021.txt']);
    expect(key).toEqual({ fiscalYear: 2021, effectiveFrom: '2021-01-01', effectiveTo: '2021-09-30' });
    expect(releaseLabel(key)).toBe('ICD-10-CM FY2021 (update effective 2021-01-01)');
    expect(releaseKeyFor(2023, ['icd10cm_tabular_2023.xml']).effectiveFrom).toBe('2022-10-01');
    expect(releaseKeyFor(2023, ['x.xml'], '2023-04-01').effectiveFrom).toBe('2023-04-01');
    expect(releaseLabel(releaseKeyFor(2023, []))).toBe('ICD-10-CM FY2023');
  });
});

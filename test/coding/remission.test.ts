import { describe, expect, it } from 'vitest';
import { HISTORY_STATUS_QUERY } from '../../src/coding/icd10cm/rules/history-family.js';
import type { CodingResult, NoteInput } from '../../src/coding/types.js';
import { importedStores } from '../support/stores.js';
import { engineFor } from './fixtures.js';

/**
 * "In remission" ends most conditions (history), but leukemia, myeloma, major depression and
 * substance dependence have codes for remission itself: there the phrase is the disease's
 * current state and the remission code is reported (I.C.2.d for leukemia and myeloma), not a
 * personal history code and not a query.
 */
const base = { setting: 'outpatient', dateOfService: '2023-03-02', age: 61, sex: 'M' } as const;
const codesOf = (r: CodingResult) => r.codes.map((c) => c.code);

describe.each(importedStores())('"in remission" on $name', (spec) => {
  const engine = engineFor(spec);
  const code = (text: string, over: Partial<NoteInput> = {}) => engine().code({ ...base, text, ...over });

  it('codes leukemia and myeloma in remission with their remission codes, not history', () => {
    const myeloma = code('Assessment: Multiple myeloma in remission.');
    expect(codesOf(myeloma)).toEqual(['C90.01']);
    const all = code('Assessment: Acute lymphoblastic leukemia in remission.');
    expect(codesOf(all)).toEqual(['C91.01']);
    expect(codesOf(all)).not.toContain('Z85.6');
    const cll = code('Assessment: Chronic lymphocytic leukemia in remission. Cough.');
    expect(codesOf(cll)).toEqual(['C91.11', 'R05.9']);
  });

  it('codes recurrent major depression and alcohol dependence in remission as current', () => {
    const mdd = code('Assessment: Major depressive disorder, recurrent, in remission.');
    expect(codesOf(mdd)).toEqual(['F33.40']);
    expect(mdd.queries.some((q) => q.element === HISTORY_STATUS_QUERY)).toBe(false);
    expect(codesOf(code('Assessment: Alcohol dependence, in remission.'))).toEqual(['F10.21']);
  });

  it('keeps "not in remission" current and "history of" history', () => {
    expect(codesOf(code('Assessment: Acute lymphoblastic leukemia, not in remission.'))).toEqual(['C91.00']);
    // "History of" still says the disease is past, whatever else the statement says.
    expect(codesOf(code('Assessment: History of acute lymphoblastic leukemia, in remission.'))).toEqual([
      'Z85.6',
    ]);
  });

  it('reads "in remission" as history where no code reports remission', () => {
    // A solid tumour has no remission code: the cancer is history (Z85.3).
    expect(codesOf(code('Assessment: Breast cancer, in remission.'))).toEqual(['Z85.3']);
    // A chronic disease with neither a remission code nor a history code: the provider is asked.
    const htn = code('Assessment: Hypertension, in remission.');
    expect(codesOf(htn)).toEqual([]);
    expect(htn.queries.find((q) => q.element === HISTORY_STATUS_QUERY)?.affectedCodes).toEqual(['I10']);
  });
});

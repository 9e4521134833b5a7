import { describe, expect, it } from 'vitest';
import { HISTORY_STATUS_QUERY } from '../../src/coding/icd10cm/rules/history-family.js';
import type { CodingResult, NoteInput } from '../../src/coding/types.js';
import { importedStores } from '../support/stores.js';
import { engineFor } from './fixtures.js';

/**
 * The team's decisions on history and medication wording: a chronic disease stated only as
 * "history of" is not coded as current and gets a physician query; a treatment stated as not
 * taken is no long-term drug use; a drug class named for its use is medication, not F19.
 */
const base = { setting: 'outpatient', dateOfService: '2023-03-02', age: 61, sex: 'M' } as const;
const codesOf = (r: CodingResult) => r.codes.map((c) => c.code);

describe.each(importedStores())('history and medication wording on $name', (spec) => {
  const engine = engineFor(spec);
  const code = (text: string, over: Partial<NoteInput> = {}) => engine().code({ ...base, text, ...over });

  it('"Not on insulin" is no long-term insulin use; "on insulin" is', () => {
    const not = code('Assessment:\n1. Type 2 diabetes mellitus without complications. Not on insulin.');
    expect(codesOf(not)).toEqual(['E11.9']);
    for (const text of [
      'Assessment:\n1. Type 2 diabetes mellitus without complications. No longer taking insulin.',
      'Assessment:\n1. Type 2 diabetes mellitus without complications, not currently on insulin.',
    ]) {
      expect(codesOf(code(text)), text).not.toContain('Z79.4');
    }
    expect(
      codesOf(code('Assessment:\n1. Type 2 diabetes mellitus without complications, on insulin.')),
    ).toContain('Z79.4');
  });

  it('"use of oral hypoglycemic drugs" is Z79.84, not F19.90', () => {
    const r = code('Assessment:\n1. Type 2 diabetes mellitus. Use of oral hypoglycemic drugs.');
    expect(codesOf(r)).toContain('Z79.84');
    expect(codesOf(r).some((c) => c.startsWith('F19'))).toBe(false);
    // A psychoactive drug's use is still the Index's "Use, drug".
    expect(codesOf(code('Assessment:\n1. Drug use.'))).toContain('F19.90');
  });

  it('a chronic disease stated only as "history of" is not coded, and the provider is asked', () => {
    const r = code('History of hypertension.\nAssessment: Cough.');
    expect(codesOf(r)).toEqual(['R05.9']);
    const q = r.queries.find((x) => x.element === HISTORY_STATUS_QUERY);
    expect(q?.affectedCodes).toEqual(['I10']);
    expect(q?.question).toMatch(/history of essential \(primary\) hypertension without its current status/);
    expect(q?.evidence[0]?.text).toMatch(/hypertension/i);
  });

  it('no such query when the disease is treated, has a history code, or is current elsewhere', () => {
    const treated = code('History of hypertension, on lisinopril.\nAssessment: Cough.');
    expect(codesOf(treated)).toContain('I10');
    expect(treated.queries.some((x) => x.element === HISTORY_STATUS_QUERY)).toBe(false);
    const cancer = code('History of breast cancer.\nAssessment: Cough.');
    expect(codesOf(cancer)).toContain('Z85.3');
    expect(cancer.queries.some((x) => x.element === HISTORY_STATUS_QUERY)).toBe(false);
    const current = code(
      'History of hypertension.\nAssessment:\n1. Essential hypertension, stable.\n2. Cough.',
    );
    expect(codesOf(current)).toContain('I10');
    expect(current.queries.some((x) => x.element === HISTORY_STATUS_QUERY)).toBe(false);
  });
});

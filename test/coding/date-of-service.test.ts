import { describe, expect, it } from 'vitest';
import {
  applyDateOfService,
  DOS_GUIDELINE,
  hasRemissionSibling,
} from '../../src/coding/icd10cm/date-of-service.js';
import type { CodeSuggestion, CodingResult, NoteInput } from '../../src/coding/types.js';
import { ReleaseCodes } from '../../src/terminology/release-codes.js';
import type { ReleaseChoice, ReleaseInfo } from '../../src/terminology/types.js';
import { importedStores } from '../support/stores.js';
import { engineFor } from './fixtures.js';

const FY2099: ReleaseInfo = {
  id: 99,
  fiscalYear: 2099,
  effectiveFrom: '2098-10-01',
  effectiveTo: '2099-09-30',
  label: 'ICD-10-CM FY2099',
  files: ['codes'],
};
const CODES = ReleaseCodes.fromEntries(FY2099, [
  { code: 'E34', title: 'Other endocrine disorders', billable: false },
  { code: 'E34.0', title: 'Carcinoid syndrome', billable: false },
  { code: 'E34.00', title: 'Carcinoid syndrome, unspecified', billable: true },
  { code: 'E34.01', title: 'Carcinoid heart syndrome', billable: true },
  { code: 'E34.09', title: 'Other carcinoid syndrome', billable: true },
  { code: 'E11', title: 'Type 2 diabetes mellitus', billable: false },
  { code: 'E11.9', title: 'Type 2 diabetes mellitus without complications', billable: true },
  { code: 'E11.A', title: 'Type 2 diabetes mellitus without complications in remission', billable: true },
  { code: 'I10', title: 'Essential (primary) hypertension', billable: true },
]);
const IN_TREE = new Set(['E34.0', 'E11.9', 'I10']);

function suggestion(code: string, title: string, text: string): CodeSuggestion {
  return {
    code,
    title,
    sequence: 1,
    evidence: [{ start: 0, end: text.length, text }],
    rationale: { indexPath: [], tabularNotes: [], guidelines: [] },
    confidence: 0.9,
  };
}

function apply(suggestions: CodeSuggestion[], note: string, outsideWindow = false) {
  const choice: ReleaseChoice = {
    release: FY2099,
    reason: outsideWindow ? 'before-date' : 'date',
    outsideWindow,
  };
  return applyDateOfService(suggestions, {
    dateOfService: '2099-03-01',
    choice,
    codes: CODES,
    inTree: (c) => IN_TREE.has(c),
    statementAround: () => note,
  });
}

describe('checking proposed codes against the release of the date of service', () => {
  it('keeps a code valid on the date, renumbering nothing', () => {
    const r = apply([suggestion('I10', 'Essential (primary) hypertension', 'hypertension')], 'Hypertension.');
    expect(r).toEqual({
      codes: [expect.objectContaining({ code: 'I10', sequence: 1 })],
      queries: [],
      warnings: [],
    });
  });

  it('replaces a code that became a header by the one child the note supports', () => {
    const note = 'Carcinoid heart syndrome.';
    const r = apply([suggestion('E34.0', 'Carcinoid syndrome', note)], note);
    expect(r.codes.map((c) => c.code)).toEqual(['E34.01']);
    expect(r.codes[0]?.rationale.guidelines).toContain(DOS_GUIDELINE);
    expect(r.queries).toEqual([]);
  });

  it('asks for the new specificity when the note supports no child, keeping the unspecified one', () => {
    const note = 'Carcinoid syndrome.';
    const r = apply([suggestion('E34.0', 'Carcinoid syndrome', note)], note);
    expect(r.codes.map((c) => c.code)).toEqual(['E34.00']);
    expect(r.queries).toHaveLength(1);
    expect(r.queries[0]?.question).toMatch(
      /E34\.0 is not valid on 2099-03-01.*E34\.01 Carcinoid heart syndrome/,
    );
    expect(r.queries[0]?.affectedCodes).toEqual(['E34.0']);
  });

  it('takes a code new since the Tabular when the note says what sets it apart', () => {
    const said = 'Type 2 diabetes mellitus without complications, in remission.';
    const dm = (note: string) =>
      apply([suggestion('E11.9', 'Type 2 diabetes mellitus without complications', note)], note).codes[0]
        ?.code;
    expect(dm(said)).toBe('E11.A');
    expect(dm('Type 2 diabetes mellitus without complications.')).toBe('E11.9');
    expect(dm('Type 2 diabetes mellitus without complications, not in remission.')).toBe('E11.9');
  });

  it('knows which codes the release also has "in remission"', () => {
    const title = 'Type 2 diabetes mellitus without complications';
    expect(hasRemissionSibling(CODES, 'E11.9', title)).toBe(true);
    expect(hasRemissionSibling(CODES, 'I10', 'Essential (primary) hypertension')).toBe(false);
    // A sibling that adds more than remission is not this condition in remission.
    expect(hasRemissionSibling(CODES, 'E34.01', 'Carcinoid heart syndrome')).toBe(false);
  });

  it('drops a code the release does not have, with a query, and warns outside every release', () => {
    const r = apply([suggestion('Q99.9', 'Chromosomal abnormality, unspecified', 'x')], 'x', true);
    expect(r.codes).toEqual([]);
    expect(r.queries[0]?.question).toMatch(/Q99\.9 is not a code in ICD-10-CM FY2099/);
    expect(r.warnings[0]).toMatch(/2099-03-01 is outside every imported ICD-10-CM release/);
  });
});

const base = { setting: 'outpatient', age: 60, sex: 'F' } as const;
const codesOf = (r: CodingResult) => r.codes.map((c) => c.code);

describe.each(importedStores())('the coding engine by date of service on $name', (spec) => {
  const engine = engineFor(spec);
  const code = (text: string, dateOfService: string, over: Partial<NoteInput> = {}) =>
    engine().code({ ...base, text, dateOfService, ...over });

  it('codes a FY2023 visit from FY2023 and a FY2026 visit from the FY2026 codes', () => {
    const note = 'Assessment:\n1. Carcinoid syndrome.\n2. Essential hypertension.';
    const old = code(note, '2023-03-01');
    expect(codesOf(old)).toEqual(['E34.0', 'I10']);
    expect(old.dateOfServiceRelease).toMatchObject({ fiscalYear: 2023, outsideWindow: false });
    const now = code(note, '2026-03-01');
    expect(codesOf(now)).toEqual(['E34.00', 'I10']);
    expect(now.queries.some((q) => /E34\.0 is not valid on 2026-03-01/.test(q.question))).toBe(true);
    expect(now.dateOfServiceRelease).toMatchObject({ fiscalYear: 2026, outsideWindow: false });
    expect(now.warnings).toEqual([]);
  });

  it('reaches FY2026 E11.A when the note says the diabetes is in remission', () => {
    const note =
      'Assessment:\n1. Diabetes mellitus type 2 without complications, now in remission after weight loss.';
    expect(codesOf(code(note, '2023-03-01'))).toContain('E11.9');
    expect(codesOf(code(note, '2026-03-01'))).toContain('E11.A');
    // "In remission" alone: a state FY2026 codes (E11.A); before it, the diabetes is stated as
    // ended without its status, so the provider is asked (history-family.ts).
    const remission = 'Assessment:\n1. Type 2 diabetes, in remission.';
    expect(codesOf(code(remission, '2026-03-01'))).toEqual(['E11.A']);
    const before = code(remission, '2025-03-01');
    expect(codesOf(before)).toEqual([]);
    expect(before.queries.map((q) => q.affectedCodes)).toContainEqual(['E11.9']);
  });

  it('warns when the date of service is after every imported release', () => {
    const r = code('Assessment: Essential hypertension.', '2026-12-06');
    expect(codesOf(r)).toEqual(['I10']);
    expect(r.warnings.join(' ')).toMatch(/2026-12-06 is outside every imported ICD-10-CM release/);
  });
});

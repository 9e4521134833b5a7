import { describe, expect, it } from 'vitest';
import { CodingInputError } from '../../src/coding/errors.js';
import type { CodingResult, NoteInput } from '../../src/coding/types.js';
import { importedStores } from '../support/stores.js';
import { engineFor } from './fixtures.js';

const base = { setting: 'outpatient', dateOfService: '2023-03-02', age: 67, sex: 'F' } as const;
const codesOf = (r: CodingResult) => r.codes.map((c) => c.code);

describe.each(importedStores())('coding engine on $name', (spec) => {
  const engine = engineFor(spec);
  const code = (text: string, over: Partial<NoteInput> = {}) => engine().code({ ...base, text, ...over });

  it.each<[string, string, string[]]>([
    [
      'diabetes with CKD links and the stage',
      'Assessment:\n1. Type 2 diabetes mellitus with stage 3 chronic kidney disease.',
      ['E11.22', 'N18.30'],
    ],
    [
      '"with" presumed across statements',
      'HPI: Type 2 DM.\nAssessment:\n1. Diabetic nephropathy? no: CKD stage 4.\n2. Type 2 diabetes.',
      ['E11.22', 'N18.4'],
    ],
    [
      'hypertension with heart failure',
      'Assessment: Hypertension. Chronic diastolic heart failure.',
      ['I11.0', 'I50.32'],
    ],
    ['hypertension with CKD', 'Assessment:\n- HTN\n- CKD stage 4', ['I12.9', 'N18.4']],
    ['abbreviations', 'A/P:\n1. COPD\n2. GERD', ['J44.9', 'K21.9']],
    [
      'family history is not the patient’s disease',
      'FH: Mother had breast cancer.\nAssessment: Routine follow-up. Essential hypertension.',
      ['I10', 'Z80.3'],
    ],
  ])('%s', (_name, text, expected) => {
    const r = code(text);
    for (const c of expected) expect(codesOf(r)).toContain(c);
    expect(codesOf(r).some((c) => c.startsWith('C50'))).toBe(false);
  });

  it('does not code negated, hypothetical or (outpatient) uncertain conditions', () => {
    const r = code(
      'HPI: Denies chest pain. Cough for 3 days.\nAssessment: Probable pneumonia.\nPlan: Return if fever develops.',
    );
    expect(codesOf(r)).toContain('R05.9');
    expect(codesOf(r).some((c) => c.startsWith('J18') || c.startsWith('R07') || c.startsWith('R50'))).toBe(
      false,
    );
  });

  it('codes an uncertain diagnosis as established for inpatients', () => {
    const r = code('Discharge diagnoses:\n1. Probable community acquired pneumonia.', {
      setting: 'inpatient',
    });
    expect(codesOf(r).some((c) => c.startsWith('J18'))).toBe(true);
  });

  it('completes injuries with laterality, placeholder X and the 7th character, and queries a missing side', () => {
    const left = code('Assessment: Sprain of left ankle after a fall, initial encounter.');
    expect(codesOf(left)).toContain('S93.402A');
    const later = code('Assessment: Sprain of left ankle, follow-up visit, healing well.');
    expect(codesOf(later)).toContain('S93.402D');
    const unsided = code('Assessment: Ankle sprain.');
    expect(codesOf(unsided)).toContain('S93.409A');
    expect(unsided.queries.map((q) => q.element)).toContain('laterality');
  });

  it('asks for a side only where the codes differ by side, not by a vessel named "right" (I21.1-)', () => {
    const r = code('Assessment: Acute inferior wall myocardial infarction.');
    expect(codesOf(r)).toContain('I21.19');
    expect(r.queries.map((q) => q.element)).not.toContain('laterality');
  });

  it('codes each side of a bilateral condition that has no bilateral code (I.B.13), and asks nothing', () => {
    const r = code('Assessment:\n1. Pain in both knees.\n2. Sprain of both ankles after a fall.');
    expect(codesOf(r)).toEqual(expect.arrayContaining(['M25.561', 'M25.562', 'S93.401A', 'S93.402A']));
    expect(codesOf(r).some((c) => /^(M25\.569|S93\.409)/.test(c))).toBe(false);
    expect(r.queries.map((q) => q.element)).not.toContain('laterality');
    const bilateral = code('Assessment: Bilateral primary osteoarthritis of the knees.');
    expect(codesOf(bilateral)).toContain('M17.0');
    expect(codesOf(bilateral).some((c) => c.startsWith('M17.1'))).toBe(false);
  });

  it('explains each code: evidence offsets, Index path, guideline', () => {
    const text = 'Assessment:\n1. Type 2 diabetes mellitus with diabetic chronic kidney disease stage 3.';
    const r = code(text);
    const e11 = r.codes.find((c) => c.code === 'E11.22')!;
    expect(e11.sequence).toBe(1);
    for (const e of e11.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(e11.rationale.indexPath[0]).toMatch(/^Diabetes/);
    expect(e11.rationale.tabularNotes.join(' ')).toMatch(/N18/);
    expect(r.codes.find((c) => c.code.startsWith('N18'))!.sequence).toBeGreaterThan(1);
  });

  it('queries the type of diabetes when it is not documented', () => {
    const r = code('Assessment: Diabetes mellitus, uncontrolled.');
    expect(codesOf(r).some((c) => c.startsWith('E11'))).toBe(true);
    expect(r.queries.map((q) => q.element)).toContain('type of diabetes');
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['\u0000\u0001\u0002binary\u0003\u0004\u0005\u0006\u0007\u0008', 'binary'],
    [
      'El paciente presenta dolor torácico y fiebre desde hace tres días, con antecedentes de diabetes.',
      'English',
    ],
  ])('gives an empty result with a reason for %j', (text, reason) => {
    const r = code(text);
    expect(r.codes).toEqual([]);
    expect(r.warnings.join(' ')).toContain(reason);
  });

  it.each([
    'Assessment: Malignant neoplasm of breast, metastatic to liver.',
    'Assessment: Malignant neoplasm of breast with liver metastases.',
  ])("codes a primary site and its spread said in the Tabular's own words: %s", (text) => {
    // Both titles read "… malignant neoplasm of …": neither is a combination code of the other.
    const codes = codesOf(code(text));
    expect(codes).toContain('C78.7');
    expect(codes.some((c) => c.startsWith('C50.91'))).toBe(true);
  });

  it('answers a note the same however many notes came before (lookups it remembers are never changed)', () => {
    const notes = [
      'Assessment: Breast cancer, left upper outer quadrant, metastatic to the liver.',
      'Assessment: Type 2 diabetes mellitus with hyperglycemia, on insulin. Adverse effect of lisinopril: cough.',
      'Assessment: Closed fracture of the neck of the right femur after a fall from a ladder.',
    ];
    const first = notes.map((text) => JSON.stringify(code(text)));
    for (let round = 0; round < 3; round++)
      for (const [i, text] of [...notes.entries()].reverse())
        expect(JSON.stringify(code(text))).toBe(first[i]);
    expect(JSON.parse(first[0]!).codes.length).toBeGreaterThan(1);
  });

  it('throws a typed error for an unknown setting', () => {
    expect(() => code('Assessment: HTN', { setting: 'clinic' as never })).toThrow(CodingInputError);
  });

  it('bounds the work on a 5 MB note', () => {
    const text = 'Assessment: Essential hypertension. Patient stable. '.repeat(100_000);
    const t0 = performance.now();
    const r = code(text);
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.warnings.join(' ')).toMatch(/only the first/);
    expect(codesOf(r)).toContain('I10');
  });
});

import { describe, expect, it } from 'vitest';
import { codeRefs, inRange } from '../../src/coding/icd10cm/candidate.js';
import { combination } from '../../src/coding/icd10cm/rules/combination.js';
import { contextFilter } from '../../src/coding/icd10cm/rules/context-filter.js';
import { copdInfection } from '../../src/coding/icd10cm/rules/copd-infection.js';
import { coronaryAngina } from '../../src/coding/icd10cm/rules/coronary-angina.js';
import { diabetes } from '../../src/coding/icd10cm/rules/diabetes.js';
import { excludes1 } from '../../src/coding/icd10cm/rules/excludes1.js';
import { historyAndFamily } from '../../src/coding/icd10cm/rules/history-family.js';
import { hypertension, hypertensiveCode } from '../../src/coding/icd10cm/rules/hypertension.js';
import { integralSymptoms } from '../../src/coding/icd10cm/rules/integral-symptoms.js';
import { maternalRecord } from '../../src/coding/icd10cm/rules/maternal-record.js';
import { sequencing } from '../../src/coding/icd10cm/rules/sequencing.js';
import { specificityQueries } from '../../src/coding/icd10cm/rules/specificity-queries.js';
import { uncertainDiagnosis } from '../../src/coding/icd10cm/rules/uncertain-diagnosis.js';
import { cand, codes, details, ruleCtx } from './fixtures.js';

const flags = { negated: false, uncertain: false, historical: false, family: false, hypothetical: false };

describe('ranges in Tabular notes', () => {
  it.each([
    ['N18.3', 'N18.1-N18.6', true],
    ['N18.30', 'N18.1-N18.4', true],
    ['N18.9', 'N18.1-N18.6', false],
    ['I50.22', 'I50.-', true],
    ['Z79.4', 'Z79.4', true],
    ['E11.22', 'E08.-', false],
  ])('%s in %s = %s', (code, range, expected) => expect(inRange(code, range)).toBe(expected));
  it('reads code references out of note text', () => {
    expect(codeRefs('code to identify stage of chronic kidney disease (N18.1-N18.6)')).toEqual([
      'N18.1-N18.6',
    ]);
    expect(codeRefs('hypertensive chronic kidney disease (I12.-, I13.-)')).toEqual(['I12.-', 'I13.-']);
  });
});

describe('IV.J context filter', () => {
  it.each([
    [{ negated: true }, []],
    [{ hypothetical: true }, []],
    [{ uncertain: true }, ['J18.9']],
    [{}, ['J18.9']],
  ])('%j → %j', (ctx, expected) => {
    expect(codes(contextFilter([cand('J18.9', { context: { ...flags, ...ctx } })], ruleCtx()))).toEqual(
      expected,
    );
  });
});

describe('I.C.15.a pregnancy codes only on the maternal record', () => {
  const noted = ['Z33.1', 'O99.891', 'Z3A.32', 'Z37.0', 'Z39.2', 'Z36.0', 'J18.9', 'P00.89'].map((c) =>
    cand(c),
  );
  it.each([
    ['F', 30, ['Z33.1', 'O99.891', 'Z3A.32', 'Z37.0', 'Z39.2', 'Z36.0', 'J18.9', 'P00.89']],
    ['U', 12, ['Z33.1', 'O99.891', 'Z3A.32', 'Z37.0', 'Z39.2', 'Z36.0', 'J18.9', 'P00.89']],
    // A child's birth history, a male patient's partner: someone else's pregnancy.
    ['F', 4, ['J18.9', 'P00.89']],
    ['U', 11, ['J18.9', 'P00.89']],
    ['M', 40, ['J18.9', 'P00.89']],
  ] as const)('sex %s, age %i → %j', (sex, age, expected) => {
    expect(codes(maternalRecord(noted, ruleCtx({ sex, age })))).toEqual(expected);
  });
});

describe('uncertain diagnoses (IV.H outpatient, II.H inpatient)', () => {
  const uncertain = cand('J18.9', { context: { ...flags, uncertain: true } });
  const sure = cand('R05.9');
  it('drops uncertain diagnoses for outpatients', () => {
    expect(codes(uncertainDiagnosis([uncertain, sure], ruleCtx({ setting: 'outpatient' })))).toEqual([
      'R05.9',
    ]);
  });
  it('codes them as established for inpatients, with the guideline cited', () => {
    const r = uncertainDiagnosis([uncertain, sure], ruleCtx({ setting: 'inpatient' }));
    expect(codes(r)).toEqual(['J18.9', 'R05.9']);
    expect(r.candidates[0]!.guidelines.join()).toContain('II.H');
  });
});

describe('history and family history (I.C.21.c.4)', () => {
  const alt = (code: string) => ({ code, title: code, details: details(code), indexPath: ['History'] });
  it.each([
    ['family with an alternative → Z80.3', { family: true }, { familyHistory: alt('Z80.3') }, ['Z80.3']],
    ['family without an alternative → dropped', { family: true }, undefined, []],
    [
      'history with an alternative → Z85.3',
      { historical: true },
      { personalHistory: alt('Z85.3') },
      ['Z85.3'],
    ],
    ['history without an alternative → dropped', { historical: true }, undefined, []],
    ['current → kept', {}, undefined, ['C50.919']],
  ])('%s', (_name, ctx, alternatives, expected) => {
    const c = cand('C50.919', { context: { ...flags, ...ctx }, ...(alternatives ? { alternatives } : {}) });
    expect(codes(historyAndFamily([c], ruleCtx()))).toEqual(expected);
  });
  it('drops a historical mention of a condition that is also current', () => {
    const past = cand('I10', { context: { ...flags, historical: true } });
    expect(codes(historyAndFamily([past, cand('I10')], ruleCtx()))).toEqual(['I10']);
  });
});

describe('hypertension combinations (I.C.9.a)', () => {
  it.each([
    [false, false, false, false, 'I10'],
    [true, false, false, false, 'I11.0'],
    [false, true, false, false, 'I11.9'],
    [false, false, true, false, 'I12.9'],
    [false, false, true, true, 'I12.0'],
    [true, false, true, false, 'I13.0'],
    [true, false, true, true, 'I13.2'],
    [false, true, true, false, 'I13.10'],
    [false, true, true, true, 'I13.11'],
  ])('hf=%s heart=%s ckd=%s advanced=%s → %s', (hf, heart, ckd, adv, expected) => {
    expect(hypertensiveCode(hf, heart, ckd, adv)).toBe(expected);
  });
  it('replaces I10 and keeps the heart failure and CKD codes', () => {
    const r = hypertension([cand('I10'), cand('I50.9'), cand('N18.30')], ruleCtx({}, ['I13.0']));
    expect(codes(r)).toEqual(['I13.0', 'I50.9', 'N18.30']);
  });
  it('one hypertensive code: a combination already found absorbs a restated I10', () => {
    const r = hypertension([cand('I12.9'), cand('N18.31'), cand('I10')], ruleCtx({}, ['I12.9']));
    expect(codes(r)).toEqual(['I12.9', 'N18.31']);
  });
  it('leaves hypertension alone without heart or kidney disease', () => {
    expect(codes(hypertension([cand('I10'), cand('E78.5')], ruleCtx({}, ['I13.0'])))).toEqual([
      'I10',
      'E78.5',
    ]);
  });
});

describe('diabetes (I.C.4.a)', () => {
  const span = { start: 0, end: 7, text: 'insulin' };
  it('queries the type when it is not documented', () => {
    const r = diabetes([cand('E11.9', { indexPath: ['Diabetes'] })], ruleCtx());
    expect(r.queries?.map((q) => q.element)).toEqual(['type of diabetes']);
  });
  it('does not query a documented type', () => {
    const r = diabetes([cand('E11.9', { indexPath: ['Diabetes', 'type 2'] })], ruleCtx());
    expect(r.queries).toEqual([]);
  });
  it.each([
    [['insulin'], ['E11.9', 'Z79.4']],
    [['metformin'], ['E11.9', 'Z79.84']],
    [
      ['insulin', 'metformin'],
      ['E11.9', 'Z79.4', 'Z79.84'],
    ],
    [['semaglutid'], ['E11.9', 'Z79.85']],
    [[], ['E11.9']],
  ])('medications %j → %j', (meds, expected) => {
    const ctx = ruleCtx({ medications: new Map(meds.map((m) => [m, span])) }, ['Z79.4', 'Z79.84', 'Z79.85']);
    expect(codes(diabetes([cand('E11.9', { indexPath: ['Diabetes', 'type 2'] })], ctx))).toEqual(expected);
  });
  it('adds no long-term insulin code for type 1', () => {
    const ctx = ruleCtx({ medications: new Map([['insulin', span]]) }, ['Z79.4']);
    expect(codes(diabetes([cand('E10.9')], ctx))).toEqual(['E10.9']);
  });
});

describe('Excludes1 (I.A.12.a)', () => {
  it('keeps the candidate with more evidence', () => {
    const a = cand('J45.909', { positions: [1] }, [['excludes1', 'chronic obstructive asthma (J44.9)']]);
    const b = cand('J44.9', { positions: [1, 2, 3] });
    expect(codes(excludes1([a, b], ruleCtx()))).toEqual(['J44.9']);
  });
  it('leaves unrelated codes alone', () => {
    const a = cand('I10', {}, [['excludes1', 'neonatal hypertension (P29.2)']]);
    expect(codes(excludes1([a, cand('E11.9')], ruleCtx()))).toEqual(['I10', 'E11.9']);
  });
});

describe('combination codes (I.B.9)', () => {
  it('drops a code whose words are all inside a combination code', () => {
    const combo = cand('E11.22', { positions: [1, 2, 3, 4] });
    const part = cand('E11.9', { positions: [1, 2] });
    expect(codes(combination([combo, part], ruleCtx()))).toEqual(['E11.22']);
  });
  it('keeps the part when the combination code asks for it ("use additional code")', () => {
    const combo = cand('E11.22', { positions: [1, 2, 3, 4] }, [
      ['useAdditionalCode', 'stage of CKD (N18.1-N18.6)'],
    ]);
    const part = cand('N18.4', { positions: [3, 4] });
    expect(codes(combination([combo, part], ruleCtx()))).toEqual(['E11.22', 'N18.4']);
  });
});

describe('signs and symptoms (I.B.5)', () => {
  it.each([
    [['J20.9', 'R05.9'], ['J20.9']],
    [
      ['R05.9', 'I10'],
      ['R05.9', 'I10'],
    ],
    [['R10.9', 'K35.80'], ['K35.80']],
    [['R30.0', 'N39.0'], ['N39.0']],
    [['R51.9'], ['R51.9']],
    // A normal pregnancy's symptoms are not reported with Z34 (I.C.15.b.1).
    [
      ['Z34.01', 'R11.0', 'Z3A.10'],
      ['Z34.01', 'Z3A.10'],
    ],
    [
      ['Z33.1', 'R11.0'],
      ['Z33.1', 'R11.0'],
    ],
  ])('%j → %j', (input, expected) => {
    expect(
      codes(
        integralSymptoms(
          input.map((c) => cand(c)),
          ruleCtx(),
        ),
      ),
    ).toEqual(expected);
  });
});

describe('coronary atherosclerosis with angina (I.C.9.b)', () => {
  it.each([
    ['I20.0', 'I25.110'],
    ['I20.8', 'I25.118'],
    ['I20.9', 'I25.119'],
  ])('I25.10 with %s → %s, no separate angina code', (angina, combined) => {
    const r = coronaryAngina([cand('I25.10'), cand(angina), cand('E78.5')], ruleCtx({}, [combined]));
    expect(codes(r).sort()).toEqual([combined, 'E78.5'].sort());
    expect(r.candidates.find((c) => c.code === combined)!.guidelines.join(' ')).toMatch(/I\.C\.9\.b/);
  });
  it('leaves a history-only or denied angina alone', () => {
    const denied = cand('I20.9', {
      context: { negated: true, uncertain: false, historical: false, family: false, hypothetical: false },
    });
    expect(codes(coronaryAngina([cand('I25.10'), denied], ruleCtx({}, ['I25.119'])))).toEqual([
      'I25.10',
      'I20.9',
    ]);
  });
});

describe('COPD with a lower respiratory infection (I.A.15, I.B.9)', () => {
  it.each<[string, string[], string[]]>([
    [
      'pneumonia with unspecified COPD → J44.0 replaces J44.9, the infection kept',
      ['J18.9', 'J44.9'],
      ['J18.9', 'J44.0'],
    ],
    ['an exacerbation as well keeps J44.1', ['J44.1', 'J20.9'], ['J20.9', 'J44.0', 'J44.1']],
    ['no infection, nothing changes', ['J44.9', 'I10'], ['I10', 'J44.9']],
    ['an upper respiratory infection is not a lower one', ['J44.9', 'J06.9'], ['J06.9', 'J44.9']],
  ])('%s', (_n, input, expected) => {
    const r = copdInfection(
      input.map((c) => cand(c)),
      ruleCtx({}, ['J44.0']),
    );
    expect(codes(r).sort()).toEqual(expected);
  });
});

describe('sequencing (II, IV.G, I.A.13, I.C.20)', () => {
  it('puts stated conditions first, then symptoms, Z codes, external causes; merges duplicates', () => {
    const r = sequencing(
      [cand('W19.XXXA'), cand('Z79.4'), cand('R05.9'), cand('E11.9'), cand('E11.9')],
      ruleCtx(),
    );
    expect(codes(r)).toEqual(['E11.9', 'R05.9', 'Z79.4', 'W19.XXXA']);
    expect(r.candidates[0]!.evidence).toHaveLength(2);
  });
  it('puts the etiology before a code that says "code first"', () => {
    const n18 = cand('N18.4', {}, [['codeFirst', 'diabetic chronic kidney disease (E11.22)']]);
    expect(codes(sequencing([n18, cand('E11.22')], ruleCtx()))).toEqual(['E11.22', 'N18.4']);
  });
  it('never lists a manifestation ("in diseases classified elsewhere") first', () => {
    const m = cand('G63', { title: 'Polyneuropathy in diseases classified elsewhere' });
    expect(codes(sequencing([m, cand('E11.9')], ruleCtx()))).toEqual(['E11.9', 'G63']);
  });
  it('lists pregnancy codes first (I.C.15.a), weeks of gestation never first', () => {
    const r = sequencing([cand('Z3A.32'), cand('J06.9'), cand('O99.513')], ruleCtx());
    expect(codes(r)).toEqual(['O99.513', 'J06.9', 'Z3A.32']);
  });
  it('lists a Z code first only when it states the reason for the encounter (I.C.21.c.16)', () => {
    const r = sequencing([cand('Z68.30'), cand('E66.9'), cand('Z00.01'), cand('Z87.891')], ruleCtx());
    expect(codes(r)).toEqual(['Z00.01', 'E66.9', 'Z68.30', 'Z87.891']);
  });
  it('puts the assessment before conditions only listed in the history', () => {
    const pmh = cand('I10', { section: 'past_medical_history' });
    const assessed = cand('J20.9', { section: 'assessment' });
    expect(codes(sequencing([pmh, assessed], ruleCtx()))).toEqual(['J20.9', 'I10']);
  });
  it('an encounter for chemotherapy precedes the malignancy; a poisoning its manifestation; an adverse effect follows', () => {
    expect(codes(sequencing([cand('C50.911'), cand('Z51.11')], ruleCtx()))).toEqual(['Z51.11', 'C50.911']);
    expect(codes(sequencing([cand('R40.4'), cand('T42.4X2A')], ruleCtx()))).toEqual(['T42.4X2A', 'R40.4']);
    expect(codes(sequencing([cand('T45.1X5A'), cand('D70.1')], ruleCtx()))).toEqual(['D70.1', 'T45.1X5A']);
  });
});

describe('specificity queries', () => {
  it.each([
    ['N18.9', 'stage of chronic kidney disease'],
    ['I50.9', 'type and acuity of heart failure'],
    ['I50.20', 'acuity of heart failure'],
  ])('%s → %s', (code, element) => {
    expect(specificityQueries([cand(code)], ruleCtx()).queries?.map((q) => q.element)).toEqual([element]);
  });
  it('asks for laterality when the completion defaulted it', () => {
    const c = cand('S52.509A', {
      defaulted: [{ element: 'laterality', options: ['S52.501', 'S52.502', 'S52.509'] }],
    });
    const q = specificityQueries([c], ruleCtx()).queries!;
    expect(q[0]!.element).toBe('laterality');
    expect(q[0]!.affectedCodes).toContain('S52.501');
  });
  it('raises nothing for specific codes', () => {
    expect(specificityQueries([cand('N18.4'), cand('I50.22')], ruleCtx()).queries).toEqual([]);
  });
});

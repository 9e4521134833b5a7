/** The note-wording finders (src/coding/facts), on sentences written for these tests. */
import { describe, expect, it } from 'vitest';
import { antineoplasticEncounter } from '../../src/coding/icd10cm/facts/antineoplastic-encounter.js';
import { bloodAlcohol } from '../../src/coding/icd10cm/facts/blood-alcohol.js';
import { bmi } from '../../src/coding/icd10cm/facts/bmi.js';
import { deliveryOutcome } from '../../src/coding/icd10cm/facts/delivery.js';
import { encounterReason } from '../../src/coding/icd10cm/facts/encounter-reason.js';
import {
  gestation,
  trimesterOf,
  weeksOfGestation,
  z3aCode,
} from '../../src/coding/icd10cm/facts/gestation.js';
import { immunization } from '../../src/coding/icd10cm/facts/immunization.js';
import { longTermDrugs } from '../../src/coding/icd10cm/facts/long-term-drugs.js';
import { status } from '../../src/coding/icd10cm/facts/status.js';
import { tobacco } from '../../src/coding/icd10cm/facts/tobacco.js';
import type { FactFinder } from '../../src/coding/icd10cm/facts/types.js';
import { analyzeNote } from '../../src/nlp/analyze.js';

const run = (finder: FactFinder, text: string, codes: string[] = [], age = 45) =>
  finder({ analysis: analyzeNote(text), age, codes }).map((f) => f.code);

describe('weeks of gestation (Z3A)', () => {
  it.each<[string, number | null]>([
    ['G3P2 at 31 weeks by early ultrasound', 31],
    ['EGA 17w2d, feeling well', 17],
    ['pregnant, 36 4/7 weeks', 36],
    ['nausea for 3 weeks', null],
    ['follow up in 2 weeks', null],
  ])('%s → %s', (text, weeks) => {
    expect(weeksOfGestation(text)?.weeks ?? null).toBe(weeks);
  });
  it('maps weeks to Z3A and trimesters at the guideline boundaries', () => {
    expect([z3aCode(5), z3aCode(9), z3aCode(40), z3aCode(44)]).toEqual([
      'Z3A.01',
      'Z3A.09',
      'Z3A.40',
      'Z3A.49',
    ]);
    expect([trimesterOf(13), trimesterOf(14), trimesterOf(27), trimesterOf(28)]).toEqual([
      'first',
      'second',
      'second',
      'third',
    ]);
  });
  it('is reported with a pregnancy code only', () => {
    const text = 'HPI: 26 yo G1P0 at 19 weeks gestation, routine visit.';
    expect(run(gestation, text, ['Z34.02'])).toEqual(['Z3A.19']);
    expect(run(gestation, text, [])).toEqual([]);
  });
});

describe('BMI (Z68)', () => {
  it('needs an associated weight diagnosis', () => {
    expect(run(bmi, 'Vitals: BMI 37.8 kg/m2.', ['E66.9'])).toEqual(['Z68.37']);
    expect(run(bmi, 'Vitals: BMI 37.8 kg/m2.', ['I10'])).toEqual([]);
  });
  it('adult bands and the pediatric percentile', () => {
    expect(run(bmi, 'BMI: 47', ['E66.01'])).toEqual(['Z68.42']);
    expect(run(bmi, 'BMI 18.2', ['R63.6'])).toEqual(['Z68.1']);
    expect(run(bmi, 'BMI 29.4, 96th percentile for age', ['E66.3'], 11)).toEqual(['Z68.54']);
  });
});

describe('tobacco', () => {
  it.each<[string, string[], number?]>([
    ['Social history: smokes about half a pack of cigarettes a day.', ['F17.210']],
    ['SH: chews tobacco daily.', ['F17.220']],
    ['SH: ex-smoker, stopped in 2009.', ['Z87.891']],
    ['SH: smokes 2 ppd, would like to quit eventually.', ['F17.210']],
    ['SH: never smoker.', []],
    ['SH: denies tobacco or alcohol.', []],
    ['Screened for postpartum depression, PPD score 4.', []],
    ['Grandmother and father smoke inside the house; discussed secondhand smoke.', ['Z77.22'], 6],
  ])('%s', (text, codes, age) => {
    expect(run(tobacco, text, [], age ?? 45)).toEqual(codes);
  });
});

describe('immunization (Z23) and long-term drugs (Z79)', () => {
  it.each<[string, string[]]>([
    ['Plan: influenza vaccine administered in the left deltoid.', ['Z23']],
    ['Plan: patient declined the flu vaccine today.', []],
    ['Immunizations up to date.', []],
  ])('%s', (text, codes) => {
    expect(run(immunization, text)).toEqual(codes);
  });
  it.each<[string, string[]]>([
    ['Medications: apixaban 5 mg twice daily, metoprolol.', ['Z79.01']],
    ['Medications: letrozole 2.5 mg daily since 2021.', ['Z79.811']],
    ['Warfarin held for the procedure.', []],
    ['Allergies: warfarin (bleeding).', []],
  ])('%s', (text, codes) => {
    expect(run(longTermDrugs, text)).toEqual(codes);
  });
});

describe('status codes (Z95, Z99, Z96, Z94, Z93, Z17, Z88)', () => {
  it.each<[string, string[], string[]?]>([
    ['PMH: three-vessel coronary bypass grafting in 2011.', ['Z95.1']],
    ['HPI: drug-eluting stent placed in the RCA last spring.', ['Z95.5']],
    ['Uses 3 L oxygen via nasal cannula at night and with exertion.', ['Z99.81']],
    ['He is a candidate for CABG after the catheterization.', []],
    ['No pacemaker.', []],
    ['Left breast cancer, ER positive, HER2 negative.', ['Z17.0'], ['C50.912']],
    ['Tumor is ER positive.', [], []],
    ['Allergies: penicillin (hives).', ['Z88.0']],
    ['Plan: amoxicillin for 10 days.', []],
  ])('%s', (text, codes, known) => {
    expect(run(status, text, known ?? [])).toEqual(codes);
  });
});

describe('outcome of delivery (Z37)', () => {
  it.each<[string, string[], string[]]>([
    ['Delivered a healthy girl by spontaneous vaginal delivery, Apgars 8 and 9.', ['O80'], ['Z37.0']],
    // A delivery stated with any chapter 15 code is a delivery record (I.C.15.b.5).
    ['NSVD of liveborn twins, Apgars 7/9 and 8/9.', ['O30.003'], ['Z37.2']],
    ['Twin gestation at 30 weeks, both fetuses active and healthy.', ['O30.003'], []],
    ['Delivered a healthy boy in 2019, uncomplicated.', ['O09.293'], []],
    ['Spontaneous vaginal delivery of a liveborn girl.', ['Z33.1'], []],
    ['NSVD of twins, both liveborn infants vigorous.', ['O30.003', 'O80'], ['Z37.2']],
    ['Delivered a healthy girl, Apgars 8 and 9.', ['Z38.00'], []],
    ['Discussed delivery plans.', ['O80'], []],
  ])('%s', (text, known, codes) => {
    expect(run(deliveryOutcome, text, known)).toEqual(codes);
  });
});

describe('encounter for antineoplastic therapy (Z51.-)', () => {
  it.each<[string, string[]]>([
    ['Chief complaint: here for cycle 4 of adjuvant chemotherapy.', ['Z51.11']],
    ['HPI: Presents today for scheduled immunotherapy infusion.', ['Z51.12']],
    ['Plan: radiation therapy session today, fraction 12 of 25.', ['Z51.0']],
    ['Assessment: Lymphoma. Chemotherapy held today for neutropenia.', []],
    ['HPI: completed chemotherapy last year, here for surveillance.', []],
    ['Oncology chemotherapy visit. Tolerating treatment.', ['Z51.11']],
    ['Chemo regimen FOLFOX. Presents for cycle 6 today.', ['Z51.11']],
    ['Returns for cycle day 14 of her menstrual diary.', []],
    [
      'HPI: Began chemotherapy treatment last year; disease progressed despite the chemotherapy treatment.',
      [],
    ],
  ])('%s → %j', (text, codes) => {
    expect(run(antineoplasticEncounter, text)).toEqual(codes);
  });
});

describe('encounter-reason Z codes (Z00, Z34, Z38)', () => {
  it.each<[string, string, string[], number, string[]]>([
    ['adult routine exam, nothing found', 'Chief complaint: Annual physical exam.', [], 50, ['Z00.00']],
    [
      'adult routine exam with a condition documented',
      'Reason for visit: routine physical.',
      ['E78.5'],
      50,
      ['Z00.01'],
    ],
    ['child well visit', 'Chief complaint: Well child check, 4 year old.', [], 4, ['Z00.129']],
    ['a sick visit is no routine exam', 'Chief complaint: cough for 3 days.', ['R05.9'], 50, []],
    [
      'first pregnancy, second trimester prenatal visit',
      'CC: Routine prenatal visit. G1P0 at 22 weeks gestation.',
      ['Z33.1'],
      28,
      ['Z34.02'],
    ],
    ['not the first pregnancy, weeks unknown', 'CC: prenatal visit. G3P2, doing well.', [], 30, ['Z34.80']],
    [
      'a complicated pregnancy is no normal supervision',
      'CC: prenatal visit, gestational diabetes follow-up.',
      ['O24.410'],
      30,
      [],
    ],
    [
      'newborn birth record, cesarean',
      'Newborn exam: term male delivered by cesarean section, Apgars 8 and 9.',
      [],
      0,
      ['Z38.01'],
    ],
    [
      'an infant seen weeks after birth is no birth record',
      'CC: 6 week old born at term with fever, newborn exam was normal.',
      ['R50.9'],
      0,
      [],
    ],
  ])('%s', (_n, text, codes, age, expected) => {
    expect(run(encounterReason, text, codes, age)).toEqual(expected);
  });
});

describe('blood alcohol level (Y90)', () => {
  it.each<[string, string[], string[]]>([
    ['Labs: blood alcohol level 215 mg/dL.', ['F10.920'], ['Y90.7']],
    ['Serum ethanol was 0.09%.', ['F10.129'], ['Y90.4']],
    ['EtOH 312 mg/dL, lipase normal.', ['F10.220'], ['Y90.8']],
    ['BAL < 10.', ['F10.20'], ['Y90.0']],
    // No alcohol-related disorder: the level alone is not coded (Y90: code first F10).
    ['Labs: blood alcohol level 215 mg/dL.', ['S02.2XXA'], []],
    // Drinking habits are no blood level.
    ['Drinks alcohol 2 beers per day.', ['F10.10'], []],
  ])('%s with %j → %j', (text, codes, expected) => {
    expect(run(bloodAlcohol, text, codes)).toEqual(expected);
  });
});

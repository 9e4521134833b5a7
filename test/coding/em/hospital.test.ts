// Hospital inpatient/observation care: initial (99221-99223) and subsequent (99231-99233) by time
// at the threshold edges or by MDM, discharge day management (99238/99239) by time only.
import { describe, expect, it } from 'vitest';
import { codesOf, primary, runEm } from './helpers.js';

const inpatient = { setting: 'inpatient' as const, age: 70 };

describe('initial hospital care', () => {
  const note = (minutes: number) => `ADMISSION H&P

HPI: 70 yo with cellulitis of the left leg failing oral antibiotics.
Assessment: Cellulitis of left lower leg. Start cefazolin IV.
Total time on the date of the encounter: ${minutes} minutes.`;
  const dx: [string, string] = ['L03.116', 'Cellulitis of left lower leg'];
  const cases: Array<[number, string]> = [
    [54, '99221'],
    [55, '99222'],
    [74, '99222'],
    [75, '99223'],
  ];
  for (const [minutes, code] of cases) {
    it(`${minutes} minutes: ${code}`, () => {
      const p = primary(runEm(note(minutes), { ...inpatient, diagnoses: [dx] }));
      expect(p.code).toBe(code);
      expect(p.rationale.em?.category).toBe('hospital-initial');
      expect(p.rationale.rule).toContain('AMA 2023 initial hospital inpatient/observation care');
    });
  }

  it('by MDM when time is short: the decision to admit is high risk', () => {
    const mdm = `ADMISSION H&P

HPI: 70 yo with fever 39.4, rigors and a spreading left leg cellulitis, lactate 2.9.
Assessment: Sepsis due to cellulitis of left lower leg.
Plan: admit to medicine, blood cultures, vancomycin IV with trough levels.
Total time: 30 minutes.`;
    const p = primary(
      runEm(mdm, {
        ...inpatient,
        diagnoses: [
          ['A41.9', 'Sepsis'],
          ['L03.116', 'cellulitis of left lower leg'],
        ],
      }),
    );
    expect(p.code).toBe('99223');
    expect(p.rationale.em?.method).toBe('mdm');
    expect(p.rationale.em?.mdm?.level).toBe('high');
    expect(p.rationale.details).toContain(
      '30 minutes documented, below the 40 minutes of the lowest time level',
    );
  });

  it('an observation stay written in an outpatient record is initial hospital care', () => {
    const obs = `OBSERVATION ADMISSION

HPI: 55 yo with chest pain, placed in observation for serial troponins.
Assessment: Chest pain.
Total time: 45 minutes.`;
    const p = primary(runEm(obs, { diagnoses: [['R07.9', 'Chest pain']] }));
    expect(p.rationale.em?.category).toBe('hospital-initial');
    expect(p.code).toBe('99221');
  });
});

describe('subsequent hospital care', () => {
  const note = (minutes: number) => `PROGRESS NOTE - hospital day 3

Interval events: afebrile overnight, leg erythema receding.
Assessment: Cellulitis of left lower leg, improving. Continue cefazolin.
I spent ${minutes} minutes on the unit today.`;
  const cases: Array<[number, string]> = [
    [24, '99231'],
    [25, '99231'],
    [34, '99231'],
    [35, '99232'],
    [49, '99232'],
    [50, '99233'],
  ];
  for (const [minutes, code] of cases) {
    it(`${minutes} minutes: ${code}`, () => {
      const p = primary(
        runEm(note(minutes), { ...inpatient, diagnoses: [['L03.116', 'Cellulitis of left lower leg']] }),
      );
      expect(p.code).toBe(code);
      expect(p.rationale.em?.category).toBe('hospital-subsequent');
    });
  }
});

describe('discharge day management', () => {
  const summary = (time: string) => `DISCHARGE SUMMARY

Admitted 3/10 with community-acquired pneumonia, treated with ceftriaxone, transitioned to oral amoxicillin.
Discharge diagnoses: pneumonia, resolved hypoxia.
Discharged home in good condition.${time}`;

  it('99238 when no time is documented (99239 needs documented time over 30 minutes)', () => {
    const p = primary(runEm(summary(''), inpatient));
    expect(codesOf(runEm(summary(''), inpatient))).toEqual(['99238']);
    expect(p.rationale.em).toMatchObject({ category: 'discharge', method: 'time' });
    expect(p.rationale.em?.mdm).toBeUndefined();
    expect(p.rationale.rule).toContain('no discharge time documented, so 99238');
  });

  it('30 minutes: 99238; 31 minutes and "more than 30 minutes": 99239', () => {
    expect(primary(runEm(summary('\nDischarge day management: 30 minutes.'), inpatient)).code).toBe('99238');
    expect(primary(runEm(summary('\nDischarge day management: 31 minutes.'), inpatient)).code).toBe('99239');
    const more = primary(
      runEm(summary('\nSpent more than 30 minutes on discharge planning and counseling.'), inpatient),
    );
    expect(more.code).toBe('99239');
    expect(more.rationale.em?.minutes?.value).toBe(31);
  });

  it('the title decides over the admission story inside a discharge summary', () => {
    const p = primary(runEm(summary(''), inpatient));
    expect(p.rationale.details[0]).toBe(
      'category: discharge, from inpatient setting and the note: "DISCHARGE"',
    );
  });
});

describe('a hospital note that does not say which visit it is', () => {
  it('gets a query, not a guess', () => {
    const f = runEm(`Patient seen and examined. Pneumonia, on ceftriaxone. Continue.`, inpatient);
    expect(f.procedures).toEqual([]);
    expect(f.queries).toHaveLength(1);
    expect(f.queries[0]?.element).toBe('hospital visit type');
    expect(f.queries[0]?.affectedCodes).toEqual([
      '99221',
      '99222',
      '99223',
      '99231',
      '99232',
      '99233',
      '99238',
      '99239',
    ]);
  });
});

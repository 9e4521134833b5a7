// Office levels by documented total time, at the edges of each threshold, the higher of MDM and
// time, and the prolonged-service add-ons (99417 per CPT, G2212 per Medicare).
import { describe, expect, it } from 'vitest';
import { codesOf, primary, runEm } from './helpers.js';

/** A note whose MDM is straightforward (one minor problem, nothing else) and whose time is given. */
function timedNote(status: 'New patient' | 'Follow-up visit', minutes: string): string {
  return `${status}

HPI: 35 yo with a small abrasion on the right knee from a fall yesterday, cleaned at home.
Assessment: Abrasion of right knee, minor.
Plan: keep clean and dry.
Total time spent on the date of the encounter: ${minutes}, including counseling and documentation.`;
}

const KNEE: [string, string] = ['S80.211A', 'Abrasion of right knee'];

describe('office time thresholds (met or exceeded)', () => {
  const cases: Array<[string, 'New patient' | 'Follow-up visit', number, string]> = [
    ['new', 'New patient', 15, '99202'],
    ['new', 'New patient', 29, '99202'],
    ['new', 'New patient', 30, '99203'],
    ['new', 'New patient', 44, '99203'],
    ['new', 'New patient', 45, '99204'],
    ['new', 'New patient', 59, '99204'],
    ['new', 'New patient', 60, '99205'],
    ['established', 'Follow-up visit', 10, '99212'],
    ['established', 'Follow-up visit', 19, '99212'],
    ['established', 'Follow-up visit', 20, '99213'],
    ['established', 'Follow-up visit', 29, '99213'],
    ['established', 'Follow-up visit', 30, '99214'],
    ['established', 'Follow-up visit', 39, '99214'],
    ['established', 'Follow-up visit', 40, '99215'],
  ];
  for (const [status, opening, minutes, code] of cases) {
    it(`${status}, ${minutes} minutes: ${code}`, () => {
      const f = runEm(timedNote(opening, `${minutes} minutes`), { diagnoses: [KNEE] });
      const p = primary(f);
      expect(p.code).toBe(code);
      const byTime = code !== '99202' && code !== '99212';
      expect(p.rationale.em?.method).toBe(byTime ? 'time' : 'mdm');
      expect(p.rationale.em?.minutes?.value).toBe(minutes);
      expect(p.rationale.em?.minutes?.evidence[0]?.text).toBe(
        `Total time spent on the date of the encounter: ${minutes} minutes`,
      );
    });
  }

  it('below the lowest threshold, MDM chooses and the rationale says the time fell short', () => {
    const f = runEm(timedNote('Follow-up visit', '8 minutes'), { diagnoses: [KNEE] });
    const p = primary(f);
    expect(p.code).toBe('99212');
    expect(p.rationale.em?.method).toBe('mdm');
    expect(p.rationale.details).toContain(
      '8 minutes documented, below the 10 minutes of the lowest time level',
    );
  });

  it('reads hours and "more than"', () => {
    expect(primary(runEm(timedNote('New patient', '1 hour'), { diagnoses: [KNEE] })).code).toBe('99205');
    const more = primary(runEm(timedNote('Follow-up visit', 'more than 29 minutes'), { diagnoses: [KNEE] }));
    expect(more.code).toBe('99214');
    expect(more.rationale.em?.minutes?.value).toBe(30);
  });

  it('time for a separately reported service is not visit time', () => {
    const note = `Follow-up visit

Assessment: Nicotine dependence, cigarettes. Abrasion of right knee, minor.
Plan: smoking cessation counseling, 12 minutes spent.`;
    const f = runEm(note, { diagnoses: [['F17.210', 'Nicotine dependence, cigarettes'], KNEE] });
    expect(primary(f).rationale.em?.minutes).toBeUndefined();
  });
});

describe('the higher of MDM and time', () => {
  const moderateNote = (minutes: number) => `Follow-up visit

Assessment: Type 2 diabetes mellitus, uncontrolled - increase metformin to 1000 mg BID.
I spent ${minutes} minutes on this visit today.`;
  const dm: [string, string] = ['E11.65', 'Type 2 diabetes mellitus'];

  it('MDM wins when time supports less', () => {
    const p = primary(runEm(moderateNote(20), { diagnoses: [dm] }));
    expect(p.code).toBe('99214');
    expect(p.rationale.em?.method).toBe('mdm');
    expect(p.rationale.details).toContain('time (20 minutes) supports 99213, not higher than MDM');
    expect(p.rationale.em?.mdm?.level).toBe('moderate');
  });

  it('time wins when it supports more, and the grid is still shown', () => {
    const p = primary(runEm(moderateNote(42), { diagnoses: [dm] }));
    expect(p.code).toBe('99215');
    expect(p.rationale.em?.method).toBe('time');
    expect(p.rationale.details).toContain('MDM moderate supports 99214; time supports the higher 99215');
    expect(p.rationale.em?.mdm?.problems.items.length).toBe(1);
  });
});

describe('prolonged office service', () => {
  const note = (minutes: number, extra = '') => `New patient

Assessment: Abrasion of right knee, minor.
Total time: ${minutes} minutes.${extra}`;

  it("99417 per full 15 minutes beyond 99205's 60 for a patient under 65", () => {
    expect(codesOf(runEm(note(74), { age: 50, diagnoses: [KNEE] }))).toEqual(['99205']);
    const f = runEm(note(75), { age: 50, diagnoses: [KNEE] });
    expect(codesOf(f)).toEqual(['99205', '99417']);
    expect(f.procedures[1]?.rationale.rule).toContain('payer assumed to follow CPT');
    expect(codesOf(runEm(note(90), { age: 50, diagnoses: [KNEE] }))).toEqual(['99205', '99417x2']);
  });

  it("G2212 beyond 99205's 74 minutes for a patient of Medicare age", () => {
    expect(codesOf(runEm(note(88), { age: 70, diagnoses: [KNEE] }))).toEqual(['99205']);
    const f = runEm(note(89), { age: 70, diagnoses: [KNEE] });
    expect(codesOf(f)).toEqual(['99205', 'G2212']);
    expect(f.procedures[1]?.system).toBe('HCPCS');
    expect(f.procedures[1]?.rationale.rule).toContain('Medicare age');
    expect(codesOf(runEm(note(104), { age: 70, diagnoses: [KNEE] }))).toEqual(['99205', 'G2212x2']);
  });

  it('the note naming Medicare, or the caller, decides the payer rule', () => {
    const named = runEm(note(89, ' Medicare beneficiary.'), { age: 40, diagnoses: [KNEE] });
    expect(codesOf(named)).toEqual(['99205', 'G2212']);
    expect(named.procedures[1]?.rationale.rule).toContain('the note names Medicare');
    const given = runEm(note(75), { age: 80, diagnoses: [KNEE], finder: { prolonged: 'cpt' } });
    expect(codesOf(given)).toEqual(['99205', '99417']);
  });

  it('for 99215: 99417 from 55 minutes, G2212 from 69', () => {
    const est = (minutes: number) => `Follow-up visit

Assessment: Abrasion of right knee, minor.
Total time: ${minutes} minutes.`;
    expect(codesOf(runEm(est(54), { age: 50, diagnoses: [KNEE] }))).toEqual(['99215']);
    expect(codesOf(runEm(est(55), { age: 50, diagnoses: [KNEE] }))).toEqual(['99215', '99417']);
    expect(codesOf(runEm(est(68), { age: 70, diagnoses: [KNEE] }))).toEqual(['99215']);
    expect(codesOf(runEm(est(69), { age: 70, diagnoses: [KNEE] }))).toEqual(['99215', 'G2212']);
  });

  it('is never added to a level chosen by MDM', () => {
    const note = `Follow-up visit

Assessment: COPD with severe exacerbation.
Plan: direct admission to the hospital.`;
    const codes = codesOf(runEm(note, { age: 70, diagnoses: [['J44.1', 'COPD with severe exacerbation']] }));
    expect(codes[0]).toBe('99215');
    expect(codes).not.toContain('99417');
    expect(codes).not.toContain('G2212');
  });
});

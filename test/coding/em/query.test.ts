// A note that documents too little for a level gets a physician query naming what is missing,
// never a guessed code; and nothing the finder writes is CPT descriptor text.
import { describe, expect, it } from 'vitest';
import { runEm } from './helpers.js';

describe('physician query instead of a guess', () => {
  it('no problem addressed, no data, no management, no time: a query naming each', () => {
    const f = runEm(`Follow-up visit

Patient seen. Vitals reviewed with the patient.`);
    expect(f.procedures).toEqual([]);
    expect(f.queries).toHaveLength(1);
    const q = f.queries[0]!;
    expect(q.element).toBe('E/M level');
    expect(q.question).toBe(
      'The note does not document enough to support a visit level. Missing: the problems addressed at this visit and their status; tests or records reviewed or ordered; the management decided (treatment, drugs, procedures); the total time spent on the date of the encounter. Please document what applies to this encounter.',
    );
    expect(q.affectedCodes).toEqual([
      '99202',
      '99203',
      '99204',
      '99205',
      '99211',
      '99212',
      '99213',
      '99214',
      '99215',
    ]);
  });

  it('an ED note without problems is asked about MDM only (ED levels are not chosen by time)', () => {
    const f = runEm(`ED NOTE

Patient evaluated. CBC and BMP ordered. Ondansetron 4 mg given.`);
    expect(f.procedures).toEqual([]);
    expect(f.queries[0]?.question).toContain(
      'Missing: the problems addressed at this visit and their status.',
    );
    expect(f.queries[0]?.question).not.toContain('total time');
    expect(f.queries[0]?.affectedCodes).toEqual(['99281', '99282', '99283', '99284', '99285']);
  });

  it('documented time alone supports a level without any MDM', () => {
    const f = runEm(`Follow-up visit

Counseling and care coordination. Total time: 25 minutes.`);
    expect(f.procedures[0]?.code).toBe('99213');
    expect(f.procedures[0]?.rationale.em?.method).toBe('time');
    expect(f.queries).toEqual([]);
  });

  it('an empty note gives nothing (the engine warns about empty notes)', () => {
    expect(runEm('   ')).toEqual({ procedures: [], queries: [] });
  });
});

describe('no CPT descriptor text', () => {
  it('rationale is our own words: no descriptor phrasing, no title on CPT lines', () => {
    const note = `New patient

Assessment: Essential hypertension, uncontrolled - start amlodipine 5 mg.
Total time: 80 minutes.`;
    const f = runEm(note, { age: 50, diagnoses: [['I10', 'Essential hypertension']] });
    const words = JSON.stringify(f);
    for (const descriptor of [
      'evaluation and management of a new patient',
      'which requires a medically appropriate history',
      'each 15 minutes of total time',
      'When using total time on the date of the encounter for code selection',
    ]) {
      expect(words).not.toContain(descriptor);
    }
    for (const p of f.procedures.filter((x) => x.system === 'CPT')) expect(p.title).toBeUndefined();
  });
});

describe('procedure reports', () => {
  it('an operative report gets no E/M level and no query about one, by its title or its headings', () => {
    const titled = runEm(
      `OPERATIVE NOTE
PROCEDURE: Laparoscopic cholecystectomy.
The gallbladder was removed.`,
      { setting: 'inpatient' },
    );
    expect(titled).toEqual({ procedures: [], queries: [] });
    const headed = runEm(
      `PREOPERATIVE DIAGNOSIS: Acute appendicitis.
POSTOPERATIVE DIAGNOSIS: Same.
PROCEDURE PERFORMED: Open appendectomy.`,
      { setting: 'inpatient' },
    );
    expect(headed).toEqual({ procedures: [], queries: [] });
    // A visit note that mentions a past procedure is still a visit.
    const visit = runEm(
      `Hospital day 2. Procedure: none today. Feels better, tolerating diet. Total time 35 minutes.`,
      {
        setting: 'inpatient',
        visit: { place: 'hospital' },
      },
    );
    expect(visit.procedures.length + visit.queries.length).toBeGreaterThan(0);
  });
});

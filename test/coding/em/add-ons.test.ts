// G2211 (longitudinal relationship, not with modifier 25), modifiers 25 and 57 for a same-day
// procedure, and the visits this finder does not level: preventive and routine post-operative.
import { describe, expect, it } from 'vitest';
import { codesOf, primary, runEm } from './helpers.js';

const OA: [string, string] = ['M17.11', 'Primary osteoarthritis, right knee'];

describe('G2211', () => {
  it('follow-up of a chronic illness: G2211 with the reason and its evidence', () => {
    const note = `Knee follow-up

HPI: 68 yo with right knee osteoarthritis, pain worse on stairs.
Assessment: Primary osteoarthritis, right knee, worsening.
Plan: meloxicam 7.5 mg daily, physical therapy.`;
    const f = runEm(note, { age: 68, diagnoses: [OA] });
    expect(codesOf(f)).toEqual(['99214', 'G2211']);
    const g = f.procedures[1]!;
    expect(g.system).toBe('HCPCS');
    expect(g.rationale.rule).toMatch(
      /^CMS G2211 visit complexity add-on: follow-up visit \("follow-up"\) for a chronic illness \(M17\.11\)/,
    );
    expect(g.evidence.map((e) => e.text)).toEqual(['follow-up', 'Primary osteoarthritis, right knee']);
    expect(g.diagnosisPointers).toEqual(['M17.11']);
  });

  it('not with modifier 25: a same-day joint injection', () => {
    const note = `Knee follow-up

HPI: 68 yo with right knee osteoarthritis, pain worse on stairs.
Assessment: Primary osteoarthritis, right knee, worsening.
Plan: meloxicam 7.5 mg daily. Right knee corticosteroid injection performed today after consent, tolerated well.`;
    const f = runEm(note, { age: 68, diagnoses: [OA] });
    expect(codesOf(f)).toEqual(['99214']);
    const p = primary(f);
    expect(p.modifiers.map((m) => m.code)).toEqual(['25']);
    expect(p.modifiers[0]?.evidence?.[0]?.text).toBe('knee corticosteroid injection');
    expect(p.rationale.details).toContain(
      'G2211: not reported: the E/M carries modifier 25 for a same-day procedure',
    );
  });

  it('modifier 57 for a closed fracture reduction decided and done at the visit', () => {
    const note = `Urgent care visit, established patient

HPI: fell on outstretched left hand.
XR L wrist: displaced distal radius fracture.
Assessment: Colles fracture of left radius.
Plan: hematoma block and closed reduction; post-reduction films acceptable. Splint.`;
    const f = runEm(note, { diagnoses: [['S52.532A', 'Colles fracture of left radius']] });
    expect(primary(f).modifiers.map((m) => m.code)).toEqual(['57']);
    expect(codesOf(f)).not.toContain('G2211');
  });

  it('a stated relationship is enough ("I am her PCP")', () => {
    const note = `Sick visit, established patient

HPI: 3 days of cough, no fever. I am her PCP.
Assessment: Acute bronchitis.
Plan: honey, rest.`;
    expect(codesOf(runEm(note, { diagnoses: [['J20.9', 'Acute bronchitis']] }))).toContain('G2211');
  });

  it('a scheduled return counts only when every problem addressed is chronic', () => {
    const chronic = `Established patient

Assessment: Essential hypertension, well controlled - continue amlodipine 5 mg.
RTC 3 months.`;
    expect(codesOf(runEm(chronic, { diagnoses: [['I10', 'Essential hypertension']] }))).toContain('G2211');
    const mixed = `Established patient

Assessment: Essential hypertension, well controlled - continue amlodipine 5 mg. Acute sinusitis - amoxicillin 500 mg TID.
RTC 3 months.`;
    const f = runEm(mixed, {
      diagnoses: [
        ['I10', 'Essential hypertension'],
        ['J01.90', 'Acute sinusitis'],
      ],
    });
    expect(codesOf(f)).not.toContain('G2211');
    expect(primary(f).rationale.details).toContain(
      'G2211: a return is scheduled, but for an acute problem too (time-limited care)',
    );
  });

  it('never for ED or hospital visits', () => {
    const note = `ED NOTE

Assessment: Essential hypertension, well controlled. Continue amlodipine 5 mg. Follow-up with PCP in 2 weeks.`;
    expect(codesOf(runEm(note, { diagnoses: [['I10', 'Essential hypertension']] }))).toEqual(['99283']);
  });
});

describe('visits this finder does not level', () => {
  it('a preventive visit has its own codes: nothing is proposed and nothing asked', () => {
    const note = `ANNUAL PHYSICAL

45 yo for her annual preventive exam. Feels well.
Assessment/Plan: Routine adult health maintenance exam. Mammogram ordered.`;
    expect(runEm(note, { diagnoses: [['Z00.00', 'Routine adult health maintenance exam']] })).toEqual({
      procedures: [],
      queries: [],
    });
  });

  it('a routine post-operative visit in the global period is 99024', () => {
    const note = `Orthopaedic follow-up

Here for routine 6-week post-op visit after ORIF of the right ankle. Incision healed.
A/P: healing as expected, advance weight bearing.`;
    const f = runEm(note, { visit: { patientStatus: 'established' } });
    expect(codesOf(f)).toEqual(['99024']);
    expect(primary(f).rationale.rule).toContain('global period');
    expect(primary(f).evidence[0]?.text).toBe('routine 6-week post-op');
  });
});

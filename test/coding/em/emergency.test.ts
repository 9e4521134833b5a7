// Emergency department levels 99281-99285: MDM only, never time; 99281 for a staff-only visit.
import { describe, expect, it } from 'vitest';
import { codesOf, itemsOf, primary, runEm } from './helpers.js';

describe('emergency department E/M', () => {
  it('99281: a visit by nursing staff only', () => {
    const note = `ED NOTE

Patient seen by triage nurse only for a dressing check; wound clean. Left before provider evaluation.`;
    const f = runEm(note);
    expect(codesOf(f)).toEqual(['99281']);
    expect(primary(f).rationale.rule).toContain('no MDM or time requirement');
  });

  it('99282: straightforward (a minor problem, nothing ordered, minimal risk)', () => {
    const note = `ED PROVIDER NOTE

HPI: 22 yo with a splinter in the left palm since this morning, removed at home.
Exam: tiny puncture, no foreign body, no erythema.
Dx: Puncture wound of left palm, minor.
Plan: keep clean, bandage.`;
    const f = runEm(note, { diagnoses: [['S61.432A', 'Puncture wound of left palm']] });
    const p = primary(f);
    expect(p.code).toBe('99282');
    expect(p.rationale.em).toMatchObject({ category: 'emergency', method: 'mdm' });
    expect(p.rationale.em?.patientStatus).toBeUndefined();
  });

  it('99283: low (an acute uncomplicated injury, an OTC drug)', () => {
    const note = `Emergency Department Note

HPI: 30 yo rolled the right ankle playing soccer, bearing weight.
Exam: lateral swelling, no bony tenderness (Ottawa negative). No x-rays.
Dx: Sprain of right ankle.
Plan: RICE, ibuprofen 400 mg as needed, crutches.`;
    const f = runEm(note, { diagnoses: [['S93.401A', 'Sprain of right ankle']] });
    const p = primary(f);
    expect(p.code).toBe('99283');
    expect(itemsOf(p, 'risk')).toContain('over-the-counter drug: ibuprofen');
    expect(itemsOf(p, 'data')).toEqual([]);
  });

  it('99284: moderate (undiagnosed problem with work-up, three tests, a prescription)', () => {
    const note = `ED PROVIDER NOTE

HPI: 41 yo with 2 days of right lower quadrant pain and nausea, no fever.
Labs: WBC 9.1, lipase normal, UA negative.
MDM: abdominal pain, most likely gastroenteritis vs early appendicitis; CT abdomen ordered and negative.
Dx: Right lower quadrant abdominal pain.
Plan: ondansetron 4 mg ODT, return if worse.`;
    const f = runEm(note, { diagnoses: [['R10.31', 'Right lower quadrant abdominal pain']] });
    const p = primary(f);
    expect(p.code).toBe('99284');
    expect(p.rationale.em?.mdm).toMatchObject({
      level: 'moderate',
      problems: { level: 'moderate' },
      data: { level: 'moderate' },
    });
    expect(itemsOf(p, 'problems')[0]).toMatch(/^undiagnosed new problem with uncertain prognosis/);
  });

  it('99285: high (threat ruled out, independent interpretation and discussion, admission)', () => {
    const note = `ED PROVIDER NOTE

HPI: 62 yo with sudden pleuritic chest pain and dyspnea after a long flight.
ECG: sinus tachycardia. Troponin 0.09. D-dimer elevated.
MDM: concern for pulmonary embolism; I personally reviewed the CTA images: segmental filling defects. Discussed with Dr. Patel of hospital medicine.
Dx: Acute pulmonary embolism.
Dispo: admit to medicine on heparin infusion.`;
    const f = runEm(note, { age: 62, diagnoses: [['I26.99', 'Acute pulmonary embolism']] });
    const p = primary(f);
    expect(p.code).toBe('99285');
    expect(p.rationale.em?.mdm).toMatchObject({
      level: 'high',
      problems: { level: 'high' },
      data: { level: 'high' },
      risk: { level: 'high' },
    });
    const data = itemsOf(p, 'data');
    expect(data).toContain('independent interpretation of a test');
    expect(data).toContain('discussion of management with an external physician or qualified source');
  });

  it('is never chosen by time, and says so', () => {
    const note = `ED NOTE

Dx: Sprain of right ankle.
Plan: RICE, crutches.
Total time spent: 75 minutes.`;
    const p = primary(runEm(note, { diagnoses: [['S93.401A', 'Sprain of right ankle']] }));
    expect(p.code).toBe('99282');
    expect(p.rationale.em?.method).toBe('mdm');
    expect(p.rationale.details).toContain(
      'time is documented but emergency department levels are chosen by MDM only',
    );
  });

  it('is read from the encounter record when the note does not say', () => {
    const note = `HPI: 30 yo rolled the right ankle.
Dx: Sprain of right ankle.
Plan: RICE.`;
    const p = primary(
      runEm(note, { visit: { place: 'emergency' }, diagnoses: [['S93.401A', 'Sprain of right ankle']] }),
    );
    expect(p.rationale.em?.category).toBe('emergency');
    expect(p.rationale.details[0]).toBe('category: emergency, from encounter record (place: emergency)');
  });

  it('a return-to-ED instruction in an office note does not make it an ED visit', () => {
    const note = `Follow-up visit

Assessment: Sprain of right ankle.
Plan: RICE. Return to the ED if numbness.`;
    expect(
      primary(runEm(note, { diagnoses: [['S93.401A', 'Sprain of right ankle']] })).rationale.em?.category,
    ).toBe('office');
  });
});

// Office/outpatient levels by medical decision making: every new (99202-99205) and established
// (99212-99215) level from synthetic notes, the grid each level read, and 99211.
import { describe, expect, it } from 'vitest';
import { codesOf, itemsOf, primary, runEm } from './helpers.js';

describe('office E/M by MDM, new patients', () => {
  it('99202: one minor problem, no data, minimal risk (straightforward)', () => {
    const note = `NEW PATIENT VISIT

CC: bug bite on the left forearm yesterday.
HPI: 30 yo woman noticed an itchy bump after gardening. No fever, no spreading redness.
Exam: 1 cm erythematous papule, no induration.
Assessment: Insect bite of left forearm, minor, self-limited.
Plan: cool compresses, reassurance.`;
    const f = runEm(note, { diagnoses: [['S50.862A', 'Insect bite of left forearm']] });
    const p = primary(f);
    expect(codesOf(f)).toEqual(['99202']);
    expect(p.rationale.em).toMatchObject({ category: 'office', patientStatus: 'new', method: 'mdm' });
    expect(p.rationale.em?.mdm?.level).toBe('straightforward');
    expect(itemsOf(p, 'problems')[0]).toMatch(/^self-limited or minor problem \(S50\.862A\)/);
    expect(p.rationale.rule).toBe(
      'AMA 2021 office/outpatient E/M: MDM straightforward (problems straightforward, data straightforward, risk straightforward; 2 of 3 elements), new patient',
    );
  });

  it('99203: an acute uncomplicated illness, two tests, an OTC drug (low)', () => {
    const note = `New patient visit

CC: burning with urination x 2 days.
HPI: 24 yo woman, no fever, no flank pain.
UA: nitrite positive, leukocyte esterase 2+.
Assessment: Acute cystitis without hematuria.
Plan: urine culture sent. Phenazopyridine discussed; acetaminophen for discomfort. Fluids.`;
    const f = runEm(note, { diagnoses: [['N30.00', 'Acute cystitis without hematuria']] });
    const p = primary(f);
    expect(codesOf(f)).toEqual(['99203']);
    expect(p.rationale.em?.mdm).toMatchObject({
      level: 'low',
      problems: { level: 'low' },
      data: { level: 'low' },
      risk: { level: 'low' },
    });
    expect(itemsOf(p, 'data')).toEqual([
      'unique test reviewed: urinalysis',
      'unique test ordered: urine culture',
    ]);
    expect(itemsOf(p, 'risk')).toContain('over-the-counter drug: acetaminophen');
  });

  it('99204: two stable chronic illnesses and prescription drug management (moderate)', () => {
    const note = `NEW PATIENT - establishing care

HPI: 58 yo man moving from out of state, on lisinopril and atorvastatin.
Exam: BP 128/78.
Assessment and plan:
1. Essential hypertension, well controlled - continue lisinopril 20 mg daily.
2. Hyperlipidemia, at goal - continue atorvastatin 40 mg.`;
    const f = runEm(note, {
      diagnoses: [
        ['I10', 'Essential hypertension'],
        ['E78.5', 'Hyperlipidemia'],
      ],
    });
    const p = primary(f);
    expect(codesOf(f)[0]).toBe('99204');
    expect(p.rationale.em?.mdm).toMatchObject({
      level: 'moderate',
      problems: { level: 'moderate' },
      risk: { level: 'moderate' },
    });
    expect(itemsOf(p, 'problems')).toEqual([
      'stable chronic illness (I10): "well controlled"',
      'stable chronic illness (E78.5): "at goal"',
    ]);
    expect(p.diagnosisPointers).toEqual(['I10', 'E78.5']);
  });

  it('99205: a threat to life and a decision to hospitalize (high)', () => {
    const note = `New patient

HPI: 66 yo man with 2 days of chest pressure at rest, diaphoresis.
ECG: new ST depressions in V4-V6.
Assessment: Chest pain concerning for acute coronary syndrome.
Plan: aspirin 325 mg given; sent to the ED for admission.`;
    const f = runEm(note, { age: 66, diagnoses: [['R07.9', 'Chest pain']] });
    const p = primary(f);
    expect(codesOf(f)).toEqual(['99205']);
    expect(p.rationale.em?.mdm).toMatchObject({
      level: 'high',
      problems: { level: 'high' },
      risk: { level: 'high' },
    });
    expect(itemsOf(p, 'risk').some((l) => l.startsWith('decision regarding hospitalization'))).toBe(true);
  });
});

describe('office E/M by MDM, established patients', () => {
  it('99212: a self-limited problem at a follow-up (straightforward)', () => {
    const note = `Follow-up visit

HPI: 40 yo woman with 3 days of runny nose and sore throat, improving.
Exam: mild pharyngeal erythema, lungs clear.
Assessment: Viral URI, self-limited.
Plan: rest and fluids.`;
    const f = runEm(note, { diagnoses: [['J06.9', 'Viral URI']] });
    expect(codesOf(f)).toEqual(['99212']);
    expect(primary(f).rationale.em?.patientStatus).toBe('established');
  });

  it('99213: one stable chronic illness with prescription drug management (low)', () => {
    const note = `Follow-up visit

HPI: 61 yo woman with hypothyroidism, feels well.
TSH 2.0.
Assessment: Hypothyroidism, stable. Continue levothyroxine 75 mcg.`;
    const f = runEm(note, { diagnoses: [['E03.9', 'Hypothyroidism']] });
    const p = primary(f);
    expect(codesOf(f)[0]).toBe('99213');
    expect(p.rationale.em?.mdm).toMatchObject({
      level: 'low',
      problems: { level: 'low' },
      data: { level: 'straightforward' },
      risk: { level: 'moderate' },
    });
    expect(p.rationale.rule).toContain(
      'MDM low (problems low, risk moderate; 2 of 3 elements), established patient',
    );
  });

  it('99214: a chronic illness not at goal with a drug change (moderate)', () => {
    const note = `DM follow-up

HPI: 55 yo man, home glucose 180-250.
Labs: A1c 9.4%.
A/P: Type 2 diabetes mellitus with hyperglycemia, poorly controlled - increase metformin to 1000 mg BID, start semaglutide 0.25 mg weekly.`;
    const f = runEm(note, { diagnoses: [['E11.65', 'Type 2 diabetes mellitus with hyperglycemia']] });
    const p = primary(f);
    expect(codesOf(f)[0]).toBe('99214');
    expect(itemsOf(p, 'problems')[0]).toBe(
      'chronic illness with exacerbation, progression or treatment side effects (E11.65): "poorly controlled"',
    );
    expect(p.rationale.em?.mdm?.problems.items[0]?.evidence.map((e) => e.text)).toEqual([
      'Type 2 diabetes mellitus with hyperglycemia',
      'poorly controlled',
    ]);
  });

  it('99215: a chronic illness with severe exacerbation and a decision to admit (high)', () => {
    const note = `Pulmonary follow-up

HPI: 70 yo man with COPD, 3 days of worsening dyspnea, SpO2 86% on 2 L.
Assessment: COPD with severe exacerbation.
Plan: direct admission to the hospital; prednisone 40 mg daily.`;
    const f = runEm(note, { age: 70, diagnoses: [['J44.1', 'COPD with severe exacerbation']] });
    const p = primary(f);
    expect(codesOf(f)[0]).toBe('99215');
    expect(p.rationale.em?.mdm).toMatchObject({
      level: 'high',
      problems: { level: 'high' },
      risk: { level: 'high' },
    });
  });
});

describe('two of three elements', () => {
  it('a high problem with minimal data and low risk is low MDM, not high', () => {
    const note = `Follow-up visit

HPI: 45 yo woman for review after an ED visit.
Assessment: Pulmonary embolism, on treatment per hematology, doing well.
Plan: ice and rest for the calf; acetaminophen as needed.`;
    const f = runEm(note, { diagnoses: [['I26.99', 'Pulmonary embolism']] });
    const p = primary(f);
    expect(p.rationale.em?.mdm).toMatchObject({
      problems: { level: 'high' },
      data: { level: 'straightforward' },
      risk: { level: 'low' },
      level: 'low',
    });
    expect(codesOf(f)[0]).toBe('99213');
  });
});

describe('99211', () => {
  it('is reported for a documented nurse visit of an established patient, with no MDM or time', () => {
    const note = `NURSE VISIT

Established patient here for a blood pressure check by RN. BP 132/80. Reported to Dr. Lee, no changes.`;
    const f = runEm(note);
    const p = primary(f);
    expect(codesOf(f)).toEqual(['99211']);
    expect(p.rationale.em).toBeUndefined();
    expect(p.rationale.rule).toContain('no MDM or time requirement');
  });

  it('is never proposed for a new patient: a query asks the status instead', () => {
    const note = `NURSE VISIT

New patient here for a blood pressure check by RN. BP 132/80.`;
    const f = runEm(note);
    expect(f.procedures).toEqual([]);
    expect(f.queries[0]?.element).toBe('new or established patient');
    expect(f.queries[0]?.question).toContain('99211 is for established patients only');
  });
});

import { describe, expect, it } from 'vitest';
import { findSections, sectionAt } from '../../src/nlp/sections.js';

describe('findSections', () => {
  it('recognizes common headers and variants with offsets', () => {
    const text =
      'CC: cough\nHPI: 3 days of cough.\nPMH:\n- HTN\nFamily Hx: none\nROS: negative\nA/P:\n1. Bronchitis\n';
    const sections = findSections(text);
    expect(sections.map((s) => s.kind)).toEqual([
      'chief_complaint',
      'hpi',
      'past_medical_history',
      'family_history',
      'ros',
      'assessment_plan',
    ]);
    const ap = sections.at(-1)!;
    expect(text.slice(ap.start, ap.bodyStart)).toBe('A/P:');
    expect(text.slice(ap.bodyStart, ap.end).trim()).toBe('1. Bronchitis');
    expect(sectionAt(sections, text.indexOf('Bronchitis'))?.kind).toBe('assessment_plan');
  });

  it.each([
    ['IMPRESSION:', 'assessment'],
    ['Assessment and Plan', 'assessment_plan'],
    ['Discharge Diagnoses:', 'diagnoses'],
    ['Physical Examination:', 'exam'],
    ['Social History:', 'social_history'],
    ['History of Present Illness:', 'hpi'],
    // Terse emergency-department headers.
    ['Dx:', 'diagnoses'],
    ['ED Diagnosis:', 'diagnoses'],
    ['Dispo:', 'plan'],
    ['Rx:', 'plan'],
    ['MDM:', 'hospital_course'],
    ['UA:', 'results'],
    ['Social:', 'social_history'],
    ['S:', 'hpi'],
    ['O:', 'exam'],
    ['MSE:', 'exam'],
    ['PMH/PSH:', 'past_medical_history'],
    ['Discharge meds:', 'medications'],
    // Any test or imaging study introduces results.
    ['CT maxillofacial:', 'results'],
    ['XR L wrist:', 'results'],
    ['MRI brain:', 'results'],
    ['Rapid strep:', 'results'],
  ])('%s → %s', (header, kind) => {
    expect(findSections(`${header}\nsomething`)[0]?.kind).toBe(kind);
  });

  it('keeps text before the first header as a preamble and ignores non-header lines', () => {
    const s = findSections('Patient seen today.\nHypertension: controlled\nPlan: continue');
    expect(s.map((x) => x.kind)).toEqual(['preamble', 'plan']);
  });

  it('needs a colon for one-letter headers', () => {
    expect(findSections('A\nP').length).toBe(1);
    expect(findSections('A: x\nP: y').map((s) => s.kind)).toEqual(['assessment', 'plan']);
  });
});

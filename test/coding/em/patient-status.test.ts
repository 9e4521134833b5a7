// New or established: the encounter record first, then wording that names the status, then
// wording that implies it where the note opens; a disagreement or silence is a query.
import { describe, expect, it } from 'vitest';
import { primary, runEm } from './helpers.js';

const BODY = `
Assessment: Essential hypertension, well controlled. Continue lisinopril 10 mg.`;
const HTN: [string, string] = ['I10', 'Essential hypertension'];

function statusOf(opening: string, visit?: { patientStatus: 'new' | 'established' }) {
  const f = runEm(`${opening}\n${BODY}`, { diagnoses: [HTN], ...(visit ? { visit } : {}) });
  return { f, p: f.procedures[0] };
}

describe('new or established patient', () => {
  it('the encounter record wins over the note', () => {
    const { p } = statusOf('New patient visit', { patientStatus: 'established' });
    expect(p?.rationale.em?.patientStatus).toBe('established');
    expect(p?.code).toBe('99213');
    expect(p?.rationale.details).toContain('patient status: encounter record (established)');
  });

  it('stated in the note', () => {
    expect(statusOf('NEW PATIENT VISIT').p?.code).toBe('99203');
    expect(statusOf('Established patient, seen for blood pressure.').p?.code).toBe('99213');
    expect(statusOf('34 yo woman, established with me, seen for blood pressure.').p?.code).toBe('99213');
    expect(statusOf('72M, my long-standing patient, for his blood pressure.').p?.code).toBe('99213');
  });

  it('implied by a referral or consult (new, with the 3-year rule reminder) or a follow-up (established)', () => {
    const consult = statusOf('Cardiology consult\n\nReferred by Dr. Chen for blood pressure.').p!;
    expect(consult.rationale.em?.patientStatus).toBe('new');
    expect(consult.rationale.details).toContain(
      'a patient seen by the same group and specialty within 3 years is established: check',
    );
    expect(statusOf('Hypertension follow-up').p?.rationale.em?.patientStatus).toBe('established');
    expect(
      statusOf('Here since her last visit in May for a BP recheck.').p?.rationale.em?.patientStatus,
    ).toBe('established');
  });

  it('a future follow-up in the plan does not make a new patient established', () => {
    const f = runEm(`New patient visit\n${BODY}\nPlan: follow-up in 3 months.`, { diagnoses: [HTN] });
    expect(primary(f).rationale.em?.patientStatus).toBe('new');
  });

  it('conflicting implied wording gets a query naming both', () => {
    const { f } = statusOf('Consult for blood pressure follow-up');
    expect(f.procedures).toEqual([]);
    expect(f.queries[0]?.element).toBe('new or established patient');
    expect(f.queries[0]?.question).toContain('both new and established');
    expect(f.queries[0]?.evidence.map((e) => e.text)).toEqual(['Consult', 'follow-up']);
  });

  it('silence gets a query with the office codes it decides, not a guess', () => {
    const { f } = statusOf('Office visit');
    expect(f.procedures).toEqual([]);
    expect(f.queries).toEqual([
      expect.objectContaining({
        element: 'new or established patient',
        affectedCodes: ['99202', '99203', '99204', '99205', '99211', '99212', '99213', '99214', '99215'],
      }),
    ]);
  });
});

// The three MDM elements on their own: which problems count as addressed and how complex they
// are, what counts as data (categories 1-3), and the risk of each kind of management.
import { describe, expect, it } from 'vitest';
import { type Dx, itemsOf, primary, runEm } from './helpers.js';

const grid = (note: string, diagnoses: Dx[] = [], age = 50) =>
  primary(runEm(note, { diagnoses, age, visit: { patientStatus: 'established' } }));

describe('problems addressed', () => {
  it('a condition only in the history is not addressed; its words again in the plan are', () => {
    const note = `HPI: 60 yo with HLD and GERD on omeprazole.
Assessment: Acute bronchitis.
Plan: benzonatate 100 mg TID; continue statin for hyperlipidemia.`;
    const p = grid(note, [
      ['J20.9', 'Acute bronchitis'],
      ['E78.5', 'HLD'],
      ['K21.9', 'GERD'],
    ]);
    expect(p.rationale.em?.mdm?.problems.items.map((i) => i.label.split(':')[0])).toEqual([
      'acute, uncomplicated illness or injury (J20.9)',
      'stable chronic illness (E78.5)',
    ]);
    expect(p.rationale.em?.mdm?.problems.items[1]?.evidence[0]?.text).toBe('hyperlipidemia');
  });

  it('a problem another clinician manages ("per PCP") is not addressed', () => {
    const note = `Assessment:
1. Primary osteoarthritis, right knee, worsening - injection discussed.
2. Hypertension - per PCP.`;
    const p = grid(note, [
      ['M17.11', 'Primary osteoarthritis, right knee'],
      ['I10', 'Hypertension'],
    ]);
    expect(itemsOf(p, 'problems')).toHaveLength(1);
    expect(p.diagnosisPointers).toEqual(['M17.11']);
  });

  it('diagnoses in one assessment sentence are one problem (a combination and its partner)', () => {
    const note = `A/P:
1. Type 2 diabetes mellitus with diabetic chronic kidney disease, CKD stage 3a - stable, continue metformin.`;
    const p = grid(note, [
      ['E11.22', 'Type 2 diabetes mellitus with diabetic chronic kidney disease'],
      ['N18.31', 'CKD stage 3a'],
    ]);
    expect(itemsOf(p, 'problems')).toEqual(['stable chronic illness (E11.22, N18.31): "stable"']);
    expect(p.rationale.em?.mdm?.problems.level).toBe('low');
  });

  it('a threat evaluated and ruled out makes the problem high', () => {
    const note = `Impression: Atypical chest pain, ACS ruled out; probable costochondritis.
Plan: ibuprofen 400 mg.`;
    const p = grid(note, [['R07.89', 'Atypical chest pain']]);
    expect(p.rationale.em?.mdm?.problems.level).toBe('high');
    expect(itemsOf(p, 'problems')[0]).toContain('"ACS"');
  });

  it('a denied threat is not one', () => {
    const note = `Assessment: Chest wall pain. No ACS symptoms.
Plan: ibuprofen 400 mg.`;
    expect(grid(note, [['R07.89', 'Chest wall pain']]).rationale.em?.mdm?.problems.level).toBe('low');
  });

  it('injuries: a fracture is complicated, a contusion is not', () => {
    expect(
      itemsOf(
        grid('Dx: Closed fracture of nasal bones.', [['S02.2XXA', 'Closed fracture of nasal bones']]),
        'problems',
      )[0],
    ).toMatch(/^acute complicated injury/);
    expect(
      itemsOf(grid('Dx: Contusion of left thigh.', [['S70.12XA', 'Contusion of left thigh']]), 'problems')[0],
    ).toMatch(/^acute, uncomplicated illness or injury/);
  });

  it('an acute illness with dehydration is systemic', () => {
    const note = 'A: Acute viral gastroenteritis with dehydration.';
    const p = grid(note, [
      ['A08.4', 'Acute viral gastroenteritis'],
      ['E86.0', 'dehydration'],
    ]);
    expect(itemsOf(p, 'problems')).toEqual([
      'acute illness with systemic symptoms (A08.4, E86.0): diagnosis with systemic effects',
    ]);
  });

  it('without coded diagnoses each assessment line is read on its words', () => {
    const note = `Assessment:
1. Chronic back pain, worsening.
2. Rash on the arm.`;
    const p = grid(note);
    expect(itemsOf(p, 'problems')).toEqual([
      'chronic illness with exacerbation, progression or treatment side effects: "worsening"',
      'problem addressed (its nature not read without a coded diagnosis): no coded diagnosis for this assessment line',
    ]);
  });
});

describe('data reviewed and analysed', () => {
  it('limited by an independent historian alone; negated words around the historian do not matter', () => {
    const p = grid(
      `HPI: struck his head, no loss of consciousness per his friends.
Dx: Concussion without loss of consciousness.`,
      [['S06.0X0A', 'Concussion without loss of consciousness']],
    );
    expect(p.rationale.em?.mdm?.data).toMatchObject({
      level: 'low',
      items: [expect.objectContaining({ label: 'assessment requiring an independent historian' })],
    });
  });

  it("an infant's history is a caregiver's; a 3-year-old's when the note names the caregiver", () => {
    const infant = grid(
      'A: Acute bronchiolitis due to RSV.',
      [['J21.0', 'Acute bronchiolitis due to RSV']],
      0,
    );
    expect(infant.rationale.em?.mdm?.data.level).toBe('low');
    const named = grid(
      'Mom reports ear tugging.\nA: Acute otitis media.',
      [['H66.90', 'Acute otitis media']],
      3,
    );
    expect(itemsOf(named, 'data')[0]).toMatch(/^assessment requiring an independent historian/);
    const unnamed = grid(
      'Ear tugging x 2 days.\nA: Acute otitis media.',
      [['H66.90', 'Acute otitis media']],
      3,
    );
    expect(itemsOf(unnamed, 'data')).toEqual([]);
  });

  it('unique tests: a panel counts once, two CT regions twice, a results header is a test', () => {
    const note = `Labs: Na 138, K 4.1, creatinine 0.9.
CT maxillofacial: nasal bone fracture. CT head negative.
ECG:
sinus rhythm.
Dx: Closed fracture of nasal bones.`;
    const p = grid(note, [['S02.2XXA', 'Closed fracture of nasal bones']]);
    expect(itemsOf(p, 'data').sort()).toEqual([
      'unique test reviewed: CT head',
      'unique test reviewed: CT maxillofacial',
      'unique test reviewed: ECG',
      'unique test reviewed: metabolic panel',
    ]);
    expect(p.rationale.em?.mdm?.data.level).toBe('moderate');
  });

  it('not counted: tests decided against, an old dated result, a decision rule named for a test', () => {
    const note = `HPI: EF 30% on echo 6/2019.
Canadian CT head rule: low risk. No x-rays per Ottawa rules.
Dx: Sprain of right ankle.`;
    expect(itemsOf(grid(note, [['S93.401A', 'Sprain of right ankle']]), 'data')).toEqual([]);
  });

  it('extensive: category 1 (three items), independent interpretation and a discussion', () => {
    const note = `Outside records reviewed from the referring hospital.
Labs: troponin 0.02, BNP 450.
I personally reviewed the chest x-ray images: no edema. Discussed with Dr. Ruiz of cardiology.
Assessment: Chronic systolic heart failure, worsening.`;
    const p = grid(note, [['I50.22', 'Chronic systolic heart failure']]);
    expect(p.rationale.em?.mdm?.data.level).toBe('high');
    expect(itemsOf(p, 'data')).toEqual(
      expect.arrayContaining([
        'review of an external note',
        'independent interpretation of a test',
        'discussion of management with an external physician or qualified source',
      ]),
    );
  });
});

describe('risk of management', () => {
  const risk = (plan: string) =>
    grid(`Assessment: Primary osteoarthritis, right knee.\nPlan: ${plan}`, [
      ['M17.11', 'Primary osteoarthritis, right knee'],
    ]);

  it('OTC at OTC strength is low; above it, or by injection, prescription management is moderate', () => {
    expect(risk('ibuprofen 400 mg as needed.').rationale.em?.mdm?.risk.level).toBe('low');
    expect(itemsOf(risk('naproxen 500 mg BID.'), 'risk')).toEqual([
      'prescription drug management: naproxen (500 mg is above the OTC strength (220 mg))',
    ]);
    expect(risk('ketorolac 30 mg IM given.').rationale.em?.mdm?.risk.level).toBe('moderate');
  });

  it('a drug in the medication list alone is not management', () => {
    const p = grid(
      `Meds: lisinopril 10 mg daily.
Assessment: Primary osteoarthritis, right knee.
Plan: ice, rest.`,
      [['M17.11', 'Primary osteoarthritis, right knee']],
    );
    expect(p.rationale.em?.mdm?.risk.level).toBe('straightforward');
  });

  it('elective major surgery: moderate, high with identified risk factors', () => {
    expect(
      risk('total knee arthroplasty discussed; she wants to proceed.').rationale.em?.mdm?.risk.level,
    ).toBe('moderate');
    expect(
      risk('total knee arthroplasty scheduled. Pre-op: hold apixaban 2 days, cardiac clearance.').rationale.em
        ?.mdm?.risk.level,
    ).toBe('high');
  });

  it('high: intensive monitoring for toxicity, parenteral controlled substances, DNR', () => {
    expect(
      risk('methotrexate 15 mg weekly with CBC and LFT monitoring for toxicity.').rationale.em?.mdm?.risk
        .level,
    ).toBe('high');
    expect(risk('morphine 4 mg IV for pain.').rationale.em?.mdm?.risk.level).toBe('high');
    expect(risk('after discussion, DNR status confirmed.').rationale.em?.mdm?.risk.level).toBe('high');
  });

  it('moderate: treatment limited by social determinants of health', () => {
    expect(itemsOf(risk('cannot afford the brace; home exercise program instead.'), 'risk')[0]).toMatch(
      /^diagnosis or treatment significantly limited by social determinants of health/,
    );
  });

  it('a historical surgery is no decision', () => {
    expect(risk('s/p ORIF 2019; ice and rest.').rationale.em?.mdm?.risk.level).toBe('straightforward');
  });
});

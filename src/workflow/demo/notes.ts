/**
 * Synthetic encounters for the demo workbench (written for medcoder; no real patient). The
 * first reuses samples/demo-note.txt; the rest cover common outpatient and one inpatient case.
 */
export interface DemoEncounter {
  /** A file under samples/, or the note text itself. */
  sample?: string;
  text?: string;
  displayName: string;
  birthDate: string;
  sex: 'F' | 'M';
  /**
   * Days before the demo is seeded: dates relative to the first start keep the demo's claims
   * inside the payers' filing window (365 days), whenever the workbench is first started.
   */
  daysAgo: number;
  setting: 'outpatient' | 'inpatient';
  payer: string;
  /** Run the engine during seeding so the encounter opens with suggestions. */
  suggest: boolean;
}

export const DEMO_ENCOUNTERS: readonly DemoEncounter[] = [
  {
    sample: 'demo-note.txt',
    displayName: 'Rivera, Ana',
    birthDate: '1957-11-20',
    sex: 'F',
    daysAgo: 70,
    setting: 'outpatient',
    payer: 'Medicare',
    suggest: true,
  },
  {
    text: `URGENT CARE VISIT

CHIEF COMPLAINT: Cough and fever for 3 days.

HPI: 34-year-old man with productive cough, fever to 101.5 F and right-sided pleuritic chest pain.
No recent travel. Non-smoker.

EXAM: Crackles at the right lung base. Oxygen saturation 95% on room air.

IMAGING: Chest x-ray shows right lower lobe consolidation.

ASSESSMENT: Community-acquired pneumonia, right lower lobe.

PLAN: Amoxicillin-clavulanate and azithromycin. Return if short of breath.`,
    displayName: 'Okafor, James',
    birthDate: '1990-06-14',
    sex: 'M',
    daysAgo: 160,
    setting: 'outpatient',
    payer: 'Acme Health',
    suggest: true,
  },
  {
    text: `OFFICE VISIT

CHIEF COMPLAINT: Knee pain.

HPI: 58-year-old woman with chronic pain in the left knee, worse on stairs, for 2 years.
Morning stiffness under 30 minutes. No trauma.

EXAM: Crepitus and medial joint line tenderness of the left knee. BMI 32.

X-RAY: Joint space narrowing medial compartment, osteophytes.

ASSESSMENT:
1. Primary osteoarthritis of the left knee.
2. Obesity.

PLAN: Physical therapy, weight loss counselling, acetaminophen as needed.`,
    displayName: 'Chen, Linda',
    birthDate: '1966-09-03',
    sex: 'F',
    daysAgo: 120,
    setting: 'outpatient',
    payer: 'Blue Plan',
    suggest: true,
  },
  {
    text: `FOLLOW-UP VISIT

HPI: 72-year-old man with chronic systolic heart failure and hypertension. Ankle swelling has
improved on the higher furosemide dose. Atrial fibrillation, rate controlled, on apixaban.

ASSESSMENT:
1. Hypertensive heart disease with chronic systolic congestive heart failure.
2. Permanent atrial fibrillation.
3. Long-term use of anticoagulant.

PLAN: Continue furosemide 40 mg daily, metoprolol, apixaban. Basic metabolic panel in 1 week.`,
    displayName: 'Novak, Peter',
    birthDate: '1952-04-30',
    sex: 'M',
    daysAgo: 85,
    setting: 'outpatient',
    payer: 'Medicare',
    suggest: false,
  },
  {
    text: `EMERGENCY DEPARTMENT NOTE

HPI: 25-year-old woman slipped on ice and fell on her outstretched right hand this morning.
Pain and swelling of the right wrist.

X-RAY: Nondisplaced fracture of the distal radius, right. No other injury.

ASSESSMENT: Closed nondisplaced fracture of the right distal radius, initial encounter.

PLAN: Splint, orthopedics follow-up in 1 week, ibuprofen.`,
    displayName: 'Haddad, Sara',
    birthDate: '1999-12-01',
    sex: 'F',
    daysAgo: 140,
    setting: 'outpatient',
    payer: 'Acme Health',
    suggest: false,
  },
  {
    text: `DISCHARGE SUMMARY

ADMISSION DIAGNOSIS: Shortness of breath.

HOSPITAL COURSE: 80-year-old woman admitted with acute exacerbation of chronic obstructive
pulmonary disease. Treated with nebulized bronchodilators and prednisone. Urinary tract
infection found on admission, treated with ceftriaxone. Type 2 diabetes managed with insulin
sliding scale.

DISCHARGE DIAGNOSES:
1. Chronic obstructive pulmonary disease with acute exacerbation.
2. Urinary tract infection.
3. Type 2 diabetes mellitus without complications.

DISPOSITION: Home with home health.`,
    displayName: 'Brown, Margaret',
    birthDate: '1944-08-17',
    sex: 'F',
    daysAgo: 100,
    setting: 'inpatient',
    payer: 'Medicare',
    suggest: true,
  },
];

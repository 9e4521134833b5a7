/**
 * Whole notes written for these tests (not taken from the evaluation set), one per coding
 * convention the engine implements: each lists codes that must appear and codes that must not.
 */
import { describe, expect, it } from 'vitest';
import type { NoteInput } from '../../src/coding/types.js';
import { importedStores } from '../support/stores.js';
import { engineFor } from './fixtures.js';

const base = { setting: 'outpatient', dateOfService: '2023-03-02', age: 54, sex: 'M' } as const;

/** [convention, note, codes that must be reported, codes that must not]; a code ending in "*" is a prefix. */
const NOTES: Array<[string, string, string[], string[], Partial<NoteInput>?]> = [
  [
    '"at the age of 50" states an age; "age-related cognitive decline" is still R41.81',
    'Assessment:\n1. Age-related cognitive decline.\n2. Essential hypertension.\nFamily history: father had colon cancer at the age of 50.',
    ['R41.81', 'I10', 'Z80.0'],
    [],
  ],
  [
    'a condition the provider says this encounter does not manage is not coded (III, IV.J)',
    'Discharge diagnoses:\n1. Community acquired pneumonia of the right lower lobe.\n2. Osteoarthritis - stable, not treated this admission.',
    ['J18.9'],
    ['M19*'],
    { setting: 'inpatient' },
  ],
  [
    'a stated age ("at age 42", "52 years of age") is never the Index\'s "Age (old)"',
    'Assessment and Plan:\n- Essential hypertension. Colonoscopy due since age 45; patient is 52 years of age.',
    ['I10'],
    ['R41.81', 'R54'],
  ],
  [
    'a main term\'s essential words kept in the nemod are required ("Plus (and minus) hand")',
    'Assessment: Chronic kidney disease stage 3a for more than 3 months plus albuminuria.',
    ['N18.31'],
    ['M21*'],
  ],
  [
    'a main term with only a "see also" is followed there ("Nephrolithiasis — see also Calculus, kidney")',
    'Assessment: Nephrolithiasis, 6 mm, passing spontaneously; tamsulosin.',
    ['N20.0'],
    [],
  ],
  [
    'an NSAID the note says is taken long-term is Z79.1',
    'HPI: Chronic low back pain; takes naproxen daily for over 2 years.\nAssessment: Chronic low back pain. Long-term NSAID use reviewed.',
    ['Z79.1'],
    [],
  ],
  [
    'an NSAID or steroid course without a stated long-term use is not Z79.-',
    'HPI: Ankle sprain two days ago; taking ibuprofen as needed. Prednisone burst last spring for asthma.\nAssessment: Sprain of right ankle.',
    [],
    ['Z79.1', 'Z79.52'],
  ],
  [
    'an adjective of site is read as the organ the Index names ("abdominal" is "abdomen", "renal" is "kidney")',
    'Assessment:\n1. Esophageal stricture.\n2. Renal transplant recipient, graft function stable.\n3. Ileal Crohn disease.',
    ['K22.2', 'Z94.0', 'K50.00'],
    ['Z94.9', 'K50.90'],
  ],
  [
    'a symptom named by an adjective of site ("abdominal distension" is "Distension, abdomen")',
    'Assessment: Abdominal distension, cause unclear; no vomiting.',
    ['R14.0'],
    [],
  ],
  [
    "where the Index lists the adjective itself, the note's own word wins over the organ's noun",
    'Assessment: Cerebral contusion after a fall from a ladder.',
    ['S06.33*'],
    ['S06.2*'],
  ],
  [
    "an abbreviation's expansion is not read through site adjectives (GERD is not Disease, esophagus)",
    'Assessment: GERD, on omeprazole; no dysphagia.',
    ['K21.9'],
    ['K22*'],
  ],
  [
    'a type letter is a word ("Influenza, A" J10-; "Deficiency, vitamin, A"), the article is not',
    'A 30-year-old with fever and myalgia.\nAssessment:\n1. Influenza A, rapid antigen test positive.\n2. Vitamin A deficiency.',
    ['J10.1', 'E50.9'],
    ['J11*', 'E56.9'],
  ],
  [
    'the Tabular\'s "NOS" inclusion term is the default child; "with" and "other" choose none (J10.1, not J10.00)',
    'Assessment: Influenza B with fever and cough.',
    ['J10.1'],
    ['J10.0*'],
  ],
  [
    '"with" still chooses against a "without" sibling (M48.062, not M48.061)',
    'Assessment: Lumbar spinal stenosis with neurogenic claudication.',
    ['M48.062'],
    ['M48.061'],
  ],
  [
    'a sign stated with its site is the Index\'s "localized" (R59.0, R60.0), unless said to be generalized',
    'Assessment:\n1. Right axillary lymphadenopathy.\n2. Edema of the left ankle.',
    ['R59.0', 'R60.0'],
    ['R59.1', 'R60.9'],
  ],
  [
    '"localized" is read from a site only for signs: Lequesne osteoporosis and skin masses are not any sited one',
    'Assessment: Osteoporosis of the spine; renal mass on CT. Generalized lymphadenopathy with axillary nodes.',
    ['M81.0', 'N28.89', 'R59.1'],
    ['M81.6', 'R22.9', 'R59.0'],
  ],
  [
    'a bare "defect" or "deformity" is no congenital malformation (Q89.9) unless the note says congenital',
    'Assessment:\n1. Skin defect of the heel after debridement, for grafting.\n2. Superior arcuate visual field defect.\n3. Deformity of the left foot.',
    [],
    ['Q89.9'],
  ],
  [
    'a named or stated-congenital malformation is still coded (Q21.1-, Q89.9)',
    'Assessment:\n1. Atrial septal defect.\n2. Congenital defect, type not yet determined.',
    ['Q21.1*', 'Q89.9'],
    [],
  ],
  [
    '"wound" alone is the wound under care, no injury; with its site it is the open wound (S01.00XA)',
    'Assessment:\n1. Wound of the scalp after a fall.\n2. Wound review in clinic in 3 days; the wound edges are clean and dry.',
    ['S01.00XA'],
    ['T14.8*'],
  ],
  [
    'a coded subterm beats an uncoded heading that reads as much ("Wound, open, left" lists only quadrants)',
    'Assessment: Open wound of the left forearm, cleaned and dressed.',
    ['S51.802A'],
    ['T14.8*'],
  ],
  [
    'a device removed during the stay is a procedure, not an encounter for removal (Z46.6)',
    'Prostatectomy for benign prostatic hyperplasia. The postoperative course was uneventful and the urinary catheter was removed on the seventh day.',
    ['N40.0'],
    ['Z46*', 'Z48*'],
    { setting: 'inpatient' },
  ],
  [
    'a named joint reaches its entry through the Index\'s "joint" heading ("knee pain" is Pain, joint, knee)',
    'Assessment:\n1. Right knee pain after running.\n2. Left hip effusion on ultrasound.',
    ['M25.561', 'M25.452'],
    ['R52'],
  ],
  [
    'pain in a joint is integral to a confirmed diagnosis of that joint on that side (I.B.5)',
    'Assessment:\n1. Primary osteoarthritis of right knee.\n2. Right knee pain: see #1.\n3. Left knee pain after a twist last week.',
    ['M17.11', 'M25.562'],
    ['M25.561'],
  ],
  [
    'a hand or foot is a region, not a joint name: "hand lesions" are no joint disorder',
    'Assessment: Erythematous hand lesions, cultures pending.',
    [],
    ['M25*'],
  ],
  [
    'a spontaneous hematoma is the Index\'s nontraumatic one (I6-), not the traumatic default of "Hematoma"',
    'Assessment: Spontaneous intraparenchymal cerebral hematoma, managed conservatively.',
    ['I6*'],
    ['S06*'],
  ],
  [
    'an unspecified code whose "NOS" inclusion term covers the wording stays (H66.92: "Acute otitis media NOS")',
    'Assessment:\n1. Left acute otitis media.\n2. Interstitial pneumonia on CT, under review.',
    ['H66.92', 'J84.9'],
    ['H66.0*', 'J84.2'],
  ],
  [
    'a word that no "NOS" term of the unspecified code has still chooses the specific sibling (N18.5)',
    'Assessment: Chronic renal failure stage 5, on dialysis.',
    ['N18.5'],
    ['N18.9'],
  ],
  [
    '"strep" and "staph" are the Index\'s streptococcal and staphylococcal',
    'Assessment: Strep pharyngitis, rapid strep positive.',
    ['J02.0'],
    ['J02.9'],
  ],
  [
    'the Index path\'s words break a tie between Tabular children ("leg — see lower limb": not the axilla)',
    'Assessment: Cellulitis of the left leg, started on cephalexin.',
    ['L03.116'],
    ['L03.112'],
  ],
  [
    '"not specified as recurrent" is the default beside "recurrent"; "C. diff" is Clostridium difficile',
    'Assessment:\n1. C. diff colitis, on oral vancomycin.',
    ['A04.72'],
    ['K52.9', 'A04.71'],
  ],
  [
    'a subterm "not specified as X" is never taken when the note says X',
    'Assessment: Recurrent Clostridium difficile colitis.',
    ['A04.71'],
    ['A04.72'],
  ],
  [
    'a lower extremity is the Index\'s lower limb ("Cellulitis, lower limb"; "Pain, limb, lower")',
    'Assessment:\n1. Cellulitis of the left lower extremity.\n2. Pain in the right lower extremity.',
    ['L03.116', 'M79.604'],
    ['L03.90', 'R52'],
  ],
  [
    'a chronic disease the narrative states with its current treatment coexists and is coded (IV.J)',
    'HPI: 63 yo man with right shoulder pain for 3 months. Has type 2 diabetes on metformin; hypertension on lisinopril.\nAssessment: Adhesive capsulitis of right shoulder.',
    ['M75.01', 'E11.9', 'I10', 'Z79.84'],
    [],
  ],
  [
    'a chronic disease merely mentioned in the narrative, untreated, is not coded over the assessment',
    'HPI: 63 yo man with right shoulder pain for 3 months; his brother has diabetes. He had hypertension years ago.\nAssessment: Adhesive capsulitis of right shoulder.',
    ['M75.01'],
    ['E11*', 'I10'],
  ],
  [
    'a treated chronic disease restated in the assessment is coded once, as the assessment says it',
    'HPI: Type 2 diabetes on metformin, here for follow-up.\nAssessment: Type 2 diabetes with diabetic chronic kidney disease, stage 3a.',
    ['E11.22', 'N18.31'],
    ['E11.9'],
  ],
  [
    'a subterm that names what is absent needs the note to say so ("no diagnosis of hypertension")',
    'Assessment: Elevated blood pressure reading without diagnosis of hypertension; recheck in two weeks.',
    ['R03.0'],
    ['I10'],
  ],
  [
    'an elevated reading in a patient with hypertension is not R03.0',
    'Assessment: Essential hypertension with an elevated blood pressure reading today; increase amlodipine.',
    ['I10'],
    ['R03.0'],
  ],
  [
    "a screening ordered in the plan is a later encounter, not this visit's reason",
    'Assessment and Plan:\n- Essential hypertension, controlled; continue lisinopril.\n- Mammogram ordered. Papanicolaou smear at next visit.',
    ['I10'],
    ['Z12*', 'Z01*'],
  ],
  [
    '"due to" alone never selects a sibling code: "due to radiation" needs radiation',
    'Assessment: Colitis due to a viral illness last month, improving.',
    [],
    ['K52.0'],
  ],
  [
    'a cause the Index gives by class is passed to the member the note names (peanuts are food)',
    'Assessment: Anaphylactic reaction due to peanuts, initial encounter.',
    ['T78.01XA'],
    ['T78.2XXA', 'T78.00XA'],
  ],
  [
    'of two subterms reading one word each, the one next to the main term describes it',
    'Assessment: Schizophrenia, paranoid type, acute exacerbation after stopping medication.',
    ['F20.0'],
    ['F23'],
  ],
  [
    'acute on chronic heart failure is one code ("and (on) chronic" subterm), not acute alone',
    'Assessment: Acute on chronic diastolic congestive heart failure.',
    ['I50.33'],
    ['I50.31', 'I50.30'],
  ],
  [
    'connecting words never complete a main term ("and" is not "Andes")',
    'Assessment: Type 2 diabetes and diabetic chronic kidney disease stage 2.',
    ['E11.22', 'N18.2'],
    ['T70*'],
  ],
  [
    'symptoms from the history are not coded when the assessment concludes',
    'HPI: Three days of productive cough, fever and pleuritic chest pain.\nAssessment: Community acquired pneumonia of the right lower lobe.',
    ['J18.9'],
    ['R05*', 'R50*', 'R07*'],
  ],
  [
    'a qualified main term needs its qualifier (fracture is traumatic unless called pathological)',
    'HPI: Slipped on wet stairs at home yesterday.\nAssessment: Closed fracture of the shaft of the right humerus, initial encounter.',
    ['S42.301A'],
    ['M84*'],
  ],
  [
    'the qualifier, when stated, wins',
    'Assessment: Pathological fracture of the left femur due to osteoporosis, initial encounter.',
    ['M80.052A'],
    ['S72*'],
  ],
  [
    'cross references name subterms without NEC ("see Dependence, drug, nicotine")',
    'Social history: Smokes cigarettes daily.\nAssessment:\n1. Tobacco dependence, cigarettes.\n2. Acute bronchitis.',
    ['F17.210', 'J20.9'],
    ['F19*'],
  ],
  [
    'weeks of gestation with the pregnancy code, trimester from the weeks',
    'HPI: G2P1 at 30 weeks, here for a glucose recheck.\nAssessment: Gestational diabetes, controlled by diet.',
    ['O24.410', 'Z3A.30'],
    [],
    { sex: 'F', age: 31 },
  ],
  [
    'former smoker is personal history, BMI with obesity',
    'Social history: quit smoking in 2015.\nVitals: BMI 34.\nAssessment: Obesity. Essential hypertension.',
    ['Z87.891', 'Z68.34', 'I10'],
    ['F17*'],
  ],
  [
    'a negated subterm neither negates its condition nor selects the "with" entry',
    'Assessment:\n1. Type 2 diabetes mellitus without complications, on glipizide.\n2. Bipolar I disorder, current episode manic, severe, without psychotic features.',
    ['E11.9', 'Z79.84', 'F31.13'],
    ['E11.8', 'F31.2'],
  ],
  [
    'a chronic disease in the past medical history is current; "history of" is not',
    'PMH: Hypertension. Hypothyroidism. History of pneumonia.\nAssessment: Acute maxillary sinusitis.',
    ['J01.00', 'I10', 'E03.9'],
    ['J18*'],
  ],
  [
    'a terse note without English function words is still English; causation must be stated; a restated chronic disease is coded once',
    'PMH: HTN, CKD 3.\nAssessment:\n1. Hypertensive chronic kidney disease, CKD stage 3b.\n2. Essential hypertension.\nPlan: reviewed hypoglycemia precautions.',
    ['I12.9', 'N18.32'],
    ['I15*', 'I10', 'N18.30', 'E16*'],
  ],
  [
    'Latin noun and English adjective meet (myocardial → Index "myocardium"); a term never spans a semicolon',
    'Assessment:\n1. Acute NSTEMI.\n2. Obesity, BMI 33; dietitian for nutritional counseling.',
    ['I21.4', 'E66.9', 'Z68.33'],
    ['E66.09'],
  ],
  [
    'a history code may sit under a class subterm the note does not name (History, personal, benign neoplasm, colonic polyps); "past" before a condition means history',
    'Assessment:\n1. Essential hypertension.\n2. Prior colon polyps, last scope clear; repeat in 5 years.\n3. Past DVT, off anticoagulation.',
    ['I10', 'Z86.010', 'Z86.718'],
    ['K63.5', 'D12*', 'I82*'],
  ],
  [
    'intoxication with no documented abuse or dependence is use, unspecified, with intoxication',
    'HPI: Found drunk at a party, vomited once.\nAssessment: Acute alcohol intoxication, uncomplicated; counseled.',
    ['F10.920'],
    ['F10.120', 'F10.129'],
  ],
  [
    'documented abuse keeps the Index abuse-with-intoxication code',
    'Assessment: Alcohol abuse. Acute alcohol intoxication, uncomplicated.',
    ['F10.120'],
    ['F10.920'],
  ],
  [
    'external causes for an injury: mechanism, place, activity, status (initial encounter)',
    'CC: Right ankle pain.\nHPI: 24-year-old man rolled his right ankle while playing basketball at the school gym this afternoon and fell onto the court.\nAssessment: Sprain of the right ankle, initial encounter.',
    ['S93.401A', 'W19.XXXA', 'Y93.67', 'Y99.8'],
    [],
  ],
  [
    'no external cause without an injury; place and activity only at the initial encounter',
    'HPI: Fell while playing basketball at the park 3 weeks ago; here for cast check.\nAssessment: Torus fracture of the right distal radius, subsequent encounter for routine healing.',
    ['W19.XXXD'],
    ['Y92*', 'Y93*', 'Y99*'],
  ],
  [
    'an injury during a work shift has the status of work for pay (Y99.0), not leisure',
    'HPI: Nurse tripped over a cord in the hospital corridor during her shift and twisted her right knee.\nAssessment: Sprain of the right knee, initial encounter.',
    ['Y99.0'],
    ['Y99.8'],
  ],
  [
    'External Cause Index subterms list synonyms with commas ("down, stairs, steps")',
    'HPI: Fell down the stairs at home last night.\nAssessment: Contusion of the right hip, initial encounter.',
    ['S70.01XA', 'W10.9XXA'],
    ['W19*'],
  ],
  [
    'a connecting subterm with commas ("from, off, out of") is read through to what the patient fell from',
    'HPI: Fell from a ladder while cleaning gutters 4 weeks ago.\nAssessment: Fracture of the shaft of the right tibia, subsequent encounter for routine healing.',
    ['S82.201D', 'W11.XXXD'],
    ['W19*', 'Y92*', 'Y93*'],
  ],
  [
    'slipping on ice is W00.0; place and activity are those of the sentence telling the event; a dog is an animal',
    'HPI: Drove to the store in her car. Slipped on an icy sidewalk while walking her dog and fell on her outstretched hand.\nAssessment: Closed fracture of the distal left radius, initial encounter.',
    ['S52.502A', 'W00.0XXA', 'Y92.480', 'Y93.K1', 'Y99.8'],
    ['W01*', 'Y92.810', 'Y93.29'],
  ],
  [
    'a fall after colliding with another person is W03, and no transport accident is coded without a vehicle',
    'HPI: Collided with another player during a soccer game and fell onto the field.\nAssessment: Contusion of the left knee, initial encounter.',
    ['S80.02XA', 'W03.XXXA', 'Y93.66'],
    ['V*', 'W19*'],
  ],
  [
    "the note's own word outranks the class a synonym reads it as (bitten by a dog, not by an animal)",
    "HPI: Bitten by a neighbor's dog on the left forearm.\nAssessment: Dog bite of the left forearm, initial encounter.",
    ['S51.852A', 'W54.0XXA'],
    ['W55*', 'K13*'],
  ],
  [
    'a head word alone does not follow the cross reference of its qualified main term ("Antibodies, maternal")',
    'Assessment: Positive antinuclear antibodies. Essential hypertension.',
    ['I10'],
    ['O36*'],
  ],
  [
    'a subterm naming a site in noun and adjective form ("femur, femoral") is matched by either',
    'Assessment: Displaced fracture of the base of the neck of the right femur, initial encounter. Fracture of the left femoral neck, initial encounter.',
    ['S72.041A', 'S72.002A'],
    ['S12*', 'S72.9*'],
  ],
  [
    '"routine healing" states the encounter, not the Index\'s "healed or old" fracture; a hip fracture is one of the femoral neck',
    'Assessment: Right hip fracture, subsequent encounter for routine healing.',
    ['S72.001D'],
    ['T14*'],
  ],
  [
    'a toe joint is a foot site, gout without a stated cause is idiopathic, and "foot joint" / "hand joint" need not say "joint"',
    'Assessment: Acute gout of the right great toe. Osteoarthritis of the left hand. Closed fracture of the left great toe, initial encounter.',
    ['M10.071', 'M19.042', 'S92.402A'],
    ['M10.9', 'M10.00', 'M19.90', 'S92.302A'],
  ],
  [
    'a past-tense verb tells the event, not the activity ("stepped off the curb" is no step exercise)',
    'HPI: Stepped off the curb awkwardly outside the grocery store and rolled her right ankle.\nAssessment: Sprain of the right ankle, initial encounter.',
    ['S93.401A', 'Y92.512'],
    ['Y93*', 'Y99*'],
  ],
  [
    "a fracture's 7th character follows what is documented: an open fracture is B",
    'Assessment: Open fracture of the shaft of the right tibia, initial encounter.',
    ['S82.201B'],
    ['S82.201A'],
  ],
  [
    'a fracture with delayed healing is G at the subsequent encounter',
    'Assessment: Fracture of the shaft of the left humerus with delayed healing, subsequent encounter.',
    ['S42.302G'],
    ['S42.302D'],
  ],
  [
    'closed and routine healing are the defaults, whatever the repair was',
    'Assessment: Fracture of the right distal radius s/p open reduction internal fixation, subsequent encounter for routine healing.',
    ['S52.501D'],
    ['S52.501E'],
  ],
  [
    'a "with/without" 7th character follows the element documented (chronic gout with or without tophi)',
    'Assessment: Chronic gout of the right hand with tophi. Chronic gout of the left knee without tophi.',
    ['M1A.0411', 'M1A.0620'],
    ['M1A.0410', 'M1A.0621'],
  ],
  [
    'an uncoded External Cause Index term goes on through its "see also" when the note says more (cut with a knife → Contact, with, knife)',
    'HPI: Cut his left index finger with a kitchen knife while slicing vegetables.\nAssessment: Laceration of the left index finger without damage to nail, initial encounter.',
    ['S61.211A', 'W26.0XXA'],
    ['X50*'],
  ],
  [
    'a fall at a job site is work for pay (Y99.0)',
    'HPI: Fell from scaffolding at a job site this morning.\nAssessment: Contusion of the left hip, initial encounter.',
    ['S70.02XA', 'W12.XXXA', 'Y99.0'],
    ['Y99.8'],
  ],
  [
    'pain of the low back with sciatica is the Index combination "Lumbago, with sciatica" by side',
    'Assessment: Chronic low back pain with right sided sciatica; home exercises.',
    ['M54.41'],
    ['M54.50', 'M54.31', 'M54.3*'],
  ],
  [
    'no external cause without an injury',
    'HPI: Plays basketball at school.\nAssessment: Exercise-induced bronchospasm.',
    ['J45.990'],
    ['Y*', 'W*'],
  ],
  [
    'every "with" condition listed in the statement gets its combination code',
    'Assessment: Type 2 diabetes mellitus with hyperglycemia and with diabetic polyneuropathy.',
    ['E11.65', 'E11.42'],
    ['E11.9'],
  ],
  [
    'a Tabular inclusion term refines an Index code that stops at "unspecified"',
    'Assessment: Infant with acute bronchiolitis caused by RSV; supportive care.',
    ['J21.0'],
    ['J21.9', 'J21.8'],
  ],
  [
    'a Tabular title never adds an undocumented acuity',
    'Assessment: Chronic systolic heart failure, compensated.',
    ['I50.22'],
    ['I50.23', 'I50.9'],
  ],
  [
    'an adverse effect of a drug: the manifestation first, then the Table column "adverse effect"',
    'Assessment: Nausea with vomiting secondary to carboplatin.',
    ['R11.2', 'T45.1X5A'],
    ['T45.1X1A'],
  ],
  [
    'a poisoning with no stated intent is accidental and first-listed',
    'Assessment: Child brought in after swallowing grandmother pills; acetaminophen ingestion, asymptomatic.',
    ['T39.1X1A'],
    ['T39.1X2A', 'T39.1X4A'],
  ],
  [
    'underdosing with the reason the patient gives',
    'Assessment: Hypertension, uncontrolled; stopped taking lisinopril because of the cost.',
    ['I10', 'T46.4X6A', 'Z91.120'],
    ['T46.4X5A'],
  ],
  [
    'a drug named beside a cause that is not the drug is no adverse effect',
    'Assessment: Heartburn due to reflux, taking famotidine.',
    [],
    ['T47*'],
  ],
  [
    'a primary site and the site it spread to: Neoplasm Table primary and secondary columns',
    'Assessment: Adenocarcinoma of the prostate metastatic to bone, on androgen deprivation.',
    ['C61', 'C79.51'],
    ['C79.82', 'C41.9', 'C79.9'],
  ],
  [
    'metastases named by their site beside the primary',
    'Assessment: Sigmoid colon cancer with liver metastases.',
    ['C18.7', 'C78.7'],
    ['C78.5', 'C22.9'],
  ],
  [
    '"malignant neoplasm of" reads the Table with the stated behaviour and the patient\'s sex',
    'Assessment: Malignant neoplasm of the right breast.',
    ['C50.911'],
    ['C50.921', 'D49*'],
    { sex: 'F' },
  ],
  [
    'an encounter for chemotherapy is first-listed, the malignancy after it',
    'Chief complaint: Here for cycle 3 of chemotherapy.\nAssessment: Malignant neoplasm of the right breast.',
    ['Z51.11', 'C50.911'],
    [],
    { sex: 'F' },
  ],
  [
    'a histology subterm without a code ("Carcinoma, ductal") goes to the Neoplasm Table by site',
    'Assessment: Infiltrating ductal carcinoma of the right breast, upper-outer quadrant.',
    ['C50.411'],
    ['C50.911', 'C80.1'],
    { sex: 'F' },
  ],
  [
    'an "other specified type" Tabular entry is never taken for an undocumented type',
    'Assessment: Carcinoma in situ of the left breast.',
    ['D05.92'],
    ['D05.82', 'D05.90'],
    { sex: 'F' },
  ],
  [
    '"both" knees is the Index and Tabular "bilateral"',
    'Assessment: Primary osteoarthritis of both knees, worse on stairs.',
    ['M17.0'],
    ['M17.10', 'M17.11', 'M17.12'],
  ],
  [
    'a connecting word ("on" aspirin) never selects a sibling code ("chest pain on breathing")',
    'Assessment: Chest pain, on aspirin already.',
    ['R07.9'],
    ['R07.1'],
  ],
  [
    'a subterm denied after a "without" phrase: the "without" child (I.A: "with"/"without" subterms)',
    'Assessment: Intractable migraine without aura, no status migrainosus.',
    ['G43.019'],
    ['G43.011'],
  ],
  [
    'a "without" phrase ends at its comma: what follows is affirmed',
    'Assessment: Migraine without aura, intractable, with status migrainosus.',
    ['G43.011'],
    ['G43.009', 'G43.019'],
  ],
  [
    'a 7th character that is not an episode of care (the eye) comes from the documented side',
    'Assessment: Type 2 diabetes with moderate NPDR without macular edema OU.',
    ['E11.3393'],
    ['E11.3391', 'E11.3399'],
  ],
  [
    'no side documented: the "unspecified eye" 7th character, never the first one listed',
    'Assessment: Type 2 diabetes with moderate nonproliferative diabetic retinopathy without macular edema.',
    ['E11.3399'],
    ['E11.3391'],
  ],
  [
    'metastatic X cancer to Y: X is the primary, Y the secondary site (I.C.2)',
    'Assessment: Metastatic rectal adenocarcinoma to the lung, on FOLFOX.',
    ['C20', 'C78.00'],
    ['C79.9', 'C34*'],
  ],
  [
    'an Index entry that codes the primary directly still reports where it spread',
    'Assessment: Liver metastases from ovarian cancer.',
    ['C78.7', 'C56.9'],
    ['C79.9'],
    { sex: 'F' },
  ],
  [
    'a site adjective reads its organ in the Table and selects no sibling of its own',
    'Assessment: Pancreatic carcinoma, new diagnosis.',
    ['C25.9'],
    ['C25.3', 'C80*'],
  ],
  [
    'CLL is chronic lymphocytic leukemia of B-cell type; "not in remission" is current disease',
    'Assessment: CLL, not in remission, on ibrutinib.',
    ['C91.10'],
    ['Z85*', 'C95*', 'C91.11'],
  ],
  [
    'lung lobe initials give the lobe and the side',
    'Assessment: Squamous cell carcinoma of the LLL.',
    ['C34.32'],
    ['C34.90', 'C34.92'],
  ],
  [
    'what is monitored for, or "none so far", is not present',
    'Assessment: Hypertension. Started ibrutinib; monitor blood pressure and for atrial fibrillation. Chemotherapy-induced peripheral neuropathy - none so far.',
    ['I10'],
    ['I48*', 'G62*'],
  ],
  [
    'cancer-related pain is G89.3, not a pain of the metastatic site',
    'Assessment: Cancer-related pain from bone metastases of breast cancer.',
    ['G89.3', 'C79.51', 'C50.919'],
    ['M89*', 'R52'],
    { sex: 'F' },
  ],
  [
    'the bare word "symptoms" is not a diagnosis (Symptoms NEC)',
    'Assessment: Asthma, mild intermittent, well controlled. Reviewed warning symptoms with the patient.',
    ['J45.20'],
    ['R68*'],
  ],
  [
    'a word is looked up as written: "fitting" is the Index\'s Fitting, not Fit',
    'Assessment: Obstructive sleep apnea. Start CPAP; mask fitting next week.',
    ['G47.33'],
    ['R56*'],
  ],
  [
    "the combination code's title names the other condition of the statement (I.B.9)",
    'Assessment: Lumbar spinal stenosis with neurogenic claudication.',
    ['M48.062'],
    ['I73*'],
  ],
  [
    'a combination code naming a class covers the conditions of that class (metabolic disturbance)',
    'Assessment: Hyperemesis gravidarum with dehydration and ketosis.',
    ['O21.1'],
    ['E88*'],
    { sex: 'F', age: 27 },
  ],
  [
    'two readings of one condition in one category are not a combination',
    'Assessment: Acute on chronic diastolic congestive heart failure.',
    ['I50.33'],
    [],
  ],
  [
    'a finding offered as a marker of a condition does not establish it',
    'Assessment: Acanthosis nigricans, a marker of insulin resistance.',
    ['L83'],
    ['E88*'],
  ],
  [
    'a perineal laceration on a delivery record is O70.- by degree; O80 never goes with it',
    'DELIVERY SUMMARY\nG2P1 admitted at 39w2d in spontaneous labor.\nSpontaneous vaginal delivery of a single liveborn male, Apgars 8/9.\nPostpartum course uncomplicated, pain controlled with ibuprofen. Rubella immune.\nFinal Dx: Term pregnancy delivered, 2nd degree perineal laceration.',
    ['O70.1', 'Z3A.39', 'Z37.0'],
    ['O80', 'O70.9', 'S31*', 'Z33.1', 'B06*', 'R52'],
    { sex: 'F', age: 29, setting: 'inpatient' },
  ],
  [
    'a third-degree laceration with its stated grade',
    'Diagnoses: Term pregnancy, delivered vaginally of a liveborn girl; third-degree perineal laceration, grade 3b, repaired.',
    ['O70.22', 'Z37.0'],
    ['O70.20', 'O80'],
    { sex: 'F', age: 31, setting: 'inpatient' },
  ],
  [
    'the outcome of delivery goes with any chapter 15 code, here the indication for the cesarean',
    'Diagnoses: Singleton pregnancy at 39 weeks with breech presentation, delivered by cesarean section.\nUncomplicated C-section; liveborn female, Apgars 9/9.',
    ['O32.1XX0', 'Z3A.39', 'Z37.0'],
    ['O80', 'O82'],
    { sex: 'F', age: 33, setting: 'inpatient' },
  ],
  [
    "a laceration of a past delivery is not this delivery's",
    'HPI: G2P1 at 20 weeks, here for her anatomy scan. History of a third-degree laceration with her first delivery in 2019.\nAssessment: Supervision of normal pregnancy, second trimester.',
    [],
    ['O70*', 'Z37*'],
    { sex: 'F', age: 30 },
  ],
  [
    'the head word of a qualified term without subterms does not name it ("functioning", "pattern")',
    'Assessment: Type 1 diabetes mellitus. Insulin pump in place, functioning. Migraine without aura, stable; call for a change in pattern.',
    ['E10.9'],
    ['R41.83', 'G47.23'],
  ],
  [
    'the qualified term stated in full is still found',
    'Assessment: Borderline intellectual functioning.',
    ['R41.83'],
    [],
  ],
  [
    'nor does the head word of one whose only subterm is a cross reference ("fragments")',
    'HPI: Transurethral resection of a bladder tumor last week; the resected fragments had a white appearance.',
    [],
    ['H59.02*'],
  ],
  [
    "a pregnancy in a child's birth history is the mother's",
    'HPI: Girl of 4 with recurrent urinary tract infections. Pregnancy was properly monitored, without complications.',
    [],
    ['Z33*', 'O*', 'Z34*'],
    { sex: 'F', age: 4 },
  ],
  [
    'a blood gas, a scale of a named instrument and the exposure of a tendon are not diagnoses',
    'HPI: Arterial blood gas showed a pH of 7.23. NIHSS scale of 12 on arrival. Wide excision with exposure of the posterior tibial tendon.',
    [],
    ['R14.3', 'R23.4', 'T75.89XA'],
  ],
  [
    'a chronic disease introduced as "history of" with its current treatment is current',
    'HPI: 41-year-old man with a history of hypertension under medical treatment, here for hematuria. History of type 2 diabetes, on metformin.',
    ['I10', 'E11.9', 'R31.9'],
    ['Z86*', 'Z87*'],
  ],
  [
    'one the statement says has ended stays history',
    'HPI: History of hypertension, resolved after weight loss and no longer on lisinopril; here for hematuria.',
    ['R31.9'],
    ['I10'],
  ],
  [
    'the words an abbreviation stands for are read together: "HIV" gives no viral pneumonia',
    'Assessment: Pneumonia in a patient with HIV.',
    ['J18.9', 'B20'],
    ['J12*'],
  ],
  [
    'a negative or awaited HIV test is no HIV disease (I.C.1.a)',
    'HPI: Serologies for HIV, HBV and HCV were negative. Assessment: Community-acquired pneumonia, HIV test pending.',
    ['J18.9'],
    ['B20', 'Z21', 'B18*', 'B19*', 'J12*'],
  ],
  [
    'a cold biopsy, the basal ganglia, a foveal depression and anticoagulant therapy are not diagnoses',
    'HPI: Cold biopsy of the bladder, washed with cold water. MRI: normal basal ganglia. OCT: normal foveal depression. Atrial fibrillation on anticoagulant therapy.',
    ['I48.91'],
    ['J00', 'M67.4*', 'F32*', 'D68*'],
  ],
  [
    'a common cold, a ganglion cyst and major depression still are',
    'Assessment: Common cold. Ganglion cyst of the left wrist. Major depression, recurrent.',
    ['J00', 'M67.432', 'F33.9'],
    [],
  ],
  [
    'an organism not identified is no "specified organism"',
    'Assessment: Community-acquired pneumonia, organism not identified. Aspiration ruled out.',
    ['J18.9'],
    ['J16.8'],
  ],
  [
    'age is senility only as old age',
    "HPI: Given the patient's age, surgery was deferred. Born at term with a weight appropriate to gestational age.",
    [],
    ['R41.81', 'R54'],
  ],
  [
    'anesthesia and analgesia given are care, not the symptom',
    'HPI: Sedated with propofol; analgesia was provided with fentanyl, and additional IV analgesia was needed at the end.',
    [],
    ['R20.0'],
  ],
  ['anesthesia of a body part is the symptom', 'Assessment: Anesthesia of the left hand.', ['R20.0'], []],
  [
    'gas and skin scales stated as findings are still coded',
    'Assessment: Intestinal gas. Fine scales on both shins.',
    ['R14.3', 'R23.4'],
    [],
  ],
  [
    'a surgical wound is not an injury: no open-wound code for its infection',
    'Assessment: Surgical wound infection, two weeks after an appendectomy.',
    [],
    ['T14*', 'S*'],
  ],
  [
    'a pathological fracture is no traumatic one, even where its own entry does not list the site',
    'HPI: Pain explained by a pathological fracture at the level of the left acetabulum. Back pain from a pathological fracture at the level of L3.',
    [],
    ['S32*', 'T14*'],
  ],
  [
    'a laceration wound is still an open wound',
    'Assessment: Laceration wound of the left forearm.',
    ['S51.812A'],
    [],
  ],
  [
    'that term stated in full is still found',
    'Assessment: Cataract fragments in the right eye following cataract surgery.',
    ['H59.021'],
    [],
  ],
  [
    'symptoms the assessment attributes to a coded diagnosis are not coded separately (I.B.5)',
    'Assessment: Graves disease with thyrotoxicosis. Palpitations and tremor are from the thyrotoxicosis. Chronic cough, unexplained.',
    ['E05.00', 'R05.3'],
    ['R00.2', 'R25.1'],
  ],
  [
    'a symptom attributed to an uncertain cause is coded (IV.H)',
    'Assessment: Palpitations, possibly from hyperthyroidism; TSH ordered.',
    ['R00.2'],
    ['E05*'],
  ],
  [
    'an elevated reading "without diagnosis of hypertension" is the Index\'s R03.0, and no I10',
    'Assessment: Elevated blood pressure reading without diagnosis of hypertension. Recheck in 2 weeks.',
    ['R03.0'],
    ['I10', 'R03.1'],
  ],
  [
    'the patient\'s age is not the Index\'s "Age (old)" (see Senility)',
    'Assessment: Essential hypertension since age 40. Osteopenia at age 62, on calcium.',
    ['I10'],
    ['R41.81', 'R54'],
  ],
  [
    'anesthesia as the procedure and a bare "anomaly" are not the Index\'s conditions',
    'Assessment: Tachycardia after general anesthesia, resolved. Laboratory anomalies, to recheck. Congenital anomaly of the ear.',
    ['Q17.9'],
    ['Q89.9', 'R20.0'],
  ],
  [
    "anesthesia as loss of sensation is still the Index's",
    'Assessment: Anesthesia of the skin over the left thumb.',
    ['R20.0'],
    ['Q89.9'],
  ],
  [
    'a bare "anomaly" called congenital is still the Index\'s',
    'Assessment: Anomaly seen on imaging, congenital.',
    ['Q89.9'],
    [],
  ],
];

/** [convention, note, the codes that must lead, in order]. */
const ORDERED: Array<[string, string, string[], Partial<NoteInput>?]> = [
  [
    'neoplasm-related pain stated as the problem is first-listed, the neoplasm after (I.C.6.b.5)',
    'Assessment: Cancer-related pain from bone metastases of breast cancer. Increase oxycodone.',
    ['G89.3', 'C79.51', 'C50.919'],
    { sex: 'F' },
  ],
  [
    'metastases "from" a primary: the secondary site is the condition treated, listed first (I.C.2.b)',
    'Diagnoses:\n1. Brain metastases from adenocarcinoma of the RUL, with seizure.',
    ['C79.31', 'C34.11'],
    { setting: 'inpatient' },
  ],
  [
    "the delivery's complication is principal, weeks and outcome after it (I.C.15.b)",
    'DELIVERY SUMMARY\nSpontaneous vaginal delivery at 40w0d of a single liveborn girl.\nFinal Dx: Term pregnancy delivered, first-degree perineal laceration.',
    ['O70.0'],
    { sex: 'F', age: 26, setting: 'inpatient' },
  ],
];

describe.each(importedStores())('sequencing on whole notes ($name)', (spec) => {
  const engine = engineFor(spec);

  it.each(ORDERED)('%s', (_name, text, leading, over) => {
    const codes = engine()
      .code({ ...base, text, ...over })
      .codes.map((c) => c.code);
    expect(codes.slice(0, leading.length)).toEqual(leading);
  });
});

describe.each(importedStores())('coding conventions on whole notes ($name)', (spec) => {
  const engine = engineFor(spec);

  it.each(NOTES)('%s', (_name, text, expected, forbidden, over) => {
    const codes = engine()
      .code({ ...base, text, ...over })
      .codes.map((c) => c.code);
    for (const c of expected) {
      if (c.endsWith('*'))
        expect(
          codes.some((code) => code.startsWith(c.slice(0, -1))),
          c,
        ).toBe(true);
      else expect(codes).toContain(c);
    }
    for (const f of forbidden) {
      const hit = f.endsWith('*')
        ? codes.filter((c) => c.startsWith(f.slice(0, -1)))
        : codes.filter((c) => c === f);
      expect(hit).toEqual([]);
    }
  });
});

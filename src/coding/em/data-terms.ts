/**
 * The data element's vocabulary. Tests are grouped by what a coder counts as one unique test (one
 * CPT code: "creatinine", "K 5.4" and "BMP" are the same metabolic panel; a CT of the head and a
 * CT of the face are two). A key ending in "*" is completed by the word after the match (the body
 * region). Short lab abbreviations count only with a value ("K 5.4", not a stray "K").
 */
import type { SourceKey } from './sources.js';
import { rows, type Term } from './terms.js';

/** Followed by a value: "K 5.4", "Cr: 1.9", "TG 160", "Trop <6". */
const VALUE = '(?=\\s?[:=]?\\s?[<>]?\\s?\\d)';

function tests(list: ReadonlyArray<readonly [pattern: string, key: string, caseSensitive?: true]>): Term[] {
  const source: SourceKey = 'ama-mdm';
  return list.map(([pattern, kind, caseSensitive]) =>
    caseSensitive ? { pattern, kind, source, caseSensitive } : { pattern, kind, source },
  );
}

export const TEST_TERMS = tests([
  [
    `CBC|complete blood count|hemoglobin${VALUE}|hgb|Hb${VALUE}|WBC|platelets${VALUE}|plt${VALUE}|hematocrit|ANC|ALC${VALUE}|MCV`,
    'CBC',
  ],
  [
    `BMP|CMP|(?:basic|comprehensive) metabolic panel|electrolytes|creatinine|eGFR|GFR${VALUE}|BUN|potassium${VALUE}|sodium${VALUE}|(?:K|Na|Cr|Ca|calcium)${VALUE}|glucose${VALUE}|bicarbonate${VALUE}|anion gap`,
    'metabolic panel',
  ],
  ['(?:hemoglobin |Hb)?A1c', 'hemoglobin A1c'],
  [`lipid panel|lipids|LDL|HDL|triglycerides|TG${VALUE}|cholesterol${VALUE}`, 'lipid panel'],
  ['TSH', 'TSH'],
  ['free T4|FT4', 'free T4'],
  ['TRAb|TSI|TPO Ab|thyroid antibod(?:y|ies)', 'thyroid antibodies'],
  ['(?:hs-?)?trop(?:onin)?(?:s)?', 'troponin'],
  ['BNP|NT-?proBNP', 'BNP'],
  ['UA(?: dip)?|urinalysis|urine dip(?:stick)?', 'urinalysis', true],
  ['urine culture', 'urine culture'],
  ['blood cultures?', 'blood culture'],
  [
    `LFTs?|liver function tests?|hepatic (?:function )?panel|AST${VALUE}|ALT${VALUE}|GGT${VALUE}`,
    'hepatic panel',
  ],
  ['PTH|parathyroid hormone', 'PTH'],
  [`25-OH D|25-hydroxy ?vitamin D|vitamin D level|vitamin D${VALUE}`, 'vitamin D'],
  ['24-h(?:our|r)? urine(?: calcium| Ca)?|urine (?:calcium|Ca)', '24-hour urine calcium'],
  ['uric acid', 'uric acid'],
  ['ferritin|iron studies|iron panel', 'iron studies'],
  ['INR|PT/INR|PTT', 'coagulation studies', true],
  ['coagulation (?:studies|panel)', 'coagulation studies'],
  ['lipase', 'lipase'],
  ['(?:urine |serum |beta-?)?hCG|pregnancy test', 'hCG'],
  [`BAC${VALUE}|blood alcohol(?: level)?|ethanol level|EtOH level`, 'blood alcohol'],
  ['UDS|urine drug screen|(?:urine )?tox(?:icology)? screen', 'drug screen'],
  ['lactate|lactic acid', 'lactate'],
  ['D-dimer', 'D-dimer'],
  ['ESR|sed rate', 'ESR'],
  ['CRP|C-reactive protein', 'CRP'],
  ['PSA', 'PSA', true],
  ['UACR|urine albumin(?:[- /]creatinine ratio)?|microalbumin', 'urine albumin'],
  ['lead level', 'lead level'],
  ['rapid strep(?: test)?|strep test|throat culture', 'strep test'],
  ['(?:rapid )?RSV (?:antigen|test|PCR|swab)|rapid RSV', 'RSV test'],
  ['(?:rapid )?(?:flu|influenza) (?:test|swab|PCR)', 'influenza test'],
  ['COVID(?:-19)? (?:test|PCR|swab|antigen)|SARS-CoV-2 (?:test|PCR)', 'COVID-19 test'],
  ['ABG|VBG|blood gas', 'blood gas'],
  [`beta-hydroxybutyrate|ketones${VALUE}|serum ketones`, 'ketones'],
  ['(?:ECG|EKG|electrocardiogram)(?! monitor)', 'ECG'],
  ['CXR|chest (?:x-?ray|radiograph|film)s?', 'chest X-ray'],
  ['(?:x-?rays?|XR|radiographs?|(?:post-reduction )?films)', 'X-ray*'],
  ['CTA|CT', 'CT*', true],
  ['CAT scan|computed tomography', 'CT*'],
  ['MRI|MRA|magnetic resonance imaging', 'MRI*'],
  ['US', 'ultrasound*', true],
  ['ultrasound|sonogram|(?:venous )?duplex|doppler ultrasound', 'ultrasound*'],
  ['(?:transthoracic |transesophageal )?echo(?:cardiogram)?|TTE|TEE', 'echocardiogram'],
  [
    '(?:nuclear |exercise |treadmill |pharmacologic )?stress (?:test|echo)|exercise (?:tolerance )?test',
    'stress test',
  ],
  ['sestamibi(?: scan)?', 'sestamibi scan'],
  [
    'Holter(?: monitor)?|event monitor|Zio(?: patch)?|(?:\\d+-day )?ambulatory (?:ECG |EKG |cardiac )?monitor',
    'ambulatory ECG monitor',
  ],
  ['PET(?:-CT|/CT)?', 'PET-CT', true],
  ['PFTs?|pulmonary function tests?|spirometry', 'pulmonary function tests'],
  ['DEXA|DXA|bone density(?: scan)?', 'DEXA'],
  ['(?:diagnostic |screening )?mammogra(?:m|phy)', 'mammogram'],
  ['sleep study|polysomnogra(?:m|phy)|HSAT|home sleep (?:apnea )?test', 'sleep study'],
  ['EEG', 'EEG', true],
  ['EMG|nerve conduction(?: studies)?', 'EMG/nerve conduction'],
  ['CGM (?:download|data|report)', 'CGM data'],
]);

/** The words a coder reads as the test being ordered now rather than a result read. */
export const ORDER_WORDS =
  /\b(?:order(?:ed|s)?|obtain(?:ed)?|check(?:ed)?|send|sent|drawn|draw|recheck|repeat|schedule(?:d)?|will get|get|requested|plan(?:ned)?)\b/i;

export type DataKind = 'external-note' | 'historian' | 'interpretation' | 'discussion';

export const DATA_TERMS = rows<DataKind>([
  [
    '(?:outside|external|prior|old|previous|referring) (?:records?|notes?|reports?|charts?|discharge summary|consult note)|records (?:from|of) (?:the |her |his )?(?:\\w+ ){0,2}(?:hospital|clinic|office|ED|physician|PCP)|care everywhere|per (?:the )?(?:referring|outside|ED|hospital|ophthalmology|ophtho|cardiology|PCP) (?:note|records?|report|letter)',
    'external-note',
    'ama-mdm',
    'review of an external note',
  ],
  [
    'per (?:his |her |the |their )?(?:mother|mom|father|dad|parents?|husband|wife|spouse|partner|daughter|son|caregiver|family|friends?|EMS|paramedics|nursing home staff|staff|roommate|guardian)|(?:history|hx|information) (?:obtained|provided|given|taken) (?:from|by) (?:\\w+ ){0,2}(?:mother|mom|father|dad|parents?|husband|wife|spouse|caregiver|family|friends?|EMS|guardian|staff)|(?:mother|mom|father|dad|parents?|husband|wife|spouse|caregiver|family|friends?|EMS|guardian) (?:reports?|states?|says|notes|describes|gives)|independent historian|collateral (?:history|information)|brought (?:in )?by (?:\\w+ ){0,2}(?:friends|family|EMS|police|parents?|mother|father|caregiver)',
    'historian',
    'ama-mdm',
    'assessment requiring an independent historian',
  ],
  [
    'independent(?:ly)? (?:interpret\\w*|review(?:ed)? (?:the )?(?:\\w+ )?(?:images|films?|tracing))|independent interpretation|(?:my|our) (?:own )?(?:read|interpretation|review of the (?:\\w+ )?(?:images|films?|tracing))|I (?:personally |independently )?(?:reviewed|viewed|interpreted|read) the (?:\\w+ ){0,2}(?:images|films?|tracing|study|ECG|EKG|CTA?|x-?rays?|CXR|MRI|radiographs?)|personally (?:reviewed|viewed|interpreted) (?:the )?(?:\\w+ ){0,2}(?:images|films?|tracing|ECG|EKG|CTA?|x-?rays?|CXR|MRI|radiographs?)',
    'interpretation',
    'ama-mdm',
    'independent interpretation of a test',
  ],
  [
    "(?:discussed|spoke|talked|conferred|reviewed) (?:the )?(?:case |patient |management |findings |plan |results )?with (?:Dr\\.?|the (?:on-call|consulting|attending)|on-call|radiolog\\w+|cardiolog\\w+|neurolog\\w+|surg\\w+|hospitalist|oncolog\\w+|urolog\\w+|ortho\\w*|GI|gastroenterolog\\w+|pharmacist|poison control|nephrolog\\w+|hepatolog\\w+|pulmonolog\\w+|ENT|the (?:PCP|primary care)|(?:her|his|the patient's) (?:PCP|oncologist|cardiologist|psychiatrist|surgeon)|case manag\\w+|social work\\w*)|curbside\\w*|peer-to-peer|(?:\\w+ology|\\w+ologist) (?:says|recommends|agrees|feels|advises)",
    'discussion',
    'ama-mdm',
    'discussion of management with an external physician or qualified source',
  ],
]);

/** Body regions that make two imaging studies of one kind two unique tests (CT head, CT face). */
export const REGIONS = new Set([
  'head',
  'brain',
  'face',
  'facial',
  'maxillofacial',
  'sinus',
  'sinuses',
  'orbit',
  'orbits',
  'neck',
  'thyroid',
  'chest',
  'abdomen',
  'abdominal',
  'pelvis',
  'renal',
  'kidney',
  'kidneys',
  'spine',
  'c-spine',
  'l-spine',
  'cervical',
  'thoracic',
  'lumbar',
  'shoulder',
  'elbow',
  'forearm',
  'wrist',
  'hand',
  'hip',
  'femur',
  'knee',
  'knees',
  'leg',
  'ankle',
  'foot',
  'breast',
  'heart',
  'liver',
  'scrotal',
  'testicular',
  'carotid',
]);

/** Words skipped between a study and its region ("XR L wrist", "CT of the head"). */
export const REGION_SKIP = new Set(['l', 'r', 'left', 'right', 'bilateral', 'both', 'of', 'the', 'a']);

/** A caregiver named in the note: a young child's history comes from them. */
export const CAREGIVER =
  /\b(?:mother|mom|father|dad|parents?|caregivers?|grandmother|grandfather|guardian)\b/i;

/** Under this age a child cannot give a complete history (developmental stage): the caregiver the note names is the historian. */
export const HISTORIAN_AGE = 5;

/** Under this age (pre-verbal) every word of the history is a caregiver's, named or not. */
export const PREVERBAL_AGE = 2;

/**
 * Long-term (current) drug therapy (I.C.21.c.3, Z79.-): a drug the patient takes on a
 * continuing basis is reported by its class, for prophylaxis or treatment. Drugs listed as
 * stopped, held, allergies or family medications are not. Insulin and antidiabetic drugs are
 * handled with diabetes (rules/diabetes.ts), which ties them to the diabetes code. Classes
 * that are as often short courses or as-needed (NSAIDs, systemic steroids, aspirin,
 * antiplatelets) are reported only when the statement says the use is long-term ("long-term
 * NSAID use", "meloxicam daily for over a year", "chronic prednisone").
 */
import { type Fact, type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.C.21.c.3: long-term (current) drug therapy Z79.-';

/** Drug class → code and Index subterm, with common generic and brand names (stems of words). */
const CLASSES: Array<[code: string, subterm: string, names: string[]]> = [
  [
    'Z79.01',
    'anticoagulants',
    [
      'warfarin',
      'coumadin',
      'apixaban',
      'eliquis',
      'rivaroxaban',
      'xarelto',
      'dabigatran',
      'pradaxa',
      'edoxaban',
      'enoxaparin',
      'lovenox',
    ],
  ],
  ['Z79.810', 'selective estrogen receptor modulators (SERMs)', ['tamoxifen', 'raloxifene', 'toremifene']],
  ['Z79.811', 'aromatase inhibitors', ['anastrozole', 'letrozole', 'exemestane', 'arimidex', 'femara']],
];

/** Classes reported only with a stated long-term use. */
const DURATION_CLASSES: Array<[code: string, subterm: string, names: string[]]> = [
  [
    'Z79.1',
    'anti-inflammatory, non-steroidal (NSAID)',
    [
      'nsaids?',
      'ibuprofen',
      'naproxen',
      'meloxicam',
      'diclofenac',
      'celecoxib',
      'indomethacin',
      'etodolac',
      'nabumetone',
      'ketorolac',
      'piroxicam',
    ],
  ],
  [
    'Z79.52',
    'steroids, systemic',
    ['prednisone', 'prednisolone', 'methylprednisolone', 'dexamethasone', '(?:oral|systemic) steroids?'],
  ],
  ['Z79.82', 'aspirin', ['aspirin', 'asa']],
  [
    'Z79.02',
    'antiplatelet',
    ['clopidogrel', 'plavix', 'ticagrelor', 'brilinta', 'prasugrel', 'antiplatelets?'],
  ],
];
/** The statement says the use is long-term: a word for it, or a duration of months or years. */
const LONG_TERM =
  /\blong[- ]term\b|\bchronic(?:ally)?\b|\bfor (?:years|many months)\b|\bfor (?:>|over |more than |the (?:past|last) )?\s*\d+\s*(?:\+\s*)?(?:months?|mos?|years?|yrs?)\b|\bdaily for (?:years|months)\b/i;

const STOPPED =
  /\b(?:stop\w*|discontinu\w*|held|hold|holding|off|allerg\w*|intoleran\w*|completed|finished|no longer|declin\w*|avoid\w*)\b/i;
const ONCE = /\b(?:once|single dose|one dose|x1|burst|taper|short course|for \d+ days|prn)\b/i;

const pattern = (names: string[]) => new RegExp(`\\b(?:${names.join('|')})\\b`, 'i');
const PATTERNS = [
  ...CLASSES.map(([code, subterm, names]) => [code, subterm, pattern(names), false] as const),
  ...DURATION_CLASSES.map(([code, subterm, names]) => [code, subterm, pattern(names), true] as const),
];

const ANY_DRUG = new RegExp(PATTERNS.map(([, , p]) => `(?:${p.source})`).join('|'), 'i');

export const longTermDrugs: FactFinder = (input) => {
  const out: Fact[] = [];
  // Only the statements naming some drug of the lists: one test of them all instead of one per class.
  const sentences = sentenceTexts(input.analysis).filter(
    ({ sentence, text }) =>
      sentence.section !== 'family_history' && sentence.section !== 'allergies' && ANY_DRUG.test(text),
  );
  for (const [code, subterm, pattern, needsDuration] of PATTERNS) {
    for (const { sentence, text } of sentences) {
      const m = pattern.exec(text);
      if (!m || STOPPED.test(text) || ONCE.test(text)) continue;
      if (needsDuration && !LONG_TERM.test(text)) continue;
      out.push({
        code,
        evidence: [spanOf(input.analysis, sentence.start, m as RegExpExecArray, sentence.section)],
        indexPath: ['Long-term (current) drug therapy (use of)', subterm],
        guideline: GUIDELINE,
      });
      break;
    }
  }
  return out;
};

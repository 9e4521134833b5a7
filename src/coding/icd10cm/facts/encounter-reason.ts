/**
 * Encounter-reason Z codes read from the stated reason for the visit (I.C.21.c.13, I.C.21.c.11,
 * I.C.15.b.1, I.C.16.a.2): a routine general examination (Z00.0-, child Z00.12-: "with abnormal
 * findings" when the visit also documents a condition), the supervision of a normal pregnancy
 * (Z34.-, only when no pregnancy complication is coded; first pregnancy Z34.0-, trimester from
 * the weeks of gestation) and the liveborn infant on the newborn's birth record (Z38.-: place of
 * birth and delivery route). Each is first-listed (sequencing.ts); each replaces the vaguer code
 * the Index gave for the same statement (Z33.1 "pregnant state, incidental", another Z38).
 */
import { statedWeeks, trimesterOf } from './gestation.js';
import { type Fact, type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINES = {
  exam: 'I.C.21.c.13: routine examination Z00.- first-listed; "with abnormal findings" when a condition is documented',
  prenatal: 'I.C.15.b.1: supervision of normal pregnancy Z34.- first-listed when no complication is present',
  liveborn: 'I.C.16.a.2 / I.C.21.c.12: Z38.- first-listed on the newborn birth record',
} as const;

const REASON_SECTIONS = new Set([
  'chief_complaint',
  'preamble',
  'hpi',
  'assessment',
  'assessment_plan',
  'diagnoses',
  'other',
]);
const GENERAL_EXAM =
  /\b(?:annual|routine|general|preventive|preventative|wellness|complete) (?:physical|exam|examination|visit|check-?up|medical exam\w*)\b|\bwell[- ](?:woman|man|adult|child|baby|visit|check)\w*\b|\bwell[- ]child\b|\bannual physical\b|\bphysical exam(?:ination)? for\b|\bhealth maintenance (?:exam|visit)\b/i;
const PRENATAL =
  /\b(?:routine |initial |return )?(?:prenatal|antenatal|ob) (?:visit|care|check|appointment|follow-?up)\b/i;
const FIRST_PREGNANCY = /\bprimigravida\b|\bG1\s*P0\b|\bG1P0\b|\bfirst pregnancy\b|\bnulliparous\b/i;
const BORN = /\b(?:born|delivered|birth)\b/i;
const CESAREAN = /\bc(?:esarean|aesarean)\b|\bc-section\b|\bcs delivery\b/i;
const OUTSIDE = /\bborn (?:at home|outside|in the car|en route)|\bhome birth\b/i;
const TWIN = /\btwins?\b/i;
/** The birth record itself, not a later visit of an infant who was born somewhere once. */
const BIRTH_RECORD =
  /\bapgars?\b|\bliveborn\b|\blive[- ]born\b|\bnewborn (?:exam\w*|nursery|admission|infant|male|female)\b|\bbirth weight\b/i;
const LATER_VISIT = /\b\d+[- ](?:month|week)s?[- ]old\b|\b(?:[2-9]|\d\d+) months?\b/i;

function trimesterDigit(t: 'first' | 'second' | 'third'): string {
  return t === 'first' ? '1' : t === 'second' ? '2' : '3';
}

export const encounterReason: FactFinder = (input) => {
  const conditions = input.codes.filter((c) => !/^[Z]/.test(c) && !/^[V-Y]/.test(c));
  const out: Fact[] = [];
  const texts = sentenceTexts(input.analysis).filter(({ sentence }) => REASON_SECTIONS.has(sentence.section));
  // Newborn birth record: age 0 and the birth itself described.
  const all = input.analysis.text;
  if (input.age === 0 && BIRTH_RECORD.test(all) && !LATER_VISIT.test(all)) {
    const birth = texts.find(({ text }) => BORN.test(text));
    if (birth) {
      const twin = TWIN.test(all);
      const code = OUTSIDE.test(all)
        ? twin
          ? 'Z38.4'
          : 'Z38.1'
        : `${twin ? 'Z38.3' : 'Z38.0'}${CESAREAN.test(all) ? '1' : '0'}`;
      const m = BORN.exec(birth.text)!;
      out.push({
        code,
        evidence: [spanOf(input.analysis, birth.sentence.start, m, birth.sentence.section)],
        indexPath: ['Newborn (infant) (liveborn) (singleton)', twin ? 'twin' : 'born in hospital'],
        guideline: GUIDELINES.liveborn,
        replaces: ['Z38*'],
      });
      return out;
    }
  }
  for (const { sentence, text } of texts) {
    const m = GENERAL_EXAM.exec(text);
    if (!m) continue;
    const abnormal = conditions.length > 0;
    const code = input.age < 18 ? (abnormal ? 'Z00.121' : 'Z00.129') : abnormal ? 'Z00.01' : 'Z00.00';
    out.push({
      code,
      evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
      indexPath: [
        'Examination (for) (following) (general) (of) (routine)',
        abnormal ? 'with abnormal findings' : 'without abnormal findings',
      ],
      guideline: GUIDELINES.exam,
    });
    return out;
  }
  const complicated = input.codes.some((c) => c.startsWith('O'));
  if (!complicated) {
    for (const { sentence, text } of texts) {
      const m = PRENATAL.exec(text);
      if (!m) continue;
      const weeks = statedWeeks(input)?.weeks;
      const trimester = weeks === undefined ? '0' : trimesterDigit(trimesterOf(weeks));
      const first = FIRST_PREGNANCY.test(input.analysis.text);
      out.push({
        code: `Z34.${first ? '0' : '8'}${trimester}`,
        evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
        indexPath: ['Pregnancy', 'supervision (of) (for)', first ? 'normal, first' : 'normal'],
        guideline: GUIDELINES.prenatal,
        replaces: ['Z33.1'],
      });
      return out;
    }
  }
  return out;
};

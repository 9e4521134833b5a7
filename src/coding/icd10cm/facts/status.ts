/**
 * Status codes (I.C.21.c.3): the presence of a device, graft, transplant, ostomy or a
 * dependence on a machine, and a few status facts coders add from the record (hormone receptor
 * status with breast cancer, I.C.2.o via the C50 "use additional code" note; drug allergy
 * status Z88.-). A status is reported when documented, whatever the section; not when negated.
 */
import { type Fact, type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.C.21.c.3: status codes for devices, grafts, transplants, ostomies and dependence';

/** [code, Index path, wording]; bounded alternations only. */
const STATUSES: Array<[string, string[], RegExp]> = [
  [
    'Z95.1',
    ['Status (post)', 'aortocoronary bypass'],
    /\b(?:CABG|coronary (?:artery )?bypass(?: graft\w*)?|aortocoronary bypass)\b/i,
  ],
  [
    'Z95.5',
    ['Status (post)', 'coronary angioplasty', 'with implant'],
    /\b(?:coronary stents?|stents? (?:to|in) the (?:LAD|RCA|LCx|circumflex)|(?:DES|BMS) (?:to|in)|PCI with stent\w*|drug[- ]eluting stents?)\b/i,
  ],
  ['Z95.0', ['Presence (of)', 'cardiac pacemaker'], /\b(?:pacemaker)\b/i],
  [
    'Z95.810',
    ['Presence (of)', 'automatic (implantable) cardiac defibrillator'],
    /\b(?:AICD|ICD in place|implantable (?:cardioverter[- ])?defibrillator)\b/i,
  ],
  [
    'Z95.2',
    ['Presence (of)', 'heart valve', 'prosthetic'],
    /\b(?:prosthetic|mechanical|bioprosthetic) (?:aortic |mitral )?valve\b/i,
  ],
  [
    'Z99.81',
    ['Dependence (on)', 'supplemental oxygen'],
    /\b(?:home (?:oxygen|O2)|supplemental oxygen|(?:oxygen|O2) at home|\d L (?:of )?(?:oxygen|O2)|nasal cannula at home|continuous (?:oxygen|O2))\b/i,
  ],
  [
    'Z99.2',
    ['Dependence (on)', 'dialysis'],
    /\b(?:on (?:hemo)?dialysis|dialysis (?:three|3|MWF|TTS)|hemodialysis (?:MWF|TTS|three|3))\b/i,
  ],
  ['Z96.41', ['Presence (of)', 'insulin pump'], /\b(?:insulin pump)\b/i],
  ['Z94.0', ['Transplant (status)', 'kidney'], /\b(?:kidney|renal) transplant\w*\b/i],
  ['Z94.4', ['Transplant (status)', 'liver'], /\bliver transplant\w*\b/i],
  ['Z94.1', ['Transplant (status)', 'heart'], /\bheart transplant\w*\b/i],
  ['Z93.3', ['Status (post)', 'colostomy'], /\bcolostomy\b/i],
  ['Z93.2', ['Status (post)', 'ileostomy'], /\bileostomy\b/i],
  ['Z93.0', ['Status (post)', 'tracheostomy'], /\btracheostomy\b/i],
  ['Z93.1', ['Status (post)', 'gastrostomy'], /\b(?:gastrostomy|G-tube|PEG tube)\b/i],
  [
    'Z17.0',
    ['Estrogen receptor', 'positive status'],
    /\b(?:ER\+|ER positive|ER-positive|estrogen receptor[- ]positive|ER\/PR\+|ER\/PR positive)/i,
  ],
  [
    'Z17.1',
    ['Estrogen receptor', 'negative status'],
    /\b(?:ER-(?!positive)|ER negative|estrogen receptor[- ]negative|triple[- ]negative)/i,
  ],
  ['Z88.0', ['Allergy, allergic', 'penicillin', 'status'], /\b(?:penicillin|PCN|amoxicillin)\b/i],
  ['Z88.2', ['Allergy, allergic', 'sulfonamides', 'status'], /\b(?:sulfa|sulfonamides?)\b/i],
];

/** Codes whose status is only an allergy when said in the allergy list or as an allergy. */
const ALLERGY_CODES = new Set(['Z88.0', 'Z88.2']);
const NEGATED =
  /\b(?:no|denies|without|never|not|removed|reversed|reversal|taken down|declin\w*|candidate for|evaluat\w* for|consider\w*|plan\w*|schedul\w*|refer\w*)\b/i;
/** Any status's wording (each pattern is case-insensitive, so the union matches where one does). */
const ANY_STATUS = new RegExp(STATUSES.map(([, , p]) => `(?:${p.source})`).join('|'), 'i');

/** Wording that makes a receptor statement about the patient's tumour. */
const RECEPTOR = /^Z17/;

export const status: FactFinder = (input) => {
  const out: Fact[] = [];
  const hasBreastCancer = input.codes.some((c) => /^(C50|D05|Z85\.3)/.test(c));
  // Only the statements with some status's wording: most have none, and one test of them all
  // costs a fraction of one per status.
  const sentences = sentenceTexts(input.analysis).filter(
    ({ sentence, text }) => sentence.section !== 'family_history' && ANY_STATUS.test(text),
  );
  for (const [code, indexPath, pattern] of STATUSES) {
    if (RECEPTOR.test(code) && !hasBreastCancer) continue;
    for (const { sentence, text } of sentences) {
      const allergy = ALLERGY_CODES.has(code);
      if (allergy !== (sentence.section === 'allergies' || /\ballerg/i.test(text))) continue;
      const m = pattern.exec(text);
      if (!m) continue;
      // The words just before the status decide ("no pacemaker", "candidate for CABG").
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      if (!allergy && NEGATED.test(before)) continue;
      out.push({
        code,
        evidence: [spanOf(input.analysis, sentence.start, m as RegExpExecArray, sentence.section)],
        indexPath,
        guideline: allergy ? 'I.C.21.c.3: allergy status to drugs (Z88.-)' : GUIDELINE,
      });
      break;
    }
  }
  return out;
};

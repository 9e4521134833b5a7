/**
 * Encounter solely for chemotherapy, immunotherapy or radiation therapy (I.C.2.e.2): Z51.11,
 * Z51.12 or Z51.0 is the first-listed code and the malignancy follows. Read from the stated
 * reason for the visit ("here for cycle 3 of chemotherapy", "chemotherapy infusion today"),
 * never from a treatment held, deferred or only planned for later, nor from "chemotherapy
 * treatment", which a history says of any course ("despite the chemotherapy treatment").
 */
import { type Fact, type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE =
  'I.C.2.e.2: encounter for antineoplastic chemotherapy/immunotherapy/radiation — Z51.- first, the malignancy after';

const THERAPY = '(chemo(?:therapy)?|immunotherapy|radiation(?: therapy)?|radiotherapy|xrt)';
const FOR_THERAPY = new RegExp(
  `\\b(?:here|presents?|presenting|present|admitted|seen|scheduled|arrives?|comes? in|returns?|visit|encounter) for (?:[a-z0-9#,]+ ){0,5}?${THERAPY}\\b`,
  'i',
);
const GIVEN_TODAY = new RegExp(
  `\\b${THERAPY} (?:infusion|administration|session|given|administered|today|visit|encounter|appointment)\\b|\\bcycle \\d+(?:,? day \\d+)? of (?:[a-z-]+ ){0,3}?${THERAPY}\\b`,
  'i',
);
/** "Here for cycle 3 of AC", "presents for C2D1": a treatment cycle, named by its regimen. */
const FOR_CYCLE =
  /\b(?:here|presents?|presenting|present|admitted|returns?|arrives?) for (?:(?:her|his|their|the|next|scheduled) )?(?:cycle \d+|c\d+d\d+)\b/i;
const MENTIONS_CHEMO = /\bchemo(?:therapy)?\b|\bantineoplastic\b/i;
const NOT_TODAY =
  /\b(?:held|hold|deferred|defer|postponed|cancel\w*|declin\w*|completed|finished|prior|previous|history|next week|consider\w*|candidate)\b/i;
const ALLOWED = new Set([
  'chief_complaint',
  'hpi',
  'assessment',
  'assessment_plan',
  'diagnoses',
  'preamble',
  'other',
  'plan',
]);

function codeFor(therapy: string): string {
  const t = therapy.toLowerCase();
  if (t.startsWith('immuno')) return 'Z51.12';
  if (t.startsWith('chemo')) return 'Z51.11';
  return 'Z51.0';
}

export const antineoplasticEncounter: FactFinder = (input) => {
  const out = new Map<string, Fact>();
  for (const { sentence, text } of sentenceTexts(input.analysis)) {
    if (!ALLOWED.has(sentence.section) || NOT_TODAY.test(text)) continue;
    const cycle = MENTIONS_CHEMO.test(input.analysis.text) ? FOR_CYCLE.exec(text) : null;
    const m = FOR_THERAPY.exec(text) ?? GIVEN_TODAY.exec(text) ?? cycle;
    if (!m) continue;
    const therapy = m === cycle ? 'chemotherapy' : (m.slice(1).find((g) => g !== undefined) ?? '');
    const code = codeFor(therapy);
    if (out.has(code)) continue;
    out.set(code, {
      code,
      evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
      indexPath: ['Encounter (with health service) (for)', therapy.toLowerCase()],
      guideline: GUIDELINE,
    });
  }
  return [...out.values()];
};

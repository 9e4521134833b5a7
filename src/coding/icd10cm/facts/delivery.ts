/**
 * Outcome of delivery (I.C.15.b.5, Z37.-): reported on every maternal record of a delivery —
 * single liveborn Z37.0, single stillborn Z37.1, twins both liveborn Z37.2. Never on the
 * newborn's record (the newborn gets Z38.-) and never without an obstetric code.
 */
import { type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.C.15.b.5: outcome of delivery Z37.- on the maternal delivery record';

export const DELIVERED =
  /\b(?:delivered|delivery of|(?:N?SVD)|(?:spontaneous )?vaginal delivery|cesarean (?:section|delivery)|C-section|gave birth)\b/i;
const LIVE =
  /\b(?:live(?:born)?|viable|healthy|vigorous) (?:male|female|boy|girl|infant|baby|newborn|neonate)|\bapgars?\b/i;
const STILL = /\b(?:stillborn|stillbirth|fetal demise|IUFD)\b/i;
const TWINS = /\b(?:twins?|twin gestation|di-?di|mo-?di)\b/i;

/** A delivery told as past ("delivered a healthy boy in 2019", "two weeks ago"). */
const EARLIER =
  /\b(?:in|of) (?:19|20)\d\d\b|\bago\b|\b(?:prior|previous|last|first) (?:pregnancy|delivery|baby|child)\b/i;

export const deliveryOutcome: FactFinder = (input) => {
  // Any chapter 15 code: the delivery may be coded by its indication (O32.1 breech, O34.21
  // previous cesarean), not only by O60–O77, O80 or O82.
  if (!input.codes.some((c) => c.startsWith('O')) || input.codes.some((c) => /^Z38/.test(c))) return [];
  for (const { sentence, text } of sentenceTexts(input.analysis)) {
    if (sentence.section === 'past_medical_history' || sentence.section === 'family_history') continue;
    const m = DELIVERED.exec(text);
    if (!m || !(LIVE.test(text) || STILL.test(text)) || EARLIER.test(text)) continue;
    const code = STILL.test(text) ? 'Z37.1' : TWINS.test(text) ? 'Z37.2' : 'Z37.0';
    return [
      {
        code,
        evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
        indexPath: [
          'Outcome of delivery',
          code === 'Z37.0'
            ? 'single, liveborn'
            : code === 'Z37.1'
              ? 'single, stillborn'
              : 'twins, both liveborn',
        ],
        guideline: GUIDELINE,
      },
    ];
  }
  return [];
};

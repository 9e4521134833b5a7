/**
 * Encounter for immunization (I.C.21.c.2, Z23): reported when a vaccine is given at the
 * encounter, whatever else is coded; not for vaccines declined, deferred or only reviewed.
 */
import { type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.C.21.c.2: Z23 when a vaccine is administered at the encounter';

const VACCINE =
  /\b(?:vaccin\w*|immuniz\w*|flu shot|booster|tdap|dtap|mmr|hpv|pcv\d*|ipv|hep(?:atitis)? [ab] vaccine|influenza shot|shingrix|pneumovax|prevnar)\b/gi;
const GIVEN = /\b(?:given|administered|administer|received|gave|updated|provided|today|injected)\b/i;
const NOT_GIVEN =
  /\b(?:declin\w*|refus\w*|defer\w*|up to date|utd|next visit|due (?:at|for|in)|hesitan\w*|counsel\w*|discussed|previously|history)\b/i;

export const immunization: FactFinder = (input) => {
  for (const { sentence, text } of sentenceTexts(input.analysis)) {
    if (sentence.section === 'family_history' || sentence.section === 'allergies') continue;
    VACCINE.lastIndex = 0;
    const m = VACCINE.exec(text);
    if (!m || !GIVEN.test(text) || NOT_GIVEN.test(text)) continue;
    return [
      {
        code: 'Z23',
        evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
        indexPath: ['Vaccination', 'encounter for'],
        guideline: GUIDELINE,
      },
    ];
  }
  return [];
};

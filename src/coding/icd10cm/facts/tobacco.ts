/**
 * Tobacco (I.C.5.b.1, Index "Smoker — see Dependence, drug, nicotine"; "History, personal,
 * nicotine dependence Z87.891"): a current smoker's use is reported by product (cigarettes
 * F17.210 by default for "smoker"; cigars F17.290; chewing tobacco F17.220; vaping F17.290),
 * a former smoker's as personal history Z87.891. Never-smokers and denials report nothing.
 */
import { type Fact, type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.C.5.b.1: tobacco dependence by product; history of nicotine dependence Z87.891';

// "PPD" alone is also a tuberculin test and postpartum depression: only "1 ppd" counts.
const MENTION =
  /\b(?:smok\w*|cigarettes?|cigars?|tobacco|nicotine|vap(?:e|es|ing)|e-cigarettes?|chew(?:s|ing)? tobacco|pack[- ]years?|\d+(?:\.\d+)?\s?ppd|packs? per day)\b/gi;
/** Someone else's smoking: the patient's exposure (Z77.22), not the patient's use. */
const OTHERS =
  /\b(?:parents?|mother|father|mom|dad|household|secondhand|second-hand|passive|exposure|exposed|caregivers?|siblings?|spouse|partner|husband|wife|roommate)\b/i;
/** Intentions to quit are not quitting ("not ready to quit"). */
const INTENT =
  /\b(?:ready|trying|try|tries|like|wants?|wanting|plans?|planning|attempt\w*|able|desires?|interested|motivated|thinking about|advised|encouraged) to quit\b/gi;
const NEVER =
  /\b(?:never|non-?smoker|denies|no (?:history of )?(?:tobacco|smoking)|not? (?:smoke|use tobacco)|nonsmoker|negative)\b/i;
const FORMER =
  /\b(?:former|ex-?smoker|quit|stopped|previously smoked|remote|history of (?:smoking|tobacco)|smoked for|used to smoke|past smoker)\b/i;

export const tobacco: FactFinder = (input) => {
  for (const { sentence, text } of sentenceTexts(input.analysis)) {
    if (sentence.section === 'family_history') continue;
    MENTION.lastIndex = 0;
    const m = MENTION.exec(text);
    if (!m) continue;
    if (NEVER.test(text)) continue;
    if (OTHERS.test(text)) {
      if (/smok/i.test(text))
        return [
          {
            code: 'Z77.22',
            evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
            indexPath: ['Exposure (to)', 'tobacco smoke (second-hand)'],
            guideline: 'I.C.21.c.1: contact with and (suspected) exposure Z77.-',
          },
        ];
      continue;
    }
    // A child's record speaks of other people's smoking.
    if (input.age < 12) continue;
    // "counseled on smoking cessation" restates the problem; the use itself is elsewhere.
    if (/cessation|counsel/i.test(text) && !/\b(?:smokes|smoker|ppd|pack)/i.test(text)) continue;
    const evidence = [spanOf(input.analysis, sentence.start, m, sentence.section)];
    let fact: Fact;
    if (FORMER.test(text.replace(INTENT, ' '))) {
      fact = {
        code: 'Z87.891',
        evidence,
        indexPath: ['History', 'personal (of)', 'nicotine dependence'],
        guideline: GUIDELINE,
        replaces: ['F17*', 'Z72.0'],
      };
    } else {
      const product = /\bchew/i.test(text)
        ? ['F17.220', 'chewing tobacco']
        : /\bcigars?\b|\bvap|e-cig|pipe/i.test(text) && !/\bcigarettes?\b/i.test(text)
          ? ['F17.290', 'specified product NEC']
          : ['F17.210', 'cigarettes'];
      fact = {
        code: product[0]!,
        evidence,
        indexPath: ['Dependence', 'drug NEC', 'nicotine', product[1]!],
        guideline: GUIDELINE,
        replaces: ['F17*', 'Z72.0', 'Z87.891'],
      };
    }
    return [fact];
  }
  return [];
};

/**
 * Intoxication without a documented use disorder (I.C.5.b.3): the FY2023 Index sends
 * "Alcohol, intoxication" to the abuse codes (F10.12-), but abuse and dependence are diagnoses
 * the provider must document. When the note affirms neither, the intoxication is coded as
 * use, unspecified, with the same intoxication detail (F1x.12y → F1x.92y), which the Tabular
 * has for every psychoactive substance class.
 */
import { stem } from '../../../text/index.js';
import { isCurrent, type Rule } from '../candidate.js';

export const GUIDELINE =
  'I.C.5.b.3: abuse or dependence only when documented; intoxication otherwise coded as use, unspecified';

/** F10–F19 abuse with intoxication (F1x.12-). */
const ABUSE_INTOXICATION = /^F1\d\.12/;

/** Words by which a provider documents a use disorder. */
const DISORDER_WORDS = ['abuse', 'abusing', 'dependence', 'dependent', 'alcoholism', 'addiction'].map(stem);

export const substanceIntoxication: Rule = (candidates, ctx) => {
  const documented = DISORDER_WORDS.some((w) => ctx.medications.has(w));
  if (documented) return { candidates: [...candidates] };
  return {
    candidates: candidates.map((c) => {
      if (!ABUSE_INTOXICATION.test(c.code) || !isCurrent(c)) return c;
      const details = ctx.lookup(`${c.code.slice(0, 4)}9${c.code.slice(5)}`);
      if (!details?.billable) return c;
      return {
        ...c,
        code: details.code,
        title: details.title,
        details,
        guidelines: [...c.guidelines, GUIDELINE],
      };
    }),
  };
};

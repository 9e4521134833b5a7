/**
 * COPD with an acute lower respiratory infection: J44.0 "with (acute) lower respiratory
 * infection" is the combination code, and its Tabular note asks to code also the infection
 * (I.B.9 combination codes; J44.0 "code also to identify the infection"). A lower respiratory
 * infection is any code of J09–J18 (influenza and pneumonia) or J20–J22 (other acute lower
 * respiratory infections); "with" is presumed as for other Index "with" conditions (I.A.15).
 * An exacerbation stated as well keeps J44.1 beside J44.0; an unspecified J44.9 is replaced.
 */
import { type Candidate, combinedWith, isCurrent, type Rule } from '../candidate.js';

export const GUIDELINE =
  'I.A.15 / I.B.9: COPD with an acute lower respiratory infection — J44.0 and code also the infection';

const LOWER_RESPIRATORY_INFECTION = /^J(09|1[0-8]|2[0-2])/;

function current(c: Readonly<Candidate>): boolean {
  return isCurrent(c) && !c.context.uncertain;
}

export const copdInfection: Rule = (candidates, ctx) => {
  const copd = candidates.find((c) => /^J44\.[19]$/.test(c.code) && current(c));
  const infection = candidates.find((c) => LOWER_RESPIRATORY_INFECTION.test(c.code) && current(c));
  const already = candidates.some((c) => c.code === 'J44.0');
  const details = ctx.lookup('J44.0');
  if (!copd || !infection || already || !details?.billable) return { candidates: [...candidates] };
  const combined = combinedWith(copd, infection, details, ['lower respiratory infection'], GUIDELINE);
  const out = candidates.filter((c) => !(c.code === 'J44.9' && current(c)));
  out.push(combined);
  return { candidates: out.sort((a, b) => a.offset - b.offset) };
};

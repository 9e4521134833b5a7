/**
 * Weeks of gestation (I.C.15.a.3 / Z3A): every pregnancy encounter reports the weeks of
 * gestation from the record; the weeks also give the trimester the O-codes ask for
 * (I.C.15.a.3: first < 14 weeks 0 days, second 14 weeks 0 days to < 28 weeks 0 days, third ≥ 28).
 */
import { type Fact, type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.C.15.a.3 / Z3A: weeks of gestation from the record';

// "24 weeks", "24 wks", "24w3d", "24 4/7 weeks", "24+3 weeks"; bounded, no nested quantifiers.
const WEEKS =
  /\b([1-4]?\d)(?:\s?(?:\+\s?\d|[0-6]\/7))?(?:\s?(?:weeks?|wks?)\b|w(?:[0-6]d)?\b)(?!\s+(?:ago|prior|before|later))/gi;
const PREGNANCY =
  /\b(?:pregnan\w*|gestation\w*|gravid\w*|G\d+\s?P\d+|prenatal|antenatal|obstetric\w*|intrauterine pregnancy|IUP|EGA|GA|trimester|labou?r|deliver\w*|fetal|fetus)\b/i;

/** The first gestational age in a text ("at 24 weeks"), skipping durations ("for 3 weeks"). */
export function weeksOfGestation(text: string): { weeks: number; match: RegExpExecArray } | null {
  WEEKS.lastIndex = 0;
  for (let m = WEEKS.exec(text); m !== null; m = WEEKS.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    // "for 3 weeks", "x 2 weeks", "in 2 weeks" are durations and intervals, not gestational age.
    if (/\b(?:for|x|in|every|past|last|over|within)\s*$/.test(before)) continue;
    return { weeks: Number(m[1]), match: m };
  }
  return null;
}

export function z3aCode(weeks: number): string {
  if (weeks < 8) return 'Z3A.01';
  if (weeks > 42) return 'Z3A.49';
  return `Z3A.${String(weeks).padStart(2, '0')}`;
}

export function trimesterOf(weeks: number): 'first' | 'second' | 'third' {
  return weeks < 14 ? 'first' : weeks < 28 ? 'second' : 'third';
}

/** The gestational age stated in a sentence that speaks of the pregnancy. */
export function statedWeeks(input: Parameters<FactFinder>[0]): { weeks: number; fact: Fact } | null {
  const pregnant = input.codes.some((c) => /^(O|Z3[3-7]|Z3A)/.test(c));
  for (const { sentence, text } of sentenceTexts(input.analysis)) {
    if (sentence.section === 'family_history') continue;
    if (!pregnant && !PREGNANCY.test(text)) continue;
    const found = weeksOfGestation(text);
    if (!found || found.weeks > 45) continue;
    const { weeks, match } = found;
    return {
      weeks,
      fact: {
        code: z3aCode(weeks),
        evidence: [spanOf(input.analysis, sentence.start, match, sentence.section)],
        indexPath: ['Pregnancy', 'weeks of gestation', String(weeks)],
        guideline: GUIDELINE,
      },
    };
  }
  return null;
}

export const gestation: FactFinder = (input) => {
  const found = statedWeeks(input);
  if (!found) return [];
  // Reported with pregnancy codes only, never on its own (and not for the newborn's record).
  const pregnancy = input.codes.some((c) => /^(O|Z3[34])/.test(c));
  return pregnancy ? [found.fact] : [];
};

/**
 * Body mass index (I.B.14, I.C.21.c.3 / Z68): reported only with an associated condition the
 * provider documented (obesity, overweight, underweight, malnutrition, cachexia). Adults
 * (20 and over) by value; children (2–19) by percentile.
 */
import { type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.B.14: BMI (Z68.-) reported with its associated weight diagnosis';

const WEIGHT_CONDITIONS = /^(E66|E4[0-6]|R63\.[46]|R64|R62\.5)/;
const BMI =
  /\b(?:BMI|body mass index)\b(?:\s*(?:is|of|was|=|:))?\s*(\d{1,2}(?:\.\d{1,2})?)(?:\s*(?:kg\/m2|kg\/m\^2))?(?:[^.;\n]{0,20}?\b(\d{1,2}(?:\.\d)?)\s*(?:st|nd|rd|th)?\s*percentile)?/gi;

export function adultBmiCode(bmi: number): string {
  if (bmi < 20) return 'Z68.1';
  if (bmi < 40) return `Z68.${Math.floor(bmi)}`;
  if (bmi < 45) return 'Z68.41';
  if (bmi < 50) return 'Z68.42';
  if (bmi < 60) return 'Z68.43';
  if (bmi < 70) return 'Z68.44';
  return 'Z68.45';
}

export function pediatricBmiCode(percentile: number): string {
  if (percentile < 5) return 'Z68.51';
  if (percentile < 85) return 'Z68.52';
  if (percentile < 95) return 'Z68.53';
  return 'Z68.54';
}

export const bmi: FactFinder = (input) => {
  if (!input.codes.some((c) => WEIGHT_CONDITIONS.test(c))) return [];
  const child = input.age >= 2 && input.age < 20;
  for (const { sentence, text } of sentenceTexts(input.analysis)) {
    BMI.lastIndex = 0;
    // Percentile may also stand alone for a child ("BMI at the 97th percentile").
    const pct = child ? /\b(\d{1,2}(?:\.\d)?)\s*(?:st|nd|rd|th)?\s*percentile/i.exec(text) : null;
    const m = BMI.exec(text);
    if (!m) continue;
    let code: string;
    if (child) {
      const p = m[2] ?? pct?.[1];
      if (p === undefined) continue;
      code = pediatricBmiCode(Number(p));
    } else code = adultBmiCode(Number(m[1]));
    return [
      {
        code,
        evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
        indexPath: ['Body, bodies', 'mass index (BMI)', child ? 'pediatric' : 'adult'],
        guideline: GUIDELINE,
      },
    ];
  }
  return [];
};

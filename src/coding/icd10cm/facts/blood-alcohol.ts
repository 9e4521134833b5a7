/**
 * Blood alcohol level (Y90, Tabular: "Code first any associated alcohol related disorders
 * (F10)"): when the note reports an alcohol-related condition and a measured blood alcohol
 * level, the level's band is reported after it. mg/dL is mg/100 mL; a percentage (0.21 %) or
 * g/dL is 1,000 times that. No level without an alcohol-related condition, and no Y90.9
 * ("level not specified") from wording alone.
 */
import { type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE =
  'Y90 (Tabular): blood alcohol level reported with the alcohol-related disorder it accompanies (code first F10)';

/** An alcohol-related disorder (F10) or the toxic effect of ethanol (T51.0-). */
const ALCOHOL_RELATED = /^(?:F10|T51\.0)/;

const LEVEL =
  /\b(?:blood alcohol(?: level| concentration| content)?|serum (?:alcohol|ethanol)(?: level| concentration)?|(?:ethanol|etoh|alcohol) (?:level|concentration)|bal|bac)\b(?:\s*(?:was|is|of|at|=|:))*\s*(<|less than)?\s*(\d+(?:\.\d+)?)\s*(mg\s*\/\s*dl|mg\s*\/\s*100\s*ml|mg\s*%|%|g\s*\/\s*dl)?/i;

/** "EtOH 215 mg/dL": the word alone, when a blood concentration unit follows the number. */
const WITH_UNIT =
  /\b(?:etoh|ethanol|alcohol)\b(?:\s*(?:was|is|of|at|=|:))*\s*(<|less than)?\s*(\d+(?:\.\d+)?)\s*(mg\s*\/\s*dl|mg\s*\/\s*100\s*ml|mg\s*%)/i;

/** mg/100 mL → the Y90 band. */
export function bloodAlcoholCode(mgPer100ml: number): string {
  const bands: Array<[number, string]> = [
    [20, 'Y90.0'],
    [40, 'Y90.1'],
    [60, 'Y90.2'],
    [80, 'Y90.3'],
    [100, 'Y90.4'],
    [120, 'Y90.5'],
    [200, 'Y90.6'],
    [240, 'Y90.7'],
  ];
  for (const [upTo, code] of bands) if (mgPer100ml < upTo) return code;
  return 'Y90.8';
}

export const bloodAlcohol: FactFinder = (input) => {
  if (!input.codes.some((c) => ALCOHOL_RELATED.test(c))) return [];
  for (const { sentence, text } of sentenceTexts(input.analysis)) {
    if (sentence.section === 'family_history') continue;
    const m = LEVEL.exec(text) ?? WITH_UNIT.exec(text);
    if (!m) continue;
    const value = Number(m[2]);
    const unit = (m[3] ?? '').replace(/\s+/g, '').toLowerCase();
    // A fraction of a percent (0.21 %, 0.21 g/dL) is g/100 mL; a bare number below 1 too.
    const mg = unit === '%' || unit === 'g/dl' || (!unit && value < 1) ? value * 1000 : value;
    return [
      {
        code: bloodAlcoholCode(mg),
        evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
        indexPath: ['External Cause Index', 'Blood alcohol level'],
        guideline: GUIDELINE,
      },
    ];
  }
  return [];
};

/**
 * Perineal laceration during delivery by degree (Index: Delivery, complicated by, laceration,
 * perineum; Tabular O70.-): first degree O70.0, second O70.1, third O70.20 (O70.21–O70.23 when
 * the grade IIIa/IIIb/IIIc is stated), fourth O70.3. The note rarely writes the Index's
 * "complicated by" heading, and "laceration, perineum, female" without it leads to the injury
 * code S31.41-; on a delivery record the obstetric code is the one reported (I.C.15.a.1:
 * conditions in pregnancy, childbirth and the puerperium are coded from chapter 15).
 */
import type { NoteAnalysis } from '../../../nlp/analyze.js';
import { isDiagnosticSection } from '../../../nlp/sections.js';
import { DELIVERED } from './delivery.js';
import { type FactFinder, sentenceTexts, spanOf } from './types.js';

export const GUIDELINE = 'I.C.15.a.1 / O70.-: perineal laceration during delivery, by degree';

const DEGREE =
  /\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]degree (?:perineal |vaginal |obstetric(?:al)? )?(?:laceration|tear)\b/gi;
const GRADE = /\b3([abc])\b|\bIII([abc])\b/i;

const CODE: Record<string, string> = { first: 'O70.0', second: 'O70.1', third: 'O70.20', fourth: 'O70.3' };
const ORDINAL: Record<string, string> = { '1st': 'first', '2nd': 'second', '3rd': 'third', '4th': 'fourth' };
const THIRD_GRADE: Record<string, string> = { a: 'O70.21', b: 'O70.22', c: 'O70.23' };

/** The match's words are affirmed: not negated, not a past delivery's ("history of a 3rd degree tear"). */
function affirmed(analysis: NoteAnalysis, sentenceIndex: number, start: number, end: number): boolean {
  const s = analysis.sentences[sentenceIndex]!;
  return s.tokens.every((t, i) => {
    if (t.end <= start || t.start >= end) return true;
    const f = s.flags[i]!;
    return !f.negated && !f.historical && !f.hypothetical && !f.family && !f.uncertain;
  });
}

export const obstetricLaceration: FactFinder = (input) => {
  const texts = sentenceTexts(input.analysis);
  const delivery =
    input.codes.some((c) => /^O(?:6|7|80|82)/.test(c)) || texts.some(({ text }) => DELIVERED.test(text));
  if (!delivery || input.codes.some((c) => /^Z38/.test(c))) return [];
  // The provider's diagnostic statement first: it is where the encounter's conditions are stated.
  const ordered = [
    ...texts.filter(({ sentence }) => isDiagnosticSection(sentence.section)),
    ...texts.filter(({ sentence }) => !isDiagnosticSection(sentence.section)),
  ];
  for (const { sentence, text } of ordered) {
    if (sentence.section === 'family_history' || sentence.section === 'past_medical_history') continue;
    DEGREE.lastIndex = 0;
    for (let m = DEGREE.exec(text); m !== null; m = DEGREE.exec(text)) {
      const start = sentence.start + m.index;
      if (!affirmed(input.analysis, sentence.index, start, start + m[0].length)) continue;
      const word = m[1]!.toLowerCase();
      const degree = ORDINAL[word] ?? word;
      const grade = degree === 'third' ? GRADE.exec(text) : null;
      const code = grade ? THIRD_GRADE[(grade[1] ?? grade[2])!.toLowerCase()]! : CODE[degree]!;
      return [
        {
          code,
          evidence: [spanOf(input.analysis, sentence.start, m, sentence.section)],
          indexPath: ['Delivery', 'complicated by', 'laceration', 'perineum, perineal', `${degree} degree`],
          guideline: GUIDELINE,
          // The unspecified-degree and injury readings of the same tear, and the incidental
          // pregnant state (Z33.1), which no chapter 15 code goes with.
          replaces: ['O70.9', 'S31.4*', 'N81.89', 'Z33.1'],
        },
      ];
    }
  }
  return [];
};

/**
 * The parts of a note the E/M reading cares about: its title line (where "ED PROVIDER NOTE",
 * "DISCHARGE SUMMARY" or "New patient consult" is written), the sections where the provider's
 * decisions are written (assessment, plan, MDM, course), and the text line around a statement
 * (a numbered assessment item, which holds a problem's status and its management together).
 */
import {
  contextScopes,
  expandAbbreviations,
  type NoteAnalysis,
  type SectionKind,
  type Sentence,
  tokenize,
} from '../../nlp/index.js';

const DECISION_SECTIONS: ReadonlySet<SectionKind> = new Set([
  'assessment',
  'assessment_plan',
  'diagnoses',
  'plan',
  'hospital_course',
]);

/** Sections that hold what the provider decided: problems addressed, orders, treatment. */
export function isDecisionSection(kind: SectionKind): boolean {
  return DECISION_SECTIONS.has(kind);
}

/** True when the note has at least one assessment, plan, diagnosis or MDM section. */
export function hasDecisionSections(analysis: NoteAnalysis): boolean {
  return analysis.sections.some((s) => isDecisionSection(s.kind));
}

/** Sections that only list background (history lists, medication lists, allergies). */
const BACKGROUND_SECTIONS: ReadonlySet<SectionKind> = new Set([
  'past_medical_history',
  'past_surgical_history',
  'medications',
  'allergies',
  'family_history',
  'social_history',
]);

export function isBackgroundSection(kind: SectionKind): boolean {
  return BACKGROUND_SECTIONS.has(kind);
}

/** The first non-empty line of the note: its title, when it has one. */
export function titleLine(analysis: NoteAnalysis): { start: number; end: number } | undefined {
  const text = analysis.text;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim().length > 0) {
      const lead = line.length - line.trimStart().length;
      return { start: start + lead, end: start + line.trimEnd().length };
    }
    start = end + 1;
  }
  return undefined;
}

/** Sentences that open the note: the title, preamble, chief complaint and history of present illness. */
export function isOpeningSentence(analysis: NoteAnalysis, s: Sentence): boolean {
  if (s.section === 'preamble' || s.section === 'chief_complaint' || s.section === 'hpi') return true;
  const title = titleLine(analysis);
  return title !== undefined && s.start < title.end;
}

/** The text line around an offset (a list item or a one-line statement), without its list marker. */
export function lineAround(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, end };
}

/**
 * The analysis with the title line as a sentence of the preamble when the sentence splitter did
 * not make it one: a title that reads as a section header ("Echo follow-up visit", "ED course")
 * starts a section and is no sentence, yet it says what visit this is.
 */
export function withTitle(analysis: NoteAnalysis): NoteAnalysis {
  const title = titleLine(analysis);
  if (!title || analysis.sentences.some((s) => s.start < title.end && s.end > title.start)) return analysis;
  const tokens = expandAbbreviations(tokenize(analysis.text, title.start, title.end));
  if (tokens.length === 0) return analysis;
  const sentence: Sentence = {
    index: -1,
    start: title.start,
    end: title.end,
    section: 'preamble',
    tokens,
    flags: contextScopes(tokens),
  };
  return { ...analysis, sentences: [sentence, ...analysis.sentences] };
}

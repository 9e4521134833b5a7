/**
 * The engine's first stage, shared by every code system: the input is checked, unreadable text
 * is turned away with a reason, very long text is cut to a cap, and the note is analysed once
 * (sections, sentences, tokens, context) for the diagnosis stage and all procedure finders.
 */
import { analyzeNote, type NoteAnalysis } from '../nlp/analyze.js';
import { validateNoteInput } from './note-input.js';
import { MAX_NOTE_CHARS, unreadableReason } from './text-quality.js';
import type { NoteInput } from './types.js';

/** Sentences analysed per note at most (a cap on work per note). */
export const MAX_SENTENCES = 3000;

export interface PreparedNote {
  readonly input: NoteInput;
  /** The text coded: `input.text`, cut to MAX_NOTE_CHARS. Evidence offsets point into it. */
  readonly text: string;
  readonly analysis: NoteAnalysis;
  /** Why the result may be partial (truncation). */
  readonly warnings: readonly string[];
}

/** The prepared note, or the reason it cannot be coded at all. Throws CodingInputError on bad input. */
export function prepareNote(input: NoteInput): PreparedNote | { unreadable: string } {
  validateNoteInput(input);
  const reason = unreadableReason(input.text);
  if (reason) return { unreadable: reason };
  const warnings: string[] = [];
  let text = input.text;
  if (text.length > MAX_NOTE_CHARS) {
    text = text.slice(0, MAX_NOTE_CHARS);
    warnings.push(`the note is ${input.text.length} characters; only the first ${MAX_NOTE_CHARS} were coded`);
  }
  const analysis = analyzeNote(text, { maxSentences: MAX_SENTENCES });
  if (analysis.sentences.length >= MAX_SENTENCES)
    warnings.push(`only the first ${MAX_SENTENCES} sentences were coded`);
  return { input, text, analysis, warnings };
}

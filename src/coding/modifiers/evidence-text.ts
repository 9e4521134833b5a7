/**
 * The words next to a line's evidence: from a little before each span to a little after it,
 * inside its sentence. "Debridement of the sacral ulcer; selective debridement of the left heel
 * wound" is one sentence with two procedures, and each line's site is the one beside its own
 * evidence, not both.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { ProcedureSuggestion } from '../procedure-types.js';
import { sentenceAt } from './line-context.js';

const BEFORE = 30;
const AFTER = 60;

export function evidenceText(line: ProcedureSuggestion, analysis: NoteAnalysis): string {
  const parts: string[] = [];
  for (const e of line.evidence) {
    const s = sentenceAt(analysis, e.start);
    const from = Math.max(s?.start ?? 0, e.start - BEFORE);
    const to = Math.min(s?.end ?? analysis.text.length, e.end + AFTER);
    // Stop at a clause boundary on either side, so the neighbouring procedure's words stay out.
    const before = analysis.text.slice(from, e.start);
    const after = analysis.text.slice(e.end, to);
    const cutBefore = Math.max(before.lastIndexOf(';'), before.lastIndexOf('. '));
    const semicolon = after.indexOf(';');
    parts.push(
      (cutBefore >= 0 ? before.slice(cutBefore + 1) : before) +
        analysis.text.slice(e.start, e.end) +
        (semicolon >= 0 ? after.slice(0, semicolon) : after),
    );
  }
  return parts.join(' ');
}

/**
 * An operative or procedure report documents the procedure, not a visit: the surgeon's
 * evaluation is in the history and physical or a progress note, and the decision for surgery is
 * billed from there (with 57 when it falls in the global period). So no E/M level is read from a
 * procedure report, and no query asks for one. Recognised by the report's own title, or by the
 * pre-operative diagnosis and procedure headings every operative report carries (Joint
 * Commission RC.02.01.03: the operative report records the pre- and post-operative diagnoses
 * and the procedure performed).
 */
import type { NoteAnalysis } from '../../nlp/index.js';

const REPORT_TITLE = /^\s*(?:brief\s+)?(?:operative|operation|op|procedure)\s+(?:note|report)\b/i;
const PREOPERATIVE = /^\s*pre-?\s?op(?:erative)?\s+diagnos[ie]s\b/im;
const PROCEDURE_HEADING = /^\s*(?:procedures?|operations?)(?:\s+performed)?\s*:/im;

export function isProcedureReport(analysis: NoteAnalysis): boolean {
  const text = analysis.text;
  if (REPORT_TITLE.test(text.slice(0, 200))) return true;
  return PREOPERATIVE.test(text) && PROCEDURE_HEADING.test(text);
}

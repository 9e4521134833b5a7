/**
 * RT and LT when a procedure's evidence names one side, 50 when it names both ("bilateral",
 * "both knees"): the anatomic modifiers that tell a payer which side was treated, and that let two
 * lines of one code on opposite sides (or an NCCI pair on opposite sides) both be paid.
 *
 * Limited to the surgery section (CPT 10021-69990): whether 50 is payable for a code is the
 * Physician Fee Schedule's BILAT SURG indicator, which the project does not have, so 50 is added
 * only where the note states a bilateral procedure; the coder checks the indicator.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { ProcedureSuggestion } from '../procedure-types.js';
import { sideIn } from './body-sites.js';
import { evidenceText } from './evidence-text.js';
import { hasModifier, isSurgical } from './line-kinds.js';
import { withDetail } from './line-notes.js';

const MODIFIER = { right: 'RT', left: 'LT', bilateral: '50' } as const;
const REASON = {
  right: 'right side: the procedure is documented on the right',
  left: 'left side: the procedure is documented on the left',
  bilateral: 'bilateral procedure: documented on both sides (one line, modifier 50)',
} as const;

export function lateralityModifiers(
  lines: readonly ProcedureSuggestion[],
  analysis: NoteAnalysis,
): ProcedureSuggestion[] {
  return lines.map((line) => {
    if (!isSurgical(line) || hasModifier(line, ['RT', 'LT', '50'])) return line;
    const side = sideIn(evidenceText(line, analysis));
    if (!side) return line;
    if (side === 'both-named') {
      return withDetail(
        line,
        'RT/LT/50 not added: the evidence names both right and left without saying bilateral; one line per side (RT, LT) or 50',
      );
    }
    return {
      ...line,
      modifiers: [
        ...line.modifiers,
        { code: MODIFIER[side], reason: REASON[side], evidence: line.evidence.slice(0, 2) },
      ],
    };
  });
}

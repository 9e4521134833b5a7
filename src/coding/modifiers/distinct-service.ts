/**
 * 59 and its subsets XS (separate structure), XE (separate encounter) and XU (unusual
 * non-overlapping service) on the column 2 line of an NCCI PTP pair whose modifier indicator is 1,
 * when the note documents why the two services were distinct; with the reason, so the coder can
 * check it. Never on an indicator 0 pair (no modifier can unbundle it), never on an E/M line
 * (25 is its modifier), and not where RT/LT on the two lines already bypass the edit (NCCI
 * Policy Manual ch. I, sec. E: use the anatomic modifier when it describes the distinction).
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { ProcedureSuggestion } from '../procedure-types.js';
import { sitesIn } from './body-sites.js';
import { evidenceText } from './evidence-text.js';
import { lineContext } from './line-context.js';
import { hasModifier, isProcedure } from './line-kinds.js';
import { withDetail } from './line-notes.js';
import type { PtpPairs } from './ptp-pairs.js';

export interface DistinctServiceOptions {
  /** 'X': XS/XE/XU (CMS accepts them and prefers them); '59': for payers that take only 59. */
  distinctModifier?: 'X' | '59';
}

const DISTINCT = ['59', 'XE', 'XS', 'XP', 'XU'];
const SEPARATE_ENCOUNTER =
  /\b(later (?:that|the same) day|returned (?:later|in the afternoon|that afternoon)|separate (?:encounter|visit|session)|second (?:visit|encounter|session) (?:the same|that) day)\b/i;
const DISTINCT_SERVICE =
  /\b(separate(?:ly)?|distinct|unrelated|non-overlapping|different (?:incision|lesion|wound))\b/i;

export function distinctServiceModifiers(
  lines: readonly ProcedureSuggestion[],
  analysis: NoteAnalysis,
  date: string,
  ptp: PtpPairs | undefined,
  options: DistinctServiceOptions = {},
): ProcedureSuggestion[] {
  const out = [...lines];
  if (!ptp) return out;
  const useX = (options.distinctModifier ?? 'X') === 'X';
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i];
      const b = out[j];
      if (!a || !b || !isProcedure(a) || !isProcedure(b) || a.code === b.code) continue;
      const edit = ptp.edit(a.code, b.code, date);
      if (!edit || edit.modifierIndicator === 9) continue;
      const [col1, col2, k2] = edit.column1 === a.code ? [a, b, j] : [b, a, i];
      const pair = `NCCI PTP pair ${col1.code}/${col2.code}${edit.rationale ? ` (${edit.rationale})` : ''}`;
      if (edit.modifierIndicator === 0) {
        out[k2] = withDetail(
          col2,
          `${pair}: modifier indicator 0, ${col2.code} is bundled into ${col1.code} and no modifier can bypass it`,
        );
        continue;
      }
      if (hasModifier(col1, DISTINCT) || hasModifier(col2, DISTINCT)) continue;
      const side = (l: ProcedureSuggestion) =>
        l.modifiers.find((m) => m.code === 'RT' || m.code === 'LT')?.code;
      if (side(col1) && side(col2) && side(col1) !== side(col2)) {
        out[k2] = withDetail(
          col2,
          `${pair}: bypassed by the anatomic modifiers ${side(col1)}/${side(col2)}; no 59/X needed`,
        );
        continue;
      }
      const sites1 = sitesIn(evidenceText(col1, analysis));
      const sites2 = sitesIn(evidenceText(col2, analysis));
      const bare = (s: string) => s.replace(/^(right|left) /, '');
      const context2 = lineContext(col2, analysis).text;
      let modifier: { code: string; reason: string } | undefined;
      if (sites1.length && sites2.length && !sites2.some((s) => sites1.map(bare).includes(bare(s)))) {
        modifier = {
          code: useX ? 'XS' : '59',
          reason: `separate structure: ${col1.code} on the ${sites1.join(', ')} and ${col2.code} on the ${sites2.join(', ')} (${pair}, modifier indicator 1)`,
        };
      } else if (SEPARATE_ENCOUNTER.test(context2)) {
        modifier = {
          code: useX ? 'XE' : '59',
          reason: `separate encounter: "${SEPARATE_ENCOUNTER.exec(context2)?.[0]}" (${pair}, modifier indicator 1)`,
        };
      } else if (DISTINCT_SERVICE.test(evidenceText(col2, analysis))) {
        modifier = {
          code: useX ? 'XU' : '59',
          reason: `distinct, non-overlapping service: "${DISTINCT_SERVICE.exec(evidenceText(col2, analysis))?.[0]}" (${pair}, modifier indicator 1)`,
        };
      }
      out[k2] = modifier
        ? {
            ...col2,
            modifiers: [
              ...col2.modifiers,
              { ...modifier, evidence: [...col1.evidence.slice(0, 1), ...col2.evidence.slice(0, 1)] },
            ],
          }
        : withDetail(
            col2,
            `${pair}: the edit allows a modifier (indicator 1), but the note documents no separate site, encounter or distinct service; query the provider or drop ${col2.code}`,
          );
    }
  }
  return out;
}

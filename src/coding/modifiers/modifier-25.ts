/**
 * Modifier 25 on an E/M visit billed the same day as a minor procedure (a 0- or 10-day global
 * period, or an NCCI PTP pair with the E/M code whose modifier indicator is 1), when the note
 * documents a significant, separately identifiable E/M: a problem addressed apart from the one the
 * procedure treats, or E/M work (the E/M line's own evidence) outside the procedure's sentences.
 * The pre-procedure assessment of the problem being treated is part of the procedure, so without
 * that the E/M gets no 25 and the line says why.
 */
import type { NoteAnalysis, Sentence } from '../../nlp/index.js';
import type { ProcedureSuggestion } from '../procedure-types.js';
import type { CodeSuggestion, EvidenceSpan } from '../types.js';
import { lineContext, sentenceAt } from './line-context.js';
import { hasModifier, isEvaluationAndManagement, isProcedure } from './line-kinds.js';
import { withDetail } from './line-notes.js';
import { MINOR_PROCEDURE_SOURCE, MINOR_PROCEDURES } from './minor-procedures.js';
import type { PtpPairs } from './ptp-pairs.js';

interface Trigger {
  line: ProcedureSuggestion;
  why: string;
}

function triggers(
  em: ProcedureSuggestion,
  lines: readonly ProcedureSuggestion[],
  date: string,
  ptp?: PtpPairs,
): Trigger[] {
  const out: Trigger[] = [];
  for (const line of lines) {
    if (!isProcedure(line)) continue;
    const global = MINOR_PROCEDURES.get(line.code);
    const edit = ptp?.edit(em.code, line.code, date);
    if (edit && edit.modifierIndicator === 1) {
      out.push({ line, why: `NCCI PTP pair ${edit.column1}/${edit.column2} (modifier indicator 1)` });
    } else if (global) {
      out.push({ line, why: `${line.code} has a ${global}-day global period (${MINOR_PROCEDURE_SOURCE})` });
    }
  }
  return out;
}

/** Evidence of E/M work apart from the procedures' sentences: another problem, or the E/M's own items. */
function separateWork(
  em: ProcedureSuggestion,
  procedures: readonly ProcedureSuggestion[],
  diagnoses: readonly CodeSuggestion[],
  analysis: NoteAnalysis,
): { what: string; evidence: EvidenceSpan[] } | undefined {
  const procedureSentences = new Set<Sentence>(procedures.flatMap((p) => lineContext(p, analysis).sentences));
  const inProcedure = (e: EvidenceSpan) => {
    const s = sentenceAt(analysis, e.start);
    return s !== undefined && procedureSentences.has(s);
  };
  const treated = diagnoses.filter((d) => d.evidence.some(inProcedure));
  const treatedCategories = new Set(treated.map((d) => d.code.slice(0, 3)));
  const other = diagnoses.find(
    (d) =>
      d.evidence.length > 0 && !d.evidence.some(inProcedure) && !treatedCategories.has(d.code.slice(0, 3)),
  );
  if (other)
    return {
      what: `the note also addresses ${other.code} (${other.title})`,
      evidence: other.evidence.slice(0, 2),
    };
  const items = em.rationale.em?.mdm?.problems.items ?? [];
  const item = items.find((i) => i.evidence.length > 0 && !i.evidence.some(inProcedure));
  if (item)
    return { what: `E/M work apart from the procedure: ${item.label}`, evidence: item.evidence.slice(0, 2) };
  return undefined;
}

/** Vaccine administration: the same-day services CMS lets G2211 stand beside (CY2025 rule). */
const VACCINE_ADMINISTRATION = /^(G000[89]|G0010|9047[1-4])$/;

/**
 * G2211 (visit complexity add-on) is not payable when the E/M carries modifier 25, except when the
 * same-day service is vaccine administration, a Medicare Part B preventive service or an annual
 * wellness visit (CMS CY2025 Physician Fee Schedule final rule). The E/M finder leaves G2211 off
 * when it sets 25 itself; when 25 is added here, the add-on goes with the same reason.
 */
function withoutG2211(lines: ProcedureSuggestion[], added: readonly Trigger[]): ProcedureSuggestion[] {
  if (added.length === 0 || added.every((t) => VACCINE_ADMINISTRATION.test(t.line.code))) return lines;
  if (!lines.some((l) => l.code === 'G2211')) return lines;
  const codes = [...new Set(added.map((t) => t.line.code))].join(', ');
  return lines
    .filter((l) => l.code !== 'G2211')
    .map((l) =>
      isEvaluationAndManagement(l) && hasModifier(l, ['25'])
        ? withDetail(
            l,
            `G2211 removed: the E/M carries 25 for ${codes}, and G2211 is not payable with modifier 25 except beside vaccine administration, a Part B preventive service or an annual wellness visit (CMS CY2025 PFS final rule)`,
          )
        : l,
    );
}

export function modifier25(
  lines: readonly ProcedureSuggestion[],
  diagnoses: readonly CodeSuggestion[],
  analysis: NoteAnalysis,
  date: string,
  ptp?: PtpPairs,
): ProcedureSuggestion[] {
  const added: Trigger[] = [];
  const out = lines.map((line) => {
    if (!isEvaluationAndManagement(line) || hasModifier(line, ['25', '57'])) return line;
    const found = triggers(line, lines, date, ptp);
    if (found.length === 0) return line;
    const procedures = found.map((t) => t.line);
    const codes = procedures.map((p) => p.code).join(', ');
    const separate = separateWork(line, procedures, diagnoses, analysis);
    if (!separate) {
      return withDetail(
        line,
        `25 not added: ${codes} is billed the same day (${found.map((t) => t.why).join('; ')}), and the note documents no problem or E/M work apart from it; the visit is part of the procedure unless the provider documents more`,
      );
    }
    added.push(...found);
    return {
      ...line,
      modifiers: [
        ...line.modifiers,
        {
          code: '25',
          reason: `significant, separately identifiable E/M on the day of ${codes} (${found.map((t) => t.why).join('; ')}): ${separate.what}`,
          evidence: separate.evidence,
        },
      ],
    };
  });
  return withoutG2211(out, added);
}

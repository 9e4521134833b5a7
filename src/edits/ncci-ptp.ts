import type { Claim, ResolvedLine } from './claim.js';
import type { Finding } from './finding.js';
import { findBypass, isEvaluationAndManagement } from './ncci-modifiers.js';
import { type PtpEdit, ptpActiveOn, type ScrubTables } from './tables.js';

const INDICATOR_TEXT = { 0: 'not allowed', 1: 'allowed', 9: 'not applicable' } as const;

/**
 * NCCI procedure-to-procedure edits: two lines on the same date of service (and, when the
 * claim names them, the same rendering provider) whose codes form an active edit pair.
 * Modifier indicator 0 can never be bypassed; 1 only with an applicable NCCI-associated
 * modifier actually on the claim; 9 means the edit is not applied. The column 2 code is the one
 * the payer denies.
 */
export function ncciPtpEdits(claim: Claim, lines: readonly ResolvedLine[], tables: ScrubTables): Finding[] {
  if (claim.setting === 'dme') return [];
  const setting = claim.setting;
  const index = tables.ptp[setting];
  if (index.size === 0) return [];
  const findings: Finding[] = [];
  for (const a of lines) {
    const asColumn1 = index.get(a.code);
    if (!asColumn1) continue;
    for (const b of lines) {
      if (a === b || a.dateOfService !== b.dateOfService) continue;
      // A same-code edit (two E/M visits) is one pair: the later line is the column 2 line.
      if (a.code === b.code && a.line > b.line) continue;
      if (a.renderingNpi && b.renderingNpi && a.renderingNpi !== b.renderingNpi) continue;
      const edits = asColumn1.get(b.code);
      if (!edits) continue;
      const edit = edits.find((e) => ptpActiveOn(e, a.dateOfService));
      if (!edit || edit.modifierIndicator === 9) continue;
      findings.push(pairFinding(edit, a, b, setting));
    }
  }
  return findings;
}

function pairFinding(
  edit: PtpEdit,
  col1: ResolvedLine,
  col2: ResolvedLine,
  setting: 'practitioner' | 'outpatient',
): Finding {
  const data = {
    column1: edit.column1,
    column2: edit.column2,
    effectiveDate: edit.effectiveDate,
    deletionDate: edit.deletionDate,
    modifierIndicator: edit.modifierIndicator,
    rationale: edit.rationale,
    table: setting,
  };
  const pair = `lines ${col1.line} (${col1.code}) and ${col2.line} (${col2.code})`;
  const base = {
    family: 'ncci-ptp' as const,
    lines: [col1.line, col2.line].sort((x, y) => x - y),
    codes: [col1.code, col2.code],
    data,
  };
  const why = edit.rationale ? ` (${edit.rationale})` : '';
  if (edit.modifierIndicator === 0) {
    return {
      ...base,
      rule: 'NCCI-PTP-0',
      severity: 'error',
      message:
        `${col2.code} on line ${col2.line} is bundled into ${col1.code} on line ${col1.line} on ${col1.dateOfService}${why}. ` +
        `The NCCI edit's modifier indicator is 0 (${INDICATOR_TEXT[0]}): no modifier can unbundle them, so ${col2.code} will be denied.`,
      fix: `Remove ${col2.code} from line ${col2.line}. If the two services were on different dates, correct the date of service instead.`,
    };
  }
  const { bypass, rejected } = findBypass(col1, col2, setting);
  if (bypass) {
    const carrier = bypass.on === 'column1' ? col1 : col2;
    return {
      ...base,
      rule: 'NCCI-PTP-1-BYPASSED',
      severity: 'info',
      message:
        `${pair} form an NCCI pair${why} that is allowed with a modifier; modifier ${bypass.modifier} on line ${carrier.line} ` +
        `bypasses it, so both codes can be paid.`,
      fix: `No change needed if the record documents why ${bypass.modifier} applies (${modifierMeaning(bypass.modifier)}); otherwise remove ${col2.code}.`,
      data: { ...data, bypassModifier: bypass.modifier },
    };
  }
  const notes = rejected.length
    ? ` Modifiers present do not bypass it: ${rejected.map((r) => r.why).join('; ')}.`
    : '';
  return {
    ...base,
    rule: 'NCCI-PTP-1',
    severity: 'error',
    message:
      `${col2.code} on line ${col2.line} is bundled into ${col1.code} on line ${col1.line} on ${col1.dateOfService}${why}. ` +
      `The edit allows a modifier (indicator 1), but no applicable NCCI-associated modifier is on the claim, so ${col2.code} will be denied.${notes}`,
    fix: fixForIndicatorOne(col1, col2),
    data: { ...data, rejectedModifiers: rejected },
  };
}

function fixForIndicatorOne(col1: ResolvedLine, col2: ResolvedLine): string {
  if (isEvaluationAndManagement(col2.code)) {
    return (
      `Append modifier 25 to line ${col2.line} (${col2.code}) if a significant, separately identifiable E/M service was documented ` +
      `(57 if the visit was the decision for major surgery); otherwise remove ${col2.code}.`
    );
  }
  if (isEvaluationAndManagement(col1.code)) {
    return `Append modifier 25 to line ${col1.line} (${col1.code}) if the E/M was separately identifiable; otherwise remove ${col2.code}.`;
  }
  return (
    `Append modifier XS to line ${col2.line} if the procedures were on separate structures or organs (XE separate encounter, ` +
    `XP different practitioner, XU unusual non-overlapping service; 59 if none fits, or RT/LT and other anatomic modifiers ` +
    `when the sites differ); otherwise remove ${col2.code}.`
  );
}

function modifierMeaning(m: string): string {
  const meanings: Record<string, string> = {
    '59': 'distinct procedural service',
    XE: 'separate encounter',
    XS: 'separate structure or organ',
    XP: 'separate practitioner',
    XU: 'unusual non-overlapping service',
    '25': 'significant, separately identifiable E/M',
    '57': 'decision for surgery',
    '24': 'unrelated E/M in the postoperative period',
    '58': 'staged or related procedure in the global period',
    '78': 'unplanned return to the operating room',
    '79': 'unrelated procedure in the postoperative period',
    '27': 'multiple outpatient hospital E/M encounters',
    '91': 'repeat clinical laboratory test',
  };
  return meanings[m] ?? 'different anatomic site';
}

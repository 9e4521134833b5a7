/**
 * What every edit returns. A finding is written for the coder who must fix the claim: which
 * lines and codes, what is wrong in plain English, and what to do about it, with the data the
 * rule used so an auditor can check it.
 */
export type Severity = 'error' | 'warning' | 'info';

/** error = the payer will deny or reject; warning = likely to deny; info = worth knowing. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export type EditFamily =
  | 'ncci-ptp'
  | 'mue'
  | 'procedure-codes'
  | 'icd10cm-claim'
  | 'age-sex'
  | 'claim-hygiene';

export interface Finding {
  /** Stable rule id, e.g. `NCCI-PTP-0`, `MUE-DOS-CLINICAL`, `ICD-EXCLUDES1`. */
  rule: string;
  family: EditFamily;
  severity: Severity;
  /** 1-based claim line numbers involved (empty for claim-level findings). */
  lines: number[];
  /** The procedure, modifier or diagnosis codes involved. */
  codes: string[];
  message: string;
  fix: string;
  /** The table values the rule used (MUE value and MAI, PTP edit dates, note text ...). */
  data?: Record<string, unknown>;
}

/** Findings in a stable order: by first line (claim-level first), then severity, then rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.lines[0] ?? 0) - (b.lines[0] ?? 0) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.codes.join().localeCompare(b.codes.join()),
  );
}

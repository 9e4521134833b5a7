import { formatCents } from '../x12/amounts.js';
import type { BalanceIssue, ProviderAdjustment, RemitClaim } from './model.js';

/** Σ amountCents, without building intermediate arrays (this runs per line of large files). */
function total(adjustments: readonly { amountCents: number }[]): number {
  let t = 0;
  for (const a of adjustments) t += a.amountCents;
  return t;
}

/**
 * The three 835 balancing equations (X221A1 section 1.10.2):
 *   line:        SVC02 − Σ line CAS = SVC03
 *   claim:       CLP03 − Σ claim CAS − Σ line CAS = CLP04
 *   transaction: Σ CLP04 − Σ PLB = BPR02
 * Pure: returns every equation that does not hold, each naming the claim and segment.
 */
export function checkBalances(
  claims: readonly RemitClaim[],
  plb: readonly ProviderAdjustment[],
  totalCents: number,
  bprSegment: number,
): BalanceIssue[] {
  const issues: BalanceIssue[] = [];
  for (const claim of claims) {
    const pcn = claim.patientControlNumber;
    let lineAdjustments = 0;
    const lines = claim.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const adjusted = total(line.adjustments);
      lineAdjustments += adjusted;
      const expected = line.chargeCents - adjusted;
      if (expected !== line.paidCents) {
        issues.push({
          level: 'line',
          patientControlNumber: pcn,
          line: i + 1,
          segment: line.segment,
          expectedCents: expected,
          actualCents: line.paidCents,
          message: `claim ${pcn} line ${i + 1} (${line.procedure.code}): charge ${formatCents(line.chargeCents)} − adjustments ${formatCents(line.chargeCents - expected)} = ${formatCents(expected)}, but SVC03 paid is ${formatCents(line.paidCents)}`,
        });
      }
    }
    const adjustments = total(claim.adjustments) + lineAdjustments;
    const expected = claim.chargeCents - adjustments;
    if (expected !== claim.paidCents) {
      issues.push({
        level: 'claim',
        patientControlNumber: pcn,
        segment: claim.segment,
        expectedCents: expected,
        actualCents: claim.paidCents,
        message: `claim ${pcn}: charge ${formatCents(claim.chargeCents)} − adjustments ${formatCents(adjustments)} = ${formatCents(expected)}, but CLP04 paid is ${formatCents(claim.paidCents)}`,
      });
    }
  }
  let paid = 0;
  for (const c of claims) paid += c.paidCents;
  const provider = total(plb);
  if (paid - provider !== totalCents) {
    issues.push({
      level: 'transaction',
      segment: bprSegment,
      expectedCents: paid - provider,
      actualCents: totalCents,
      message: `claims paid ${formatCents(paid)} − provider adjustments ${formatCents(provider)} = ${formatCents(paid - provider)}, but BPR02 total is ${formatCents(totalCents)}`,
    });
  }
  return issues;
}

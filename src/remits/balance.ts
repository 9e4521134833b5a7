import { formatCents } from '../x12/amounts.js';
import type { BalanceIssue, ProviderAdjustment, RemitClaim } from './model.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

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
    claim.lines.forEach((line, i) => {
      const expected = line.chargeCents - sum(line.adjustments.map((a) => a.amountCents));
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
    });
    const adjustments =
      sum(claim.adjustments.map((a) => a.amountCents)) +
      sum(claim.lines.flatMap((l) => l.adjustments.map((a) => a.amountCents)));
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
  const paid = sum(claims.map((c) => c.paidCents));
  const provider = sum(plb.map((p) => p.amountCents));
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

import { formatCents } from '../x12/amounts.js';
import type { Claim, CobAdjustment } from './model.js';
import type { ClaimIssue } from './validate.js';

/**
 * Coordination-of-benefits rules of the 837 TR3s (005010X222A1 and 005010X223A2, loops 2320,
 * 2330B and 2430) for the other payers that already adjudicated the claim:
 *  - claim level: CLM02 charge = 2320 AMT*D paid + that payer's 2320 CAS + its 2430 CAS amounts;
 *  - when its lines are reported: AMT*D = the sum of its 2430 SVD02 line paid amounts;
 *  - line level: the line charge = SVD02 + that 2430's CAS amounts;
 *  - 2330B DTP*573 when the payer adjudicated and no 2430 reports its lines (never otherwise);
 *  - every SVD01 names one other payer's 2330B NM109;
 *  - each CAS segment carries one group code and up to 6 adjustments, at most 5 per loop.
 * A payer that has not adjudicated (no AMT*D) reports no adjustments, dates or lines.
 */

const sum = (adjustments: readonly CobAdjustment[] | undefined) =>
  (adjustments ?? []).reduce((a, x) => a + x.amountCents, 0);
const money = (cents: number) => formatCents(cents);

/** Each group code becomes one CAS segment of up to 6 reason/amount/quantity triplets. */
function casShape(
  adjustments: readonly CobAdjustment[] | undefined,
  path: string,
  loop: string,
): ClaimIssue[] {
  const counts = new Map<string, number>();
  for (const a of adjustments ?? []) counts.set(a.group, (counts.get(a.group) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n > 6)
    .map(([group, n]) => ({
      path,
      loop,
      message: `has ${n} ${group} adjustments; one CAS segment per group code carries at most 6`,
    }));
}

export function cobIssues(claim: Claim): ClaimIssue[] {
  const issues: ClaimIssue[] = [];
  const ids = claim.otherPayers.map((o) => o.payer.id);
  const lineAdjudications = claim.lines.flatMap((line, i) =>
    (line.adjudications ?? []).map((adj, j) => ({ line, adj, path: `lines[${i}].adjudications[${j}]` })),
  );
  if (lineAdjudications.length && new Set(ids).size !== ids.length) {
    issues.push({
      path: 'otherPayers',
      loop: '2330B NM109',
      message: 'two other payers share a payer id, so a 2430 SVD01 cannot say which payer it is',
    });
  }
  for (const { line, adj, path } of lineAdjudications) {
    if (!ids.includes(adj.payerId)) {
      issues.push({
        path: `${path}.payerId`,
        loop: '2430 SVD01',
        message: `${adj.payerId} is not the payer id (2330B NM109) of any other payer on the claim`,
      });
    }
    const paidAndAdjusted = adj.paidCents + sum(adj.adjustments);
    if (paidAndAdjusted !== line.chargeCents) {
      issues.push({
        path,
        loop: '2430 SVD/CAS',
        message: `does not balance: the line charge ${money(line.chargeCents)} must equal paid ${money(adj.paidCents)} + adjustments ${money(sum(adj.adjustments))} (= ${money(paidAndAdjusted)})`,
      });
    }
    issues.push(...casShape(adj.adjustments, `${path}.adjustments`, '2430 CAS'));
  }
  claim.lines.forEach((line, i) => {
    const payers = (line.adjudications ?? []).map((a) => a.payerId);
    if (new Set(payers).size !== payers.length)
      issues.push({
        path: `lines[${i}].adjudications`,
        loop: '2430 SVD',
        message: 'lists one payer twice (split or bundled lines are not supported)',
      });
  });
  claim.otherPayers.forEach((o, i) => {
    const at = `otherPayers[${i}]`;
    const lines = lineAdjudications.filter((l) => l.adj.payerId === o.payer.id);
    if (o.paidCents === undefined) {
      // Not adjudicated yet: 2320 CAS, 2330B DTP*573 and 2430 are "required when the claim has
      // been adjudicated by the payer identified in this loop", so none of them may be sent.
      if (o.adjustments?.length)
        issues.push({
          path: `${at}.adjustments`,
          loop: '2320 CAS',
          message: 'only a payer that adjudicated the claim reports adjustments: set paidCents (AMT*D)',
        });
      if (o.adjudicationDate)
        issues.push({
          path: `${at}.adjudicationDate`,
          loop: '2330B DTP*573',
          message: 'only a payer that adjudicated the claim has an adjudication date: set paidCents (AMT*D)',
        });
      for (const l of lines)
        issues.push({
          path: l.path,
          loop: '2430 SVD',
          message: `payer ${o.payer.id} has not adjudicated the claim (no paidCents, AMT*D), so it has no line adjudication`,
        });
      return;
    }
    issues.push(...casShape(o.adjustments, `${at}.adjustments`, '2320 CAS'));
    if (!lines.length && !o.adjudicationDate)
      issues.push({
        path: `${at}.adjudicationDate`,
        loop: '2330B DTP*573',
        message: 'is required when the payer adjudicated the claim and no 2430 reports its lines',
      });
    if (lines.length && o.adjudicationDate)
      issues.push({
        path: `${at}.adjudicationDate`,
        loop: '2330B DTP*573',
        message:
          'is not sent when 2430 reports the payer’s lines: each line carries its own date (2430 DTP*573)',
      });
    const lineAdjusted = lines.reduce((a, l) => a + sum(l.adj.adjustments), 0);
    const accounted = o.paidCents + sum(o.adjustments) + lineAdjusted;
    if (accounted !== claim.totalChargeCents) {
      issues.push({
        path: at,
        loop: '2320 AMT/CAS',
        message: `does not balance: the claim charge ${money(claim.totalChargeCents)} must equal paid ${money(o.paidCents)} + claim adjustments ${money(sum(o.adjustments))} + line adjustments ${money(lineAdjusted)} (= ${money(accounted)})`,
      });
    }
    if (lines.length) {
      const linePaid = lines.reduce((a, l) => a + l.adj.paidCents, 0);
      if (linePaid !== o.paidCents)
        issues.push({
          path: `${at}.paidCents`,
          loop: '2320 AMT*D',
          message: `is ${money(o.paidCents)} but the payer's 2430 line paid amounts (SVD02) add up to ${money(linePaid)}`,
        });
    }
  });
  return issues;
}

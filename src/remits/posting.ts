import { needsWork } from './groups.js';
import { type BilledLine, type MatchMethod, matchLines } from './match-lines.js';
import type { Adjustment, RemitClaim, Remittance } from './model.js';

/** What we know about one of our claims when posting (CLM01 and its lines). */
export interface OurClaim {
  patientControlNumber: string;
  lines: readonly BilledLine[];
}

export interface LineDenial {
  group: string;
  reason: string;
  amountCents: number;
  remarks: string[];
}

export interface LinePosting {
  /** Billed line number; absent when the payer's line matched none of ours. */
  billedLine?: number;
  method: MatchMethod;
  paidCents: number;
  /** CO adjustments that are plain contractual write-offs. */
  contractualCents: number;
  /** PR adjustments: what the patient (or the next payer) owes. */
  patientCents: number;
  /** Adjustments someone has to work (denials, OA/PI, CO other than contractual), for the worklist. */
  denials: LineDenial[];
}

export interface ClaimPosting {
  /** Unique per remittance claim: posting the same file twice yields the same keys. */
  key: string;
  patientControlNumber: string;
  payerClaimNumber: string;
  outcome: 'paid' | 'partially_paid' | 'denied' | 'reversal';
  paidCents: number;
  patientResponsibilityCents: number;
  /** Claim-level adjustments (not tied to a line). */
  claimAdjustments: Adjustment[];
  lines: LinePosting[];
}

export interface PostingPlan {
  postings: ClaimPosting[];
  /** CLP01 values that are not our claims. */
  unknownClaims: string[];
}

/** A remittance that failed validation: nothing from it may be posted. */
export class PostingRefused extends Error {
  override name = 'PostingRefused';
  constructor(readonly reasons: string[]) {
    super(`remittance not posted:\n${reasons.map((r) => `  ${r}`).join('\n')}`);
  }
}

function outcomeOf(claim: RemitClaim): ClaimPosting['outcome'] {
  if (claim.reversal) return 'reversal';
  if (claim.status === '4') return 'denied';
  const all = [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)];
  const worked = all.some((a) => a.amountCents !== 0 && needsWork(a.group, a.reason));
  if (claim.paidCents === 0 && claim.patientResponsibilityCents === 0) return 'denied';
  return worked ? 'partially_paid' : 'paid';
}

function linePosting(
  line: Remittance['claims'][number]['lines'][number],
  match: ReturnType<typeof matchLines>[number],
): LinePosting {
  const posting: LinePosting = {
    method: match.method,
    paidCents: line.paidCents,
    contractualCents: 0,
    patientCents: 0,
    denials: [],
  };
  if (match.billedLine !== undefined) posting.billedLine = match.billedLine;
  for (const a of line.adjustments) {
    if (a.group === 'PR') posting.patientCents += a.amountCents;
    else if (!needsWork(a.group, a.reason)) posting.contractualCents += a.amountCents;
    else
      posting.denials.push({
        group: a.group,
        reason: a.reason,
        amountCents: a.amountCents,
        remarks: line.remarks,
      });
  }
  return posting;
}

/**
 * The key a remittance claim posts under: payer, trace, set, position, CLP01/CLP07/CLP02. The
 * same content re-sent in another file has the same key, so it is posted once.
 */
export function postingKey(remit: Remittance, index: number): string {
  const claim = remit.claims[index]!;
  return [
    remit.payer.id ?? remit.payer.name,
    remit.trace.number,
    remit.controlNumber,
    index,
    claim.patientControlNumber,
    claim.payerClaimNumber,
    claim.status,
  ].join('|');
}

/**
 * Works out what a remittance posts to our claims, without touching the database: per claim
 * the outcome, per line (matched by SVC06, REF*6R, then best match) the paid amount,
 * contractual write-off, patient share and the denials that go to the worklist. Refuses (throws
 * PostingRefused) a remittance that does not balance or could not be fully read, so a bad file
 * posts nothing. The keys make posting idempotent: the store records them and skips known ones.
 */
export function planPosting(remit: Remittance, ours: ReadonlyMap<string, OurClaim>): PostingPlan {
  const reasons = [...remit.problems, ...remit.imbalances.map((i) => i.message)];
  if (reasons.length) throw new PostingRefused(reasons);
  const postings: ClaimPosting[] = [];
  const unknownClaims: string[] = [];
  remit.claims.forEach((claim, index) => {
    const our = ours.get(claim.patientControlNumber);
    if (!our) {
      unknownClaims.push(claim.patientControlNumber);
      return;
    }
    const matches = matchLines(our.lines, claim.lines);
    postings.push({
      key: postingKey(remit, index),
      patientControlNumber: claim.patientControlNumber,
      payerClaimNumber: claim.payerClaimNumber,
      outcome: outcomeOf(claim),
      paidCents: claim.paidCents,
      patientResponsibilityCents: claim.patientResponsibilityCents,
      claimAdjustments: claim.adjustments,
      lines: claim.lines.map((l, i) => linePosting(l, matches[i]!)),
    });
  });
  return { postings, unknownClaims };
}

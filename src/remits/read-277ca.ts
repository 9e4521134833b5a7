import { centsAt, parseDate } from '../x12/amounts.js';
import { X12Error } from '../x12/errors.js';
import { expectSetType, type TransactionSet } from '../x12/reader.js';
import { el, type Segment } from '../x12/segment.js';

/** One STC status: category (A0-A8, ...), status code, entity, with the date and amount. */
export interface ClaimStatus {
  category: string;
  code: string;
  entity?: string;
  date?: string;
  action?: string;
  amountCents?: number;
  message?: string;
}

export type ClaimAckStatus = 'accepted' | 'rejected' | 'pending';

/** Claim-level result of a 277CA: one per claim we submitted (matched by our patient control number). */
export interface ClaimAck {
  /** TRN02 at the claim level: the CLM01 we sent. */
  patientControlNumber: string;
  /** REF*1K: the payer's claim number. */
  payerClaimNumber?: string;
  status: ClaimAckStatus;
  statuses: ClaimStatus[];
  chargeCents?: number;
  serviceDate?: string;
  patient?: { lastName: string; firstName: string; memberId: string };
  segment: number;
}

/**
 * Category codes: A1/A2 acknowledge receipt/acceptance into adjudication, A5 a split claim;
 * A3, A4, A6, A7, A8 return the claim as unprocessable, not found, or missing/invalid data.
 */
const ACCEPTED = new Set(['A0', 'A1', 'A2', 'A5']);
const REJECTED = new Set(['A3', 'A4', 'A6', 'A7', 'A8', 'E0', 'E1', 'E2', 'E3']);

function stc(seg: Segment, component: string): ClaimStatus {
  const [category = '', code = '', entity] = el(seg, 1).split(component);
  const s: ClaimStatus = { category, code };
  if (entity) s.entity = entity;
  const date = parseDate(seg, 2);
  if (date) s.date = date;
  if (el(seg, 3)) s.action = el(seg, 3);
  if (el(seg, 4)) s.amountCents = centsAt(seg, 4, 'STC04 amount');
  if (el(seg, 12)) s.message = el(seg, 12);
  // STC10 and STC11 carry further category/code pairs for the same claim.
  return s;
}

function decide(statuses: ClaimStatus[]): ClaimAckStatus {
  if (statuses.some((s) => REJECTED.has(s.category))) return 'rejected';
  if (statuses.some((s) => ACCEPTED.has(s.category))) return 'accepted';
  return 'pending';
}

/** The claim-level results of one 277CA transaction set, and the claims that could not be read. */
export interface ClaimAckSet {
  claims: ClaimAck[];
  /**
   * Claims left out because a value could not be read (a bad STC02 date, a malformed amount),
   * each with its location. Reading goes on with the next claim, as the 835 reader does;
   * applying refuses a file with problems.
   */
  problems: string[];
}

/** Reads the claim-level results of a 277CA (005010X214) transaction set. */
export function read277ca(set: TransactionSet): ClaimAckSet {
  expectSetType(set, '277');
  const comp = set.delimiters.component;
  const claims: ClaimAck[] = [];
  const problems: string[] = [];
  let level = '';
  let claim: ClaimAck | undefined;
  let patient: ClaimAck['patient'];
  for (const seg of set.segments) {
    if (seg.id === 'HL') {
      level = el(seg, 3);
      claim = undefined;
      continue;
    }
    if (level !== 'PT') continue;
    try {
      if (seg.id === 'NM1' && el(seg, 1) === 'QC') {
        patient = { lastName: el(seg, 3), firstName: el(seg, 4), memberId: el(seg, 9) };
      } else if (seg.id === 'TRN' && el(seg, 1) === '2') {
        claim = { patientControlNumber: el(seg, 2), status: 'pending', statuses: [], segment: seg.index };
        if (patient) claim.patient = patient;
        claims.push(claim);
      } else if (claim && seg.id === 'STC') {
        claim.statuses.push(stc(seg, comp));
        for (const n of [10, 11]) {
          const [category = '', code = '', entity] = el(seg, n).split(comp);
          if (category) claim.statuses.push({ category, code, ...(entity ? { entity } : {}) });
        }
        claim.status = decide(claim.statuses);
        if (el(seg, 4)) claim.chargeCents = centsAt(seg, 4, 'STC04 total claim charge');
      } else if (claim && seg.id === 'REF' && el(seg, 1) === '1K') {
        claim.payerClaimNumber = el(seg, 2);
      } else if (claim && seg.id === 'DTP' && el(seg, 1) === '472') {
        const date = parseDate(seg, 3, el(seg, 3).slice(0, 8));
        if (date) claim.serviceDate = date;
      }
    } catch (e) {
      if (!(e instanceof X12Error)) throw e;
      // Only a claim's own segments can fail: it is left out, and its remaining segments with
      // it (`claim` is unset until the next TRN).
      claims.splice(claims.indexOf(claim!), 1);
      problems.push(`claim ${claim!.patientControlNumber}: ${e.message}`);
      claim = undefined;
    }
    // Service-line STCs (after SVC) do not change the claim-level decision.
    if (seg.id === 'SVC') claim = undefined;
  }
  return { claims, problems };
}

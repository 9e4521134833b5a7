import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { ClaimStateError } from '../claims/state.js';
import { recordTransition } from '../claims/transition-store.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { formatCents } from '../x12/amounts.js';
import type { BilledLine } from './match-lines.js';
import type { Remittance } from './model.js';
import { type ClaimPosting, type OurClaim, PostingRefused, planPosting } from './posting.js';
import { read835 } from './read-835.js';
import { paymentOf, type RemitPayment, recordRemittanceClaims } from './remittance-detail.js';

export interface RemittanceSource {
  /** sha256 of the file as received: the same file is posted once. */
  sha256: string;
  fileName?: string;
  format: '835' | 'fhir-eob';
}

export interface PostReport {
  /** The remittance row, absent when the file had been posted before. */
  remittanceId?: number;
  alreadyPosted: boolean;
  /** Remittance claims posted to our claims now. */
  claimsPosted: number;
  /** Remittance claims whose posting key was already recorded (re-sent content). */
  claimsSkipped: number;
  /** CLP01 values that are none of our submitted claims. */
  unknownClaims: string[];
  paidCents: number;
  denials: number;
  /** Postings recorded whose state move the life cycle did not allow (e.g. paying a voided claim). */
  warnings: string[];
  /** Payments held as possible duplicates: recorded, not posted, until a biller resolves them. */
  held: HeldPayment[];
}

/** sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// A claim is a posting target once it has gone out; drafts and validated claims never were.
const SENT = [
  'submitted',
  'acknowledged',
  'rejected',
  'paid',
  'partially_paid',
  'denied',
  'corrected',
  'voided',
  'appealed',
  'written_off',
];

interface Candidate {
  id: number;
  payerClaimNumber: string | null;
  lines: BilledLine[];
}

async function candidatesFor(db: Kysely<Database>, pcns: string[]): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  if (pcns.length === 0) return out;
  const claims = await db
    .selectFrom('claim')
    .select(['id', 'patient_control_number', 'payer_claim_number'])
    .where('patient_control_number', 'in', pcns)
    .where('status', 'in', SENT)
    .orderBy('id', 'desc')
    .execute();
  if (claims.length === 0) return out;
  const lines = await db
    .selectFrom('claim_line')
    .selectAll()
    .where(
      'claim_id',
      'in',
      claims.map((c) => c.id),
    )
    .orderBy('line_number')
    .execute();
  const byClaim = new Map<number, BilledLine[]>();
  for (const l of lines) {
    const b: BilledLine = {
      lineNumber: l.line_number,
      procedureCode: l.procedure_code,
      modifiers: l.modifiers,
      chargeCents: l.charge_cents,
      units: l.units,
      serviceDate: l.service_date,
    };
    if (l.line_control_number) b.lineControlNumber = l.line_control_number;
    const list = byClaim.get(l.claim_id) ?? [];
    list.push(b);
    byClaim.set(l.claim_id, list);
  }
  for (const c of claims) {
    const list = out.get(c.patient_control_number) ?? [];
    list.push({ id: c.id, payerClaimNumber: c.payer_claim_number, lines: byClaim.get(c.id) ?? [] });
    out.set(c.patient_control_number, list);
  }
  return out;
}

/**
 * Which of our claims a remittance claim posts to: CLP01 is our patient control number; when
 * several claims share it (an original and its replacement), the one whose payer claim number
 * equals CLP07 wins (a reversal names the original), else the most recent one.
 */
function resolve(posting: ClaimPosting, candidates: Candidate[]): Candidate {
  return candidates.find((c) => c.payerClaimNumber === posting.payerClaimNumber) ?? candidates[0]!;
}

/** A payment held as a possible duplicate (see heldDuplicateOf). */
export interface HeldPayment {
  postingId: number;
  claimId: number;
  patientControlNumber: string;
  payerClaimNumber: string;
  paidCents: number;
  reason: string;
}

/**
 * Why a payment may pay the claim twice: the claim already has a payment standing (posted and
 * not reversed) under ANOTHER payer claim number. Payers re-adjudicate under the same number
 * (an appeal, a correction), and after a reversal the claim awaits a new decision, so neither
 * of those is held; a denial pays nothing and is never held. A reversal of a held payment is
 * held too (posting it would take back money never posted).
 */
async function heldDuplicateOf(
  trx: Kysely<Database>,
  claimId: number,
  posting: ClaimPosting,
): Promise<string | undefined> {
  if (posting.outcome !== 'reversal' && posting.paidCents <= 0) return undefined;
  const all = await trx
    .selectFrom('claim_posting')
    .select(['id', 'payer_claim_number', 'outcome', 'paid_cents', 'status'])
    .where('claim_id', '=', claimId)
    .where('status', 'in', ['posted', 'held'])
    .orderBy('id')
    .execute();
  const earlier = all.filter((p) => p.status === 'posted');
  if (posting.outcome === 'reversal') {
    // A reversal of a payment still held takes back what was never posted: it waits with it.
    const sameNumber = (p: (typeof all)[number]) =>
      p.payer_claim_number === posting.payerClaimNumber && p.outcome !== 'reversal';
    const held = all.find((p) => p.status === 'held' && sameNumber(p));
    if (!held || earlier.some(sameNumber)) return undefined;
    return `reverses payment ${posting.payerClaimNumber} of claim ${claimId}, which is held as a possible duplicate (posting ${held.id}); resolve that payment first`;
  }
  const standing = new Map<string, { id: number; paid: number }>();
  for (const p of earlier) {
    if (p.outcome === 'reversal') standing.delete(p.payer_claim_number);
    else if (Number(p.paid_cents) > 0)
      standing.set(p.payer_claim_number, { id: p.id, paid: Number(p.paid_cents) });
  }
  const other = [...standing].find(([number]) => number !== posting.payerClaimNumber);
  if (!other) return undefined;
  return `claim ${claimId} was already paid ${formatCents(other[1].paid)} under payer claim number ${other[0]} (posting ${other[1].id}); this payment of ${formatCents(posting.paidCents)} under ${posting.payerClaimNumber} may be a duplicate`;
}

/**
 * Writes what a posting changes: its lines, their denials, the claim's payer claim number and
 * its state. Run for a posting as it arrives, or for a held one when a biller accepts it.
 * Returns the number of denial rows written and a warning when the state move was refused.
 */
async function applyPosting(
  trx: Kysely<Database>,
  postingId: number,
  remittanceId: number,
  posting: ClaimPosting,
  claimId: number,
  billedLines: ReadonlySet<number>,
  by: string,
): Promise<{ denials: number; warning?: string }> {
  let denialCount = 0;
  for (const line of posting.lines) {
    const lineNumber =
      line.billedLine !== undefined && billedLines.has(line.billedLine) ? line.billedLine : null;
    // A reversal takes back an earlier decision; its negated adjustments are not new denials.
    const denials = posting.outcome === 'reversal' ? [] : line.denials;
    const { id: linePostingId } = await trx
      .insertInto('line_posting')
      .values({
        claim_posting_id: postingId,
        claim_id: claimId,
        line_number: lineNumber,
        match_method: line.method,
        paid_cents: line.paidCents,
        contractual_cents: line.contractualCents,
        patient_cents: line.patientCents,
        denied: denials.length > 0 || (posting.outcome === 'denied' && line.paidCents === 0),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const d of denials) {
      await trx
        .insertInto('line_denial')
        .values({
          line_posting_id: linePostingId,
          claim_id: claimId,
          line_number: lineNumber,
          group_code: d.group,
          carc: d.reason,
          rarcs: JSON.stringify(d.remarks),
          amount_cents: d.amountCents,
        })
        .execute();
      denialCount++;
    }
  }
  if (posting.outcome !== 'reversal') {
    await trx
      .updateTable('claim')
      .set({ payer_claim_number: posting.payerClaimNumber })
      .where('id', '=', claimId)
      .execute();
  }
  const remittance = `remittance ${remittanceId}`;
  try {
    await recordTransition(
      trx,
      claimId,
      posting.outcome === 'reversal'
        ? { type: 'reverse', remittance }
        : { type: 'adjudicate', outcome: posting.outcome, remittance },
      by,
      `835 claim ${posting.payerClaimNumber}`,
    );
  } catch (e) {
    if (!(e instanceof ClaimStateError)) throw e;
    return {
      denials: denialCount,
      warning: `claim ${claimId} (${posting.patientControlNumber}): posted, but ${e.message}`,
    };
  }
  return { denials: denialCount };
}

async function postClaim(
  trx: Kysely<Database>,
  remittanceId: number,
  posting: ClaimPosting,
  target: Candidate,
  by: string,
  report: PostReport,
): Promise<void> {
  // Looked up before the insert: the posting must not count itself as the earlier payment.
  const duplicate = await heldDuplicateOf(trx, target.id, posting);
  const inserted = await trx
    .insertInto('claim_posting')
    .values({
      key: posting.key,
      remittance_id: remittanceId,
      claim_id: target.id,
      outcome: posting.outcome,
      payer_claim_number: posting.payerClaimNumber,
      paid_cents: posting.paidCents,
      patient_responsibility_cents: posting.patientResponsibilityCents,
      claim_adjustments: JSON.stringify(posting.claimAdjustments),
      ...(duplicate ? { status: 'held', held_plan: JSON.stringify(posting), hold_reason: duplicate } : {}),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    report.claimsSkipped++;
    return;
  }
  if (duplicate) {
    report.held.push({
      postingId: inserted.id,
      claimId: target.id,
      patientControlNumber: posting.patientControlNumber,
      payerClaimNumber: posting.payerClaimNumber,
      paidCents: posting.paidCents,
      reason: duplicate,
    });
    return;
  }
  report.claimsPosted++;
  report.paidCents += posting.paidCents;
  const applied = await applyPosting(
    trx,
    inserted.id,
    remittanceId,
    posting,
    target.id,
    new Set(target.lines.map((l) => l.lineNumber)),
    by,
  );
  report.denials += applied.denials;
  if (applied.warning) report.warnings.push(applied.warning);
}

export interface HeldResolution {
  postingId: number;
  claimId: number;
  decision: 'accept' | 'reject';
  /** After an accept: the claim's state move refused by the life cycle, if it was. */
  warning?: string;
}

/**
 * Settles a held payment in the caller's transaction: `accept` posts it as it would have been
 * posted (lines, denials, the claim's state), `reject` leaves the claim's balances as they are.
 * Either way the row keeps who decided, when and why. Returns undefined when the posting does
 * not exist or is not held (the caller says which).
 */
export async function resolveHeldPosting(
  trx: Kysely<Database>,
  postingId: number,
  decision: 'accept' | 'reject',
  by: string,
  note: string,
): Promise<HeldResolution | undefined> {
  const row = await trx
    .updateTable('claim_posting')
    .set({
      status: decision === 'accept' ? 'posted' : 'rejected',
      resolved_by: by,
      resolved_at: new Date(),
      resolution_note: note,
    })
    .where('id', '=', postingId)
    .where('status', '=', 'held')
    .returning(['id', 'claim_id', 'remittance_id', 'held_plan'])
    .executeTakeFirst();
  if (!row) return undefined;
  const out: HeldResolution = { postingId, claimId: row.claim_id, decision };
  if (decision === 'reject') return out;
  const billed = await trx
    .selectFrom('claim_line')
    .select('line_number')
    .where('claim_id', '=', row.claim_id)
    .execute();
  const applied = await applyPosting(
    trx,
    row.id,
    row.remittance_id,
    row.held_plan as ClaimPosting,
    row.claim_id,
    new Set(billed.map((l) => l.line_number)),
    by,
  );
  if (applied.warning) out.warning = applied.warning;
  return out;
}

/** Payments held as possible duplicates, oldest first. */
export async function heldPayments(db: Kysely<Database>, claimId?: number): Promise<HeldPayment[]> {
  let q = db
    .selectFrom('claim_posting as p')
    .innerJoin('claim as c', 'c.id', 'p.claim_id')
    .select([
      'p.id',
      'p.claim_id',
      'c.patient_control_number',
      'p.payer_claim_number',
      'p.paid_cents',
      'p.hold_reason',
    ])
    .where('p.status', '=', 'held')
    .orderBy('p.id');
  if (claimId !== undefined) q = q.where('p.claim_id', '=', claimId);
  return (await q.execute()).map((r) => ({
    postingId: r.id,
    claimId: r.claim_id,
    patientControlNumber: r.patient_control_number,
    payerClaimNumber: r.payer_claim_number,
    paidCents: Number(r.paid_cents),
    reason: r.hold_reason ?? '',
  }));
}

/**
 * Posts remittances in ONE transaction: every remittance is checked (envelope, unreadable
 * claims, the three balancing equations) and planned (pure planPosting: line matching, paid,
 * contractual, patient share, denials) before its rows are written, and any failure rolls back
 * the whole file, so a file that fails validation posts nothing. The file's sha256 and each
 * claim's posting key make a second posting of the same file, or of the same content in another
 * file, change nothing.
 */
export async function postRemittances(
  db: Kysely<Database>,
  source: RemittanceSource,
  remits: AsyncIterable<Remittance> | Iterable<Remittance>,
  by: string,
): Promise<PostReport> {
  const report: PostReport = {
    alreadyPosted: false,
    claimsPosted: 0,
    claimsSkipped: 0,
    unknownClaims: [],
    paidCents: 0,
    denials: 0,
    warnings: [],
    held: [],
  };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('remittance')
      .values({
        sha256: source.sha256,
        file_name: source.fileName ?? null,
        format: source.format,
        payer: '',
        trace_numbers: '[]',
        total_paid_cents: 0,
        claims_posted: 0,
        claims_skipped: 0,
        unknown_claims: '[]',
        posted_by: by,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return { ...report, alreadyPosted: true };
    report.remittanceId = row.id;
    const traces: string[] = [];
    const payers = new Set<string>();
    const payments: RemitPayment[] = [];
    let total = 0;
    let position = 0;
    for await (const remit of remits) {
      if (remit.envelopeIssues.length) throw new PostingRefused(remit.envelopeIssues);
      const candidates = await candidatesFor(trx, [
        ...new Set(remit.claims.map((c) => c.patientControlNumber)),
      ]);
      const ours = new Map<string, OurClaim>(
        [...candidates].map(([pcn, list]) => [pcn, { patientControlNumber: pcn, lines: list[0]!.lines }]),
      );
      const plan = planPosting(remit, ours);
      report.unknownClaims.push(...plan.unknownClaims);
      for (const posting of plan.postings) {
        await postClaim(
          trx,
          row.id,
          posting,
          resolve(posting, candidates.get(posting.patientControlNumber)!),
          by,
          report,
        );
      }
      // What the payer sent, kept for the biller to read back (remittance-detail.ts).
      await recordRemittanceClaims(trx, row.id, remit, payments.length, position);
      position += remit.claims.length;
      payments.push(paymentOf(remit));
      traces.push(remit.trace.number);
      payers.add(remit.payer.name);
      total += remit.payment.totalCents;
    }
    await trx
      .updateTable('remittance')
      .set({
        payer: [...payers].join(', '),
        trace_numbers: JSON.stringify(traces),
        total_paid_cents: total,
        claims_posted: report.claimsPosted,
        claims_skipped: report.claimsSkipped,
        unknown_claims: JSON.stringify(report.unknownClaims),
        payments: JSON.stringify(payments),
      })
      .where('id', '=', row.id)
      .execute();
    return report;
  });
}

/** Posts an 835 file (see postRemittances). X12Error or PostingRefused means nothing was posted. */
export async function postRemittanceFile(
  db: Kysely<Database>,
  path: string,
  by: string,
): Promise<PostReport> {
  const sha256 = await sha256File(path);
  return postRemittances(
    db,
    { sha256, fileName: basename(path), format: '835' },
    read835(path, { file: path }),
    by,
  );
}

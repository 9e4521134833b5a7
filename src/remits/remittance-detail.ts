import { type Kysely, sql } from 'kysely';
import { bulkInsert } from '../store/bulk-insert.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import type { ReasonCodeLists } from './carc-rarc.js';
import { GROUPS, type GroupCode } from './groups.js';
import type { Adjustment, RemitProcedure, Remittance } from './model.js';
import { postingKey } from './posting.js';

/**
 * A posted 835 as the biller reads it back: the list of remittances (payer, check/EFT trace
 * number, payment date, amount, claims, posted/held), and one remittance's payments and claims
 * as the payer sent them (billed, paid, patient responsibility, adjustments with group and CARC,
 * RARCs, service lines), each linked to our claim through its posting key. The rows are written
 * by postRemittances in its transaction (recordRemittanceClaims), so a file that is not posted
 * leaves none. Patient names in the 835 are not kept here: the claim link leads to them.
 */

/** One payment (835 transaction set): what the remittance row's `payments` holds. */
export interface RemitPayment {
  payer: string;
  payerId: string | null;
  /** TRN02: the check number or EFT trace number. */
  traceNumber: string;
  /** BPR16: the check issue or EFT effective date. */
  paymentDate: string | null;
  /** BPR04: CHK, ACH, FWT, BOP or NON. */
  method: string;
  totalCents: number;
  claims: number;
  /** PLB: provider-level adjustments (positive reduces the payment). */
  providerAdjustments: { reason: string; reference: string | null; amountCents: number }[];
}

interface StoredLine {
  procedure: RemitProcedure;
  original: RemitProcedure | null;
  chargeCents: number;
  paidCents: number;
  units: number;
  serviceDate: string | null;
  serviceDateTo: string | null;
  lineControlNumber: string | null;
  allowedCents: number | null;
  adjustments: Adjustment[];
  remarks: string[];
}

interface StoredDetail {
  adjustments: Adjustment[];
  remarks: string[];
  statementFrom: string | null;
  statementTo: string | null;
  lines: StoredLine[];
}

/** The payment summary of one 835 transaction. */
export function paymentOf(remit: Remittance): RemitPayment {
  return {
    payer: remit.payer.name,
    payerId: remit.payer.id ?? null,
    traceNumber: remit.trace.number,
    paymentDate: remit.payment.date ?? null,
    method: remit.payment.method,
    totalCents: remit.payment.totalCents,
    claims: remit.claims.length,
    providerAdjustments: remit.providerAdjustments.map((p) => ({
      reason: p.reason,
      reference: p.reference ?? null,
      amountCents: p.amountCents,
    })),
  };
}

/**
 * Writes one 835 transaction's claims (the caller's transaction, after they were posted):
 * `payment` is the transaction's index in the file, `position` the first claim's place in it.
 */
export async function recordRemittanceClaims(
  trx: Kysely<Database>,
  remittanceId: number,
  remit: Remittance,
  payment: number,
  position: number,
): Promise<void> {
  await bulkInsert(
    trx,
    'remittance_claim',
    remit.claims.map((c, i) => {
      const detail: StoredDetail = {
        adjustments: c.adjustments,
        remarks: c.remarks,
        statementFrom: c.statementFrom ?? null,
        statementTo: c.statementTo ?? null,
        lines: c.lines.map((l) => ({
          procedure: l.procedure,
          original: l.original ?? null,
          chargeCents: l.chargeCents,
          paidCents: l.paidCents,
          units: l.units,
          serviceDate: l.serviceDate ?? null,
          serviceDateTo: l.serviceDateTo ?? null,
          lineControlNumber: l.lineControlNumber ?? null,
          allowedCents: l.allowedCents ?? null,
          adjustments: l.adjustments,
          remarks: l.remarks,
        })),
      };
      return {
        remittance_id: remittanceId,
        position: position + i,
        payment,
        posting_key: postingKey(remit, i),
        patient_control_number: c.patientControlNumber,
        payer_claim_number: c.payerClaimNumber,
        status_code: c.status,
        charge_cents: c.chargeCents,
        paid_cents: c.paidCents,
        patient_responsibility_cents: c.patientResponsibilityCents,
        detail: JSON.stringify(detail),
      };
    }),
  );
}

export interface RemittanceSummary {
  id: number;
  fileName: string | null;
  format: string;
  postedAt: string;
  postedBy: string;
  payers: string[];
  traceNumbers: string[];
  paymentDates: string[];
  methods: string[];
  totalCents: number;
  /** Remittance claims in the file (ours or not). */
  claims: number;
  /** Of them: posted to our claims, held as possible duplicates, held then rejected. */
  posted: number;
  held: number;
  rejected: number;
  /** CLP01s that are none of our claims. */
  unknownClaims: string[];
}

const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

type RemittanceRow = {
  id: number;
  file_name: string | null;
  format: string;
  posted_at: Date;
  posted_by: string;
  payer: string;
  trace_numbers: string[];
  total_paid_cents: number;
  claims_posted: number;
  claims_skipped: number;
  unknown_claims: string[];
  payments: unknown;
};

async function summaries(db: Kysely<Database>, rows: RemittanceRow[]): Promise<RemittanceSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [postings, claims] = await Promise.all([
    db
      .selectFrom('claim_posting')
      .select(['remittance_id', 'status', sql<number>`count(*)::int`.as('n')])
      .where('remittance_id', 'in', ids)
      .groupBy(['remittance_id', 'status'])
      .execute(),
    db
      .selectFrom('remittance_claim')
      .select(['remittance_id', sql<number>`count(*)::int`.as('n')])
      .where('remittance_id', 'in', ids)
      .groupBy('remittance_id')
      .execute(),
  ]);
  const count = (id: number, status: string) =>
    postings.find((p) => p.remittance_id === id && p.status === status)?.n ?? 0;
  return rows.map((r) => {
    const payments = r.payments as RemitPayment[];
    const posted = count(r.id, 'posted');
    const held = count(r.id, 'held');
    const rejected = count(r.id, 'rejected');
    const kept = claims.find((c) => c.remittance_id === r.id)?.n;
    return {
      id: r.id,
      fileName: r.file_name,
      format: r.format,
      postedAt: r.posted_at.toISOString(),
      postedBy: r.posted_by,
      payers: payments.length ? distinct(payments.map((p) => p.payer)) : distinct(r.payer.split(', ')),
      traceNumbers: r.trace_numbers,
      paymentDates: distinct(payments.map((p) => p.paymentDate)),
      methods: distinct(payments.map((p) => p.method)),
      totalCents: Number(r.total_paid_cents),
      // Remittances posted before the claims were kept (migration 091): counted from the postings.
      claims: kept ?? posted + held + rejected + r.claims_skipped + r.unknown_claims.length,
      posted,
      held,
      rejected,
      unknownClaims: r.unknown_claims,
    };
  });
}

const REMITTANCE_COLUMNS = [
  'id',
  'file_name',
  'format',
  'posted_at',
  'posted_by',
  'payer',
  'trace_numbers',
  'total_paid_cents',
  'claims_posted',
  'claims_skipped',
  'unknown_claims',
  'payments',
] as const;

/** Posted remittances, newest first. */
export async function listRemittances(
  db: Kysely<Database>,
  { limit = 100, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<{ items: RemittanceSummary[]; total: number }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('remittance')
      .select(REMITTANCE_COLUMNS)
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db.selectFrom('remittance').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await summaries(db, rows), total: total.n };
}

/** CLP02 claim status codes (X221A1). */
const CLAIM_STATUS: Record<string, string> = {
  '1': 'processed as primary',
  '2': 'processed as secondary',
  '3': 'processed as tertiary',
  '4': 'denied',
  '19': 'processed as primary, forwarded to additional payer(s)',
  '20': 'processed as secondary, forwarded to additional payer(s)',
  '21': 'processed as tertiary, forwarded to additional payer(s)',
  '22': 'reversal of previous payment',
  '23': 'not our claim, forwarded to additional payer(s)',
  '25': 'predetermination pricing only, no payment',
};

export interface ExplainedAdjustment {
  group: string;
  groupLabel: string;
  carc: string;
  /** The CARC's text from the imported list; null when no list is loaded or the code is not in it. */
  text: string | null;
  amountCents: number;
  quantity: number | null;
}

export interface ExplainedRemark {
  code: string;
  text: string | null;
}

export interface RemitClaimView {
  position: number;
  payment: number;
  patientControlNumber: string;
  payerClaimNumber: string;
  statusCode: string;
  status: string;
  /** Null for remittances posted before their claims were kept. */
  chargeCents: number | null;
  paidCents: number;
  patientResponsibilityCents: number;
  /** Our claim it posted to; null when the claim is none of ours. */
  claimId: number | null;
  encounterId: number | null;
  /**
   * posted, held (a possible duplicate awaiting a biller), rejected (held, then rejected),
   * earlier (posted before from another file with the same content), unknown (not our claim).
   */
  posting: 'posted' | 'held' | 'rejected' | 'earlier' | 'unknown';
  adjustments: ExplainedAdjustment[];
  remarks: ExplainedRemark[];
  lines: (Omit<StoredLine, 'adjustments' | 'remarks'> & {
    adjustments: ExplainedAdjustment[];
    remarks: ExplainedRemark[];
  })[];
}

export interface RemittanceView extends RemittanceSummary {
  payments: RemitPayment[];
  /** False for remittances posted before the 835's claims were kept (migration 091). */
  detailKept: boolean;
  claimsDetail: RemitClaimView[];
}

function explainer(codes: ReasonCodeLists | undefined) {
  return {
    adjustment: (a: Adjustment): ExplainedAdjustment => ({
      group: a.group,
      groupLabel: GROUPS[a.group as GroupCode]?.label ?? `group ${a.group}`,
      carc: a.reason,
      text: codes?.carc.get(a.reason)?.description ?? null,
      amountCents: a.amountCents,
      quantity: a.quantity ?? null,
    }),
    remark: (code: string): ExplainedRemark => ({ code, text: codes?.rarc.get(code)?.description ?? null }),
  };
}

/** One posted remittance with its payments and claims; undefined when there is no such remittance. */
export async function remittanceDetail(
  db: Kysely<Database>,
  id: number,
  reasonCodes?: ReasonCodeLists,
): Promise<RemittanceView | undefined> {
  const row = await db
    .selectFrom('remittance')
    .select(REMITTANCE_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [summary] = await summaries(db, [row]);
  const explain = explainer(reasonCodes);
  const kept = await db
    .selectFrom('remittance_claim as rc')
    .leftJoin('claim_posting as cp', 'cp.key', 'rc.posting_key')
    .leftJoin('encounter as e', 'e.claim_id', 'cp.claim_id')
    .select([
      'rc.position',
      'rc.payment',
      'rc.patient_control_number',
      'rc.payer_claim_number',
      'rc.status_code',
      'rc.charge_cents',
      'rc.paid_cents',
      'rc.patient_responsibility_cents',
      'rc.detail',
      'cp.claim_id',
      'cp.status as posting_status',
      'cp.remittance_id as posted_in',
      'e.id as encounter_id',
    ])
    .where('rc.remittance_id', '=', id)
    .orderBy('rc.position')
    .execute();
  const claimsDetail: RemitClaimView[] = kept.map((r) => {
    const d = r.detail as StoredDetail;
    let posting: RemitClaimView['posting'] = 'unknown';
    if (r.posting_status) posting = r.posted_in === id ? r.posting_status : 'earlier';
    return {
      position: r.position,
      payment: r.payment,
      patientControlNumber: r.patient_control_number,
      payerClaimNumber: r.payer_claim_number,
      statusCode: r.status_code,
      status: CLAIM_STATUS[r.status_code] ?? `status ${r.status_code}`,
      chargeCents: Number(r.charge_cents),
      paidCents: Number(r.paid_cents),
      patientResponsibilityCents: Number(r.patient_responsibility_cents),
      claimId: r.claim_id ?? null,
      encounterId: r.encounter_id ?? null,
      posting,
      adjustments: d.adjustments.map(explain.adjustment),
      remarks: d.remarks.map(explain.remark),
      lines: d.lines.map((l) => ({
        ...l,
        adjustments: l.adjustments.map(explain.adjustment),
        remarks: l.remarks.map(explain.remark),
      })),
    };
  });
  if (kept.length === 0) claimsDetail.push(...(await fromPostings(db, id, explain)));
  return {
    ...summary!,
    payments: row.payments as RemitPayment[],
    detailKept: kept.length > 0 || (row.payments as RemitPayment[]).length > 0,
    claimsDetail,
  };
}

/** A remittance posted before its claims were kept: what its postings say (no billed amounts, no lines). */
async function fromPostings(
  db: Kysely<Database>,
  id: number,
  explain: ReturnType<typeof explainer>,
): Promise<RemitClaimView[]> {
  const rows = await db
    .selectFrom('claim_posting as cp')
    .innerJoin('claim as c', 'c.id', 'cp.claim_id')
    .leftJoin('encounter as e', 'e.claim_id', 'cp.claim_id')
    .select([
      'cp.claim_id',
      'cp.status',
      'cp.outcome',
      'cp.payer_claim_number',
      'cp.paid_cents',
      'cp.patient_responsibility_cents',
      'cp.claim_adjustments',
      'c.patient_control_number',
      'e.id as encounter_id',
    ])
    .where('cp.remittance_id', '=', id)
    .orderBy('cp.id')
    .execute();
  return rows.map((r, i) => ({
    position: i,
    payment: 0,
    patientControlNumber: r.patient_control_number,
    payerClaimNumber: r.payer_claim_number,
    statusCode: '',
    status: r.outcome.replace('_', ' '),
    chargeCents: null,
    paidCents: Number(r.paid_cents),
    patientResponsibilityCents: Number(r.patient_responsibility_cents),
    claimId: r.claim_id,
    encounterId: r.encounter_id ?? null,
    posting: r.status,
    adjustments: (r.claim_adjustments as Adjustment[]).map(explain.adjustment),
    remarks: [],
    lines: [],
  }));
}

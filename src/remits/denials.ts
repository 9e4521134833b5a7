import type { Kysely } from 'kysely';
import type { ClaimStatus } from '../claims/state.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import type { ReasonCodeLists } from './carc-rarc.js';
import { categorize, type DenialCategory, GROUPS, type GroupCode } from './groups.js';

export interface DenialItem {
  claimId: number;
  patientControlNumber: string;
  payerClaimNumber: string | null;
  claimStatus: string;
  /** Our line number; absent when the payer's line matched none of ours. */
  lineNumber: number | null;
  procedureCode: string | null;
  amountCents: number;
  rarcs: string[];
  remittanceId: number;
  /** The biller working the claim (claim.assignee_id), if any. */
  assigneeId: number | null;
}

/** One worklist bucket: everything denied for the same group code and CARC. */
export interface DenialGroup {
  group: string;
  groupLabel: string;
  carc: string;
  /** From the imported CARC list when given. */
  description?: string;
  category: DenialCategory;
  count: number;
  amountCents: number;
  items: DenialItem[];
}

export interface WorklistOptions {
  /** Claim states still to be worked (default: denied and partially paid). */
  statuses?: ClaimStatus[];
  /** The CARC/RARC lists (loadReasonCodes) to describe each reason. */
  reasonCodes?: ReasonCodeLists;
  /** Only claims assigned to this user (null: only unassigned claims). */
  assignee?: number | null;
}

/**
 * The denials worklist: every denied line of a claim still needing work, grouped by CAS group
 * and CARC, largest amount first, each item with its RARCs so the biller sees why at a glance.
 * Claims that were since reversed, corrected, voided or appealed drop out by their status.
 */
export async function denialsWorklist(
  db: Kysely<Database>,
  options: WorklistOptions = {},
): Promise<DenialGroup[]> {
  const statuses = options.statuses ?? ['denied', 'partially_paid'];
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('line_denial as d')
    .innerJoin('claim as c', 'c.id', 'd.claim_id')
    .innerJoin('line_posting as lp', 'lp.id', 'd.line_posting_id')
    .innerJoin('claim_posting as cp', 'cp.id', 'lp.claim_posting_id')
    .leftJoin('claim_line as l', (j) =>
      j.onRef('l.claim_id', '=', 'd.claim_id').onRef('l.line_number', '=', 'd.line_number'),
    )
    .select([
      'd.group_code',
      'd.carc',
      'd.rarcs',
      'd.amount_cents',
      'd.line_number',
      'd.claim_id',
      'c.patient_control_number',
      'c.payer_claim_number',
      'c.status',
      'c.assignee_id',
      'l.procedure_code',
      'cp.remittance_id',
    ])
    .where('c.status', 'in', statuses)
    .$if(options.assignee !== undefined, (q) =>
      options.assignee === null
        ? q.where('c.assignee_id', 'is', null)
        : q.where('c.assignee_id', '=', options.assignee!),
    )
    .orderBy('d.id')
    .execute();
  const groups = new Map<string, DenialGroup>();
  for (const r of rows) {
    const k = `${r.group_code}|${r.carc}`;
    let g = groups.get(k);
    if (!g) {
      g = {
        group: r.group_code,
        groupLabel: GROUPS[r.group_code as GroupCode]?.label ?? `group ${r.group_code}`,
        carc: r.carc,
        category: categorize(r.group_code, r.carc),
        count: 0,
        amountCents: 0,
        items: [],
      };
      const description = options.reasonCodes?.carc.get(r.carc)?.description;
      if (description) g.description = description;
      groups.set(k, g);
    }
    g.count++;
    g.amountCents += r.amount_cents;
    g.items.push({
      claimId: r.claim_id,
      patientControlNumber: r.patient_control_number,
      payerClaimNumber: r.payer_claim_number,
      claimStatus: r.status,
      lineNumber: r.line_number,
      procedureCode: r.procedure_code,
      amountCents: r.amount_cents,
      rarcs: r.rarcs,
      remittanceId: r.remittance_id,
      assigneeId: r.assignee_id,
    });
  }
  return [...groups.values()].sort(
    (a, b) => b.amountCents - a.amountCents || a.group.localeCompare(b.group) || a.carc.localeCompare(b.carc),
  );
}

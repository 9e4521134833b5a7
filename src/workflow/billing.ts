import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { claimHistory, getClaim } from '../claims/store.js';
import { denialsWorklist } from '../remits/denials.js';
import {
  type HeldPayment,
  type HeldResolution,
  heldPayments,
  postRemittances,
  resolveHeldPosting,
} from '../remits/posting-store.js';
import { read835 } from '../remits/read-835.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { type AuditActor, appendAudit } from './audit.js';
import { claimBalances } from './claim-balance.js';
import { claimWork } from './claim-work.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, lockEncounter, transition } from './encounters.js';
import { conflict, invalid, notFound } from './errors.js';

/**
 * The biller's side: claims with their history, 835 posting (through src/remits, one
 * transaction) with the encounters following their claims, and the denials worklist grouped by
 * CAS group and CARC.
 */

export async function listClaims(ctx: WorkflowContext, actor: Actor, state?: string, limit = 200) {
  let q = ctx.db
    .selectFrom('claim as c')
    .select([
      'c.id',
      'c.patient_control_number',
      sql<string>`c.claim->'payer'->>'name'`.as('payer'),
      'c.total_charge_cents',
      'c.status',
      'c.updated_at',
    ])
    .orderBy('c.id', 'desc')
    .limit(limit);
  if (state) q = q.where('c.status', '=', state);
  const rows = await q.execute();
  const encounters = await encountersOfClaims(
    ctx.db,
    rows.map((r) => r.id),
  );
  await appendAudit(ctx.db, auditActor(actor), [
    {
      action: 'list',
      entityType: 'claim',
      entityId: null,
      detail: { state: state ?? null, returned: rows.length },
    },
  ]);
  return rows.map((r) => ({
    id: r.id,
    encounterId: encounters.get(r.id) ?? null,
    patientControlNumber: r.patient_control_number,
    payer: r.payer,
    totalCents: r.total_charge_cents,
    state: r.status,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function claimDetail(ctx: WorkflowContext, actor: Actor, id: number) {
  const exists = await ctx.db.selectFrom('claim').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw notFound('claim', id);
  const [stored, history, enc, held, work] = await Promise.all([
    getClaim(ctx.db, id),
    claimHistory(ctx.db, id),
    encountersOfClaims(ctx.db, [id]),
    heldPayments(ctx.db, id),
    claimWork(ctx.db, id),
  ]);
  await appendAudit(ctx.db, auditActor(actor), [{ action: 'read', entityType: 'claim', entityId: id }]);
  return {
    id: stored.id,
    encounterId: enc.get(id) ?? null,
    state: stored.status,
    patientControlNumber: stored.patientControlNumber,
    payerClaimNumber: stored.payerClaimNumber,
    totalCents: stored.claim.totalChargeCents,
    claim: stored.claim,
    history: history.map((h) => ({
      at: h.at.toISOString(),
      by: h.by,
      from: h.from,
      to: h.to,
      event: h.event,
      reason: h.reason,
    })),
    heldPayments: held,
    ...work,
  };
}

/**
 * The encounter each claim bills: the one whose claim it is, or, for a claim a corrected claim
 * replaced, the one whose claim is its replacement (or the replacement's replacement). A claim
 * with no encounter (built from the CLI) is absent from the map.
 */
async function encountersOfClaims(
  db: Kysely<Database>,
  claimIds: readonly number[],
): Promise<Map<number, number>> {
  if (claimIds.length === 0) return new Map();
  const { rows } = await sql<{ claim: number; encounter: number }>`
    WITH RECURSIVE chain (root, id) AS (
      SELECT c.id, c.id FROM claim c WHERE c.id = ANY(${[...claimIds]}::integer[])
      UNION
      SELECT chain.root, c.id FROM claim c JOIN chain ON c.replaces_claim_id = chain.id
    )
    SELECT chain.root AS claim, min(e.id) AS encounter
    FROM chain JOIN encounter e ON e.claim_id = chain.id
    GROUP BY chain.root`.execute(db);
  return new Map(rows.map((r) => [r.claim, r.encounter]));
}

/** Claim status → the encounter's coarse state after a posting. */
const ENCOUNTER_OUTCOME: Record<string, 'paid' | 'denied' | undefined> = {
  paid: 'paid',
  partially_paid: 'paid',
  denied: 'denied',
};

/** After a posting, the claim's encounter moves to paid or denied as its claim did. */
async function encounterFollows(
  trx: Kysely<Database>,
  actor: Actor | null,
  encounterId: number | null,
  claimId: number,
  claimStatus: string,
  remittanceId: number | undefined,
): Promise<void> {
  const outcome = ENCOUNTER_OUTCOME[claimStatus];
  if (encounterId === null || !outcome) return;
  const row = await lockEncounter(trx, encounterId);
  if (['submitted', 'paid', 'denied'].includes(row.state) && row.state !== outcome)
    await transition(trx, row, actor, outcome, { claimId, remittanceId: remittanceId ?? null });
}

/** Posts an 835 (text). X12Error / PostingRefused mean nothing was posted. */
export async function postRemit(ctx: WorkflowContext, actor: Actor, x12: string) {
  const sha256 = createHash('sha256').update(x12).digest('hex');
  const report = await postRemittances(
    ctx.db,
    { sha256, format: '835' },
    read835([x12]),
    actor.user.username,
  );
  const postings =
    report.remittanceId === undefined
      ? []
      : await ctx.db
          .selectFrom('claim_posting as p')
          .innerJoin('claim as c', 'c.id', 'p.claim_id')
          .leftJoin('encounter as e', 'e.claim_id', 'c.id')
          .select([
            'p.claim_id',
            'p.outcome',
            'p.paid_cents',
            'c.status',
            'c.patient_control_number',
            'e.id as encounter_id',
          ])
          .where('p.remittance_id', '=', report.remittanceId)
          .where('p.status', '=', 'posted')
          .execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of postings)
      await encounterFollows(trx, actor, p.encounter_id, p.claim_id, p.status, report.remittanceId);
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'post',
        entityType: 'remittance',
        entityId: report.remittanceId ?? null,
        detail: {
          sha256,
          alreadyPosted: report.alreadyPosted,
          claims: postings.map((p) => p.claim_id),
          held: report.held.map((h) => h.postingId),
        },
      },
      ...postings.map((p) => ({
        action: 'post-remit',
        entityType: 'claim' as const,
        entityId: p.claim_id,
        detail: { outcome: p.outcome, paidCents: p.paid_cents },
      })),
      ...report.held.map((h) => ({
        action: 'hold-payment',
        entityType: 'claim' as const,
        entityId: h.claimId,
        detail: { postingId: h.postingId, payerClaimNumber: h.payerClaimNumber, paidCents: h.paidCents },
      })),
    ]);
  });
  return {
    posted: report.claimsPosted,
    alreadyPosted: report.alreadyPosted,
    claims: postings.map((p) => ({
      claimId: p.claim_id,
      encounterId: p.encounter_id,
      patientControlNumber: p.patient_control_number,
      outcome: p.outcome,
      paidCents: p.paid_cents,
      state: p.status,
    })),
    held: report.held,
    problems: [
      ...report.unknownClaims.map((c) => `claim ${c} in the 835 is none of our submitted claims`),
      ...report.warnings,
      ...report.held.map((h) => `held as a possible duplicate (posting ${h.postingId}): ${h.reason}`),
    ],
    paidCents: report.paidCents,
  };
}

/** Payments held as possible duplicates (all, or one claim's), for the biller to resolve. */
export async function listHeldPayments(
  db: Kysely<Database>,
  actor: AuditActor,
  claimId?: number,
): Promise<HeldPayment[]> {
  const held = await heldPayments(db, claimId);
  await appendAudit(db, actor, [
    {
      action: 'list-held-payments',
      entityType: 'claim',
      entityId: claimId ?? null,
      detail: { postings: held.map((h) => h.postingId) },
    },
  ]);
  return held;
}

/** Who acts: the workbench user (null from the CLI) and how the audit log names them. */
export interface Acting {
  actor: Actor | null;
  audit: AuditActor;
}

export interface HeldDecision {
  decision: 'accept' | 'reject';
  /** Why (kept on the posting and in the audit log). */
  reason: string;
}

/**
 * A biller settles a held payment: accept posts it to the claim's balances and state, reject
 * leaves them. One transaction with its audit entry; the claim's encounter follows an accepted
 * payment as it follows any posting. The CLI and the API both come here.
 */
export async function resolveHeldPayment(
  db: Kysely<Database>,
  { actor, audit }: Acting,
  postingId: number,
  { decision, reason }: HeldDecision,
): Promise<HeldResolution> {
  if (decision !== 'accept' && decision !== 'reject')
    throw invalid('invalid_decision', `decision must be accept or reject, not ${decision}`, 'decision');
  if (!reason.trim())
    throw invalid('reason_required', 'say why the payment is accepted or rejected', 'reason');
  const by = audit.username ?? 'unknown';
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('claim_posting')
      .select(['id', 'status', 'outcome', 'claim_id', 'payer_claim_number'])
      .where('id', '=', postingId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('posting', postingId);
    if (row.status !== 'held')
      throw conflict(
        'not_held',
        `posting ${postingId} is ${row.status}; only a held payment can be resolved`,
      );
    if (decision === 'accept' && row.outcome === 'reversal') {
      // A reversal takes back a payment; it can only take back one that was posted.
      const reversed = await trx
        .selectFrom('claim_posting')
        .select('id')
        .where('claim_id', '=', row.claim_id)
        .where('payer_claim_number', '=', row.payer_claim_number)
        .where('outcome', '!=', 'reversal')
        .where('status', '=', 'posted')
        .executeTakeFirst();
      if (!reversed)
        throw conflict(
          'payment_not_posted',
          `posting ${postingId} reverses payment ${row.payer_claim_number}, which was never posted; accept that payment first, or reject this reversal`,
        );
    }
    const out = await resolveHeldPosting(trx, postingId, decision, by, reason.trim());
    if (!out) throw conflict('not_held', `posting ${postingId} is no longer held`);
    if (decision === 'accept') {
      const claim = await trx
        .selectFrom('claim as c')
        .leftJoin('encounter as e', 'e.claim_id', 'c.id')
        .select(['c.status', 'e.id as encounter_id', 'c.id'])
        .where('c.id', '=', out.claimId)
        .executeTakeFirstOrThrow();
      const { remittance_id } = await trx
        .selectFrom('claim_posting')
        .select('remittance_id')
        .where('id', '=', postingId)
        .executeTakeFirstOrThrow();
      await encounterFollows(trx, actor, claim.encounter_id, claim.id, claim.status, remittance_id);
    }
    await appendAudit(trx, audit, [
      {
        action: decision === 'accept' ? 'accept-held-payment' : 'reject-held-payment',
        entityType: 'claim',
        entityId: out.claimId,
        detail: { postingId, reason: reason.trim(), ...(out.warning ? { warning: out.warning } : {}) },
      },
    ]);
    return out;
  });
}

/**
 * The denials worklist, optionally of one biller's claims (`assignee`: a user id, or null for
 * the unassigned), each line with its claim's payer claim number, state, open balance and
 * assignee so the biller can act on it.
 */
export async function denialGroups(ctx: WorkflowContext, actor: Actor, assignee?: number | null) {
  const groups = await denialsWorklist(ctx.db, {
    ...(ctx.reasonCodes ? { reasonCodes: ctx.reasonCodes } : {}),
    ...(assignee !== undefined ? { assignee } : {}),
  });
  const claimIds = [...new Set(groups.flatMap((g) => g.items.map((i) => i.claimId)))];
  const encounters = new Map<number, number>();
  const [balances, users] = await Promise.all([
    claimBalances(ctx.db, claimIds),
    ctx.db.selectFrom('app_user').select(['id', 'username']).execute(),
  ]);
  const username = new Map(users.map((u) => [u.id, u.username]));
  if (claimIds.length) {
    const rows = await ctx.db
      .selectFrom('encounter')
      .select(['id', 'claim_id'])
      .where('claim_id', 'in', claimIds)
      .execute();
    for (const r of rows) if (r.claim_id !== null) encounters.set(r.claim_id, r.id);
  }
  const byGroup = new Map<string, { group: string; label: string; reasons: unknown[] }>();
  for (const g of groups) {
    let entry = byGroup.get(g.group);
    if (!entry) {
      entry = { group: g.group, label: g.groupLabel, reasons: [] };
      byGroup.set(g.group, entry);
    }
    entry.reasons.push({
      carc: g.carc,
      meaning: g.description ?? g.category,
      category: g.category,
      count: g.count,
      totalCents: g.amountCents,
      lines: g.items.map((i) => ({
        claimId: i.claimId,
        encounterId: encounters.get(i.claimId) ?? null,
        patientControlNumber: i.patientControlNumber,
        lineNumber: i.lineNumber,
        code: i.procedureCode,
        amountCents: i.amountCents,
        rarc: i.rarcs,
        payerClaimNumber: i.payerClaimNumber,
        claimState: i.claimStatus,
        openCents: balances.get(i.claimId)?.openCents ?? null,
        assignee:
          i.assigneeId === null ? null : { id: i.assigneeId, username: username.get(i.assigneeId) ?? null },
      })),
    });
  }
  await appendAudit(ctx.db, auditActor(actor), [
    {
      action: 'list-denials',
      entityType: 'claim',
      entityId: null,
      detail: { claims: claimIds, ...(assignee !== undefined ? { assignee } : {}) },
    },
  ]);
  return { groups: [...byGroup.values()] };
}

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { claimHistory, getClaim } from '../claims/store.js';
import { denialsWorklist } from '../remits/denials.js';
import { postRemittances } from '../remits/posting-store.js';
import { read835 } from '../remits/read-835.js';
import type {} from '../store/schema-billing.js';
import { appendAudit } from './audit.js';
import type { Actor, WorkflowContext } from './context.js';
import { auditActor, lockEncounter, transition } from './encounters.js';
import { notFound } from './errors.js';

/**
 * The biller's side: claims with their history, 835 posting (through src/remits, one
 * transaction) with the encounters following their claims, and the denials worklist grouped by
 * CAS group and CARC.
 */

export async function listClaims(ctx: WorkflowContext, actor: Actor, state?: string, limit = 200) {
  let q = ctx.db
    .selectFrom('claim as c')
    .leftJoin('encounter as e', 'e.claim_id', 'c.id')
    .select([
      'c.id',
      'e.id as encounter_id',
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
    encounterId: r.encounter_id,
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
  const [stored, history, enc] = await Promise.all([
    getClaim(ctx.db, id),
    claimHistory(ctx.db, id),
    ctx.db.selectFrom('encounter').select('id').where('claim_id', '=', id).executeTakeFirst(),
  ]);
  await appendAudit(ctx.db, auditActor(actor), [{ action: 'read', entityType: 'claim', entityId: id }]);
  return {
    id: stored.id,
    encounterId: enc?.id ?? null,
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
  };
}

/** Claim status → the encounter's coarse state after a posting. */
const ENCOUNTER_OUTCOME: Record<string, 'paid' | 'denied' | undefined> = {
  paid: 'paid',
  partially_paid: 'paid',
  denied: 'denied',
};

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
          .execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of postings) {
      const outcome = ENCOUNTER_OUTCOME[p.status];
      if (p.encounter_id === null || !outcome) continue;
      const row = await lockEncounter(trx, p.encounter_id);
      if (['submitted', 'paid', 'denied'].includes(row.state) && row.state !== outcome)
        await transition(trx, row, actor, outcome, {
          claimId: p.claim_id,
          remittanceId: report.remittanceId,
        });
    }
    await appendAudit(trx, auditActor(actor), [
      {
        action: 'post',
        entityType: 'remittance',
        entityId: report.remittanceId ?? null,
        detail: { sha256, alreadyPosted: report.alreadyPosted, claims: postings.map((p) => p.claim_id) },
      },
      ...postings.map((p) => ({
        action: 'post-remit',
        entityType: 'claim' as const,
        entityId: p.claim_id,
        detail: { outcome: p.outcome, paidCents: p.paid_cents },
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
    problems: [
      ...report.unknownClaims.map((c) => `claim ${c} in the 835 is none of our submitted claims`),
      ...report.warnings,
    ],
    paidCents: report.paidCents,
  };
}

export async function denialGroups(ctx: WorkflowContext, actor: Actor) {
  const groups = await denialsWorklist(ctx.db, ctx.reasonCodes ? { reasonCodes: ctx.reasonCodes } : {});
  const claimIds = [...new Set(groups.flatMap((g) => g.items.map((i) => i.claimId)))];
  const encounters = new Map<number, number>();
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
      })),
    });
  }
  await appendAudit(ctx.db, auditActor(actor), [
    { action: 'list-denials', entityType: 'claim', entityId: null, detail: { claims: claimIds } },
  ]);
  return { groups: [...byGroup.values()] };
}

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Claim } from '../claims/model.js';
import { getClaim } from '../claims/store.js';
import { recordTransition } from '../claims/transition-store.js';
import {
  type AppealDenial,
  type AppealFacts,
  appealLetter,
  appealLetterText,
} from '../remits/appeal-letter.js';
import { renderAppealLetter } from '../remits/appeal-letter-pdf.js';
import type { ReasonCodeLists } from '../remits/carc-rarc.js';
import { GROUPS, type GroupCode, needsWork } from '../remits/groups.js';
import type { Adjustment } from '../remits/model.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { appendAudit } from './audit.js';
import type { Acting } from './billing.js';
import { lockClaim } from './claim-row.js';
import type { WorkflowContext } from './context.js';
import { conflict, notFound } from './errors.js';

/**
 * The appeal letter of a denied claim: the facts come from the claim and from the payer's latest
 * decision on it (its posted 835 claim: paid, patient responsibility, the denied lines with
 * group, CARC and RARCs, claim-level adjustments that need work), with the X12 texts of the codes
 * when the lists are loaded. Downloaded as PDF or text; audit-logged with the codes and the
 * letter's sha256 (never the patient's name). Marking the claim appealed (it leaves the denials
 * worklist until the payer decides again) commits with the audit entry.
 */
export interface AppealRequest {
  format: 'pdf' | 'text';
  argument?: string;
  /** Record the appeal as sent: the claim moves to `appealed`. */
  markAppealed?: boolean;
}

export interface AppealFile {
  fileName: string;
  contentType: string;
  body: Uint8Array | string;
}

const APPEALABLE = new Set(['denied', 'partially_paid', 'appealed']);

function serviceDates(claim: Claim): { from: string; to: string } {
  if (claim.institutional)
    return { from: claim.institutional.statementFrom, to: claim.institutional.statementTo };
  const dates = claim.lines.flatMap((l) => [l.serviceDate, l.serviceDateTo ?? l.serviceDate]).sort();
  return { from: dates[0]!, to: dates[dates.length - 1]! };
}

const personName = (p: { firstName?: string | undefined; lastName: string }) =>
  [p.firstName, p.lastName].filter(Boolean).join(' ');

/** The facts of the letter for a claim's latest posted decision (undefined: nothing to appeal). */
async function appealFacts(
  db: Kysely<Database>,
  claimId: number,
  reasonCodes: ReasonCodeLists | undefined,
  date: string,
  signer: string,
): Promise<{ facts: AppealFacts; postingId: number } | undefined> {
  const stored = await getClaim(db, claimId);
  const posting = await db
    .selectFrom('claim_posting')
    .select([
      'id',
      'key',
      'payer_claim_number',
      'paid_cents',
      'patient_responsibility_cents',
      'claim_adjustments',
    ])
    .where('claim_id', '=', claimId)
    .where('status', '=', 'posted')
    .where('outcome', '!=', 'reversal')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!posting) return undefined;
  const [lines, remitted] = await Promise.all([
    db
      .selectFrom('line_denial as d')
      .innerJoin('line_posting as lp', 'lp.id', 'd.line_posting_id')
      .leftJoin('claim_line as l', (j) =>
        j.onRef('l.claim_id', '=', 'd.claim_id').onRef('l.line_number', '=', 'd.line_number'),
      )
      .select([
        'd.group_code',
        'd.carc',
        'd.rarcs',
        'd.amount_cents',
        'd.line_number',
        'l.procedure_code',
        'l.service_date',
      ])
      .where('lp.claim_posting_id', '=', posting.id)
      .orderBy('d.id')
      .execute(),
    db
      .selectFrom('remittance_claim')
      .select('detail')
      .where('posting_key', '=', posting.key)
      .executeTakeFirst(),
  ]);
  const group = (g: string) => GROUPS[g as GroupCode]?.label ?? `group ${g}`;
  const remark = (code: string) => ({ code, text: reasonCodes?.rarc.get(code)?.description ?? null });
  const claimRemarks = ((remitted?.detail as { remarks?: string[] } | undefined)?.remarks ?? []).map(remark);
  const denials: AppealDenial[] = [
    ...(posting.claim_adjustments as Adjustment[])
      .filter((a) => a.amountCents !== 0 && needsWork(a.group, a.reason))
      .map((a) => ({
        group: a.group,
        groupLabel: group(a.group),
        carc: a.reason,
        carcText: reasonCodes?.carc.get(a.reason)?.description ?? null,
        amountCents: a.amountCents,
        remarks: claimRemarks,
      })),
    ...lines.map((d) => ({
      group: d.group_code,
      groupLabel: group(d.group_code),
      carc: d.carc,
      carcText: reasonCodes?.carc.get(d.carc)?.description ?? null,
      amountCents: Number(d.amount_cents),
      line: {
        number: d.line_number,
        procedureCode: d.procedure_code ?? null,
        serviceDate: d.service_date ?? null,
      },
      remarks: d.rarcs.map(remark),
    })),
  ];
  if (denials.length === 0) return undefined;
  const claim = stored.claim;
  const patient = claim.patient ?? claim.subscriber;
  const bp = claim.billingProvider;
  const dates = serviceDates(claim);
  return {
    postingId: posting.id,
    facts: {
      date,
      provider: {
        name: bp.organizationName ?? personName({ firstName: bp.firstName, lastName: bp.lastName ?? '' }),
        npi: bp.npi,
        taxId: bp.taxId,
        address: bp.address,
      },
      payer: claim.payer,
      patient: {
        name: personName(patient),
        birthDate: patient.birthDate ?? null,
        memberId: claim.subscriber.memberId,
      },
      claim: {
        patientControlNumber: stored.patientControlNumber,
        payerClaimNumber: posting.payer_claim_number,
        serviceFrom: dates.from,
        serviceTo: dates.to,
        chargeCents: claim.totalChargeCents,
        paidCents: Number(posting.paid_cents),
        patientResponsibilityCents: Number(posting.patient_responsibility_cents),
      },
      denials,
      signer,
    },
  };
}

export async function appealLetterFor(
  ctx: WorkflowContext,
  { audit }: Acting,
  claimId: number,
  request: AppealRequest,
): Promise<AppealFile> {
  const claim = await ctx.db
    .selectFrom('claim')
    .select('status')
    .where('id', '=', claimId)
    .executeTakeFirst();
  if (!claim) throw notFound('claim', claimId);
  if (!APPEALABLE.has(claim.status))
    throw conflict(
      'invalid_state',
      `claim ${claimId} is ${claim.status}; only a denied or partially paid claim is appealed`,
    );
  const by = audit.username ?? 'unknown';
  const found = await appealFacts(ctx.db, claimId, ctx.reasonCodes, ctx.today(), by);
  if (!found)
    throw conflict('no_denial', `claim ${claimId} has no denied amount in its latest remittance to appeal`);
  const argument = request.argument?.trim();
  const letter = appealLetter({ ...found.facts, ...(argument ? { argument } : {}) });
  const body = request.format === 'pdf' ? await renderAppealLetter(letter) : appealLetterText(letter);
  await ctx.db.transaction().execute(async (trx) => {
    await lockClaim(trx, claimId);
    if (request.markAppealed)
      await recordTransition(
        trx,
        claimId,
        { type: 'appeal', reference: found.facts.claim.payerClaimNumber },
        by,
      );
    await appendAudit(trx, audit, [
      {
        action: 'appeal-letter',
        entityType: 'claim',
        entityId: claimId,
        detail: {
          format: request.format,
          postingId: found.postingId,
          reasons: found.facts.denials.map((d) => `${d.group}-${d.carc}`),
          remarks: [...new Set(found.facts.denials.flatMap((d) => d.remarks.map((r) => r.code)))],
          sha256: createHash('sha256').update(body).digest('hex'),
          markedAppealed: request.markAppealed === true,
        },
      },
    ]);
  });
  return {
    fileName: `appeal-claim-${claimId}.${request.format === 'pdf' ? 'pdf' : 'txt'}`,
    contentType: request.format === 'pdf' ? 'application/pdf' : 'text/plain; charset=utf-8',
    body,
  };
}

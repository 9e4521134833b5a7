import { correctClaim } from '../claims/correct.js';
import type { ClaimInput, ServiceLine } from '../claims/model.js';
import { getClaim } from '../claims/store.js';
import { appendAudit } from './audit.js';
import type { Acting } from './billing.js';
import { checkContext, type LineInput } from './claim-build.js';
import { claimRules, gateClaims, recordOverrides, scrubBillingClaim } from './claim-validation.js';
import type { WorkflowContext } from './context.js';
import { invalid, notFound } from './errors.js';

/**
 * A biller's corrected claim (frequency 7) for a denied claim: a replacement carrying REF*F8 =
 * the payer's claim control number from the 835 (CLP07), with the codes and lines the biller
 * fixed. It passes what every claim passes (workflow/claim-validation.ts): the claim model, the
 * diagnoses billable on the date of service, and the scrubber gate (an error needs an override
 * with a reason). The original moves to `corrected` and the replacement is stored validated,
 * ready to download or submit through the same gate, and becomes the encounter's claim; all in one transaction with the audit
 * entries, so a refused correction leaves the store as it was.
 */
/** A line of the replacement, as the workbench sends lines (claim-build.ts's LineInput). */
export interface CorrectedLine extends LineInput {
  /** The original line this one corrects (its REF*6R); absent for a line the biller adds. */
  lineControlNumber?: string;
  /** Defaults to the corrected line's date (a new line: the claim's first line's). */
  serviceDate?: string;
}

export interface CorrectionInput {
  /** Why the claim is corrected (kept in its history and the audit log). */
  reason: string;
  /** The replacement's diagnoses, principal first (the original's when absent). */
  diagnoses?: string[];
  /** The replacement's lines (the original's when absent). */
  lines?: CorrectedLine[];
  /** A replacement repeats every line; leaving one out takes it back, so it must be meant. */
  allowRemovedLines?: boolean;
  /** Overrides the scrubber's errors, saying why (the signed-in user is who). */
  overrideReason?: string;
}

/** The replacement's lines: each corrected line keeps what the biller did not change (place, revenue code, COB). */
function replacementLines(original: readonly ServiceLine[], pcn: string, edits: readonly CorrectedLine[]) {
  const byControl = new Map(
    original.filter((l) => l.lineControlNumber).map((l) => [l.lineControlNumber!, l]),
  );
  const used = new Set(edits.map((e) => e.lineControlNumber).filter(Boolean));
  let next = original.length;
  const freshControl = () => {
    let lcn: string;
    do lcn = `${pcn}-${++next}`;
    while (byControl.has(lcn) || used.has(lcn));
    used.add(lcn);
    return lcn;
  };
  return edits.map((e, i) => {
    const base = e.lineControlNumber ? byControl.get(e.lineControlNumber) : undefined;
    if (e.lineControlNumber && !base)
      throw invalid(
        'unknown_line',
        `line ${i + 1}: ${e.lineControlNumber} is none of the claim's lines`,
        `lines[${i}].lineControlNumber`,
      );
    const serviceDate = e.serviceDate ?? base?.serviceDate ?? original[0]!.serviceDate;
    return {
      ...(base ?? {}),
      procedureCode: e.code.trim().toUpperCase(),
      modifiers: e.modifiers.map((m) => m.trim().toUpperCase()),
      units: e.units,
      chargeCents: e.chargeCents,
      diagnosisPointers: e.pointers,
      serviceDate,
      ...(base?.serviceDateTo && serviceDate === base.serviceDate
        ? { serviceDateTo: base.serviceDateTo }
        : {}),
      lineControlNumber: e.lineControlNumber ?? freshControl(),
    };
  });
}

/** Creates the corrected claim; returns its id. */
export async function correctDeniedClaim(
  ctx: WorkflowContext,
  { audit }: Acting,
  claimId: number,
  input: CorrectionInput,
): Promise<number> {
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason_required', 'say why the claim is corrected', 'reason');
  const exists = await ctx.db.selectFrom('claim').select('id').where('id', '=', claimId).executeTakeFirst();
  if (!exists) throw notFound('claim', claimId);
  const original = await getClaim(ctx.db, claimId);
  const by = audit.username ?? 'unknown';
  const override = input.overrideReason === undefined ? undefined : { by, reason: input.overrideReason };
  const lines = input.lines
    ? replacementLines(original.claim.lines, original.patientControlNumber, input.lines)
    : original.claim.lines;
  const replacement: ClaimInput = {
    ...original.claim,
    diagnoses: input.diagnoses ?? original.claim.diagnoses,
    lines,
    totalChargeCents: lines.reduce((a, l) => a + l.chargeCents, 0),
  };
  const stored = await correctClaim(ctx.db, claimId, {
    by,
    reason,
    replacement,
    allowRemovedLines: input.allowRemovedLines ?? false,
    // The same validation as every claim path (diagnoses, POA-exempt list).
    ...claimRules(ctx.terminology),
    inTransaction: async (trx, corrected) => {
      const scrub = await scrubBillingClaim(corrected.claim, checkContext(ctx, trx));
      const overridden = gateClaims([{ claim: corrected.claim, scrub }], override);
      if (override)
        await recordOverrides(
          trx,
          audit,
          'validate',
          overridden.map((o) => ({ ...o, claimId: corrected.id })),
          override,
        );
      // The encounter's claim is now the replacement: its 835 moves the encounter to paid or
      // denied, and the claim page names the encounter (claimDetail follows the chain back).
      const relinked = await trx
        .updateTable('encounter')
        .set({ claim_id: corrected.id })
        .where('claim_id', '=', claimId)
        .returning('id')
        .execute();
      await appendAudit(trx, audit, [
        {
          action: 'correct',
          entityType: 'claim',
          entityId: claimId,
          detail: { replacement: corrected.id, reason },
        },
        {
          action: 'create',
          entityType: 'claim',
          entityId: corrected.id,
          detail: {
            replaces: claimId,
            frequency: corrected.claim.frequency,
            payerClaimNumber: corrected.claim.payerClaimNumber,
            pcn: corrected.patientControlNumber,
            encounter: relinked[0]?.id ?? null,
          },
        },
      ]);
    },
  });
  return stored.id;
}

import { buildBatch } from '../claims/submit.js';
import { validateClaim } from '../claims/validate.js';
import { appendAudit } from './audit.js';
import type { Acting } from './billing.js';
import { checkContext } from './claim-build.js';
import { claimRules, gateSubmission } from './claim-validation.js';
import type { WorkflowContext } from './context.js';
import { conflict, notFound } from './errors.js';

/**
 * The 837 of a claim, for a biller to download. A claim that went out is downloaded as the file
 * of its batch, as sent (claim_batch.x12). A claim not sent yet (draft or validated) is written
 * as it would be submitted: validated and scrubbed as filed today through the same gate as a
 * submission (a claim that fails it is refused with the gate's message, and nothing is
 * written), with control numbers from the store's counter and the batch recorded like `claim
 * build`'s, so a downloaded file never shares an ISA13 with another. The claim's state does not
 * change: downloading is not submitting. Every download is audit-logged (the ISA13 and sha256).
 */
export interface Downloaded837 {
  fileName: string;
  text: string;
  batchId: number;
  interchange: number;
  /** submitted: the file the claim went out in; built: written now, as it would be submitted. */
  source: 'submitted' | 'built';
}

const fileName = (claimId: number, interchange: number) =>
  `claim-${claimId}-${String(interchange).padStart(9, '0')}.x12`;

export async function download837(
  ctx: WorkflowContext,
  { audit }: Acting,
  claimId: number,
): Promise<Downloaded837> {
  const row = await ctx.db
    .selectFrom('claim as c')
    .leftJoin('claim_batch as b', 'b.id', 'c.batch_id')
    .select(['c.status', 'c.claim', 'c.batch_id', 'b.x12', 'b.interchange_control', 'b.sha256'])
    .where('c.id', '=', claimId)
    .executeTakeFirst();
  if (!row) throw notFound('claim', claimId);
  if (row.batch_id !== null) {
    if (row.x12 === null)
      throw conflict(
        'file_not_kept',
        `claim ${claimId} went out in batch ${row.batch_id} (ISA13 ${row.interchange_control}) before 837 files were kept; its sha256 is ${row.sha256}`,
      );
    await appendAudit(ctx.db, audit, [
      {
        action: 'download-837',
        entityType: 'claim',
        entityId: claimId,
        detail: {
          source: 'submitted',
          batchId: row.batch_id,
          interchange: row.interchange_control,
          sha256: row.sha256,
        },
      },
    ]);
    return {
      fileName: fileName(claimId, row.interchange_control!),
      text: row.x12,
      batchId: row.batch_id,
      interchange: row.interchange_control!,
      source: 'submitted',
    };
  }
  if (row.status !== 'draft' && row.status !== 'validated')
    throw conflict(
      'invalid_state',
      `claim ${claimId} is ${row.status} and was never sent; there is no 837 to download`,
    );
  const claim = await validateClaim(row.claim, claimRules(ctx.terminology));
  const batch = await buildBatch(
    ctx.db,
    [claim],
    { ...ctx.practice.submission, batchId: `DL${claimId}` },
    {
      by: audit.username ?? 'unknown',
      beforeWrite: (trx) => gateSubmission(trx, checkContext(ctx), [{ id: claimId, claim }], audit),
      afterWrite: (trx, b) =>
        appendAudit(trx, audit, [
          {
            action: 'download-837',
            entityType: 'claim',
            entityId: claimId,
            detail: { source: 'built', batchId: b.batchId, interchange: b.interchange, sha256: b.sha256 },
          },
        ]),
    },
  );
  return {
    fileName: fileName(claimId, batch.interchange),
    text: batch.text,
    batchId: batch.batchId,
    interchange: batch.interchange,
    source: 'built',
  };
}

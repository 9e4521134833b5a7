import { listRemittances, type RemittanceView, remittanceDetail } from '../remits/remittance-detail.js';
import { type AuditActor, appendAudit } from './audit.js';
import type { WorkflowContext } from './context.js';
import { notFound } from './errors.js';

/**
 * Posted remittances for the biller (remits/remittance-detail.ts): the list, and one with what
 * the payer said of each claim, the CARC/RARC texts from the loaded X12 lists. Reads of
 * remittances (which name claims and amounts) are audit-logged like reads of claims.
 */
export async function remittanceList(
  ctx: WorkflowContext,
  audit: AuditActor,
  page: { limit?: number; offset?: number },
) {
  const list = await listRemittances(ctx.db, page);
  await appendAudit(ctx.db, audit, [
    {
      action: 'list',
      entityType: 'remittance',
      entityId: null,
      detail: { returned: list.items.map((r) => r.id) },
    },
  ]);
  return list;
}

export async function remittance(
  ctx: WorkflowContext,
  audit: AuditActor,
  id: number,
): Promise<RemittanceView> {
  const view = await remittanceDetail(ctx.db, id, ctx.reasonCodes);
  if (!view) throw notFound('remittance', id);
  await appendAudit(ctx.db, audit, [{ action: 'read', entityType: 'remittance', entityId: id }]);
  return view;
}

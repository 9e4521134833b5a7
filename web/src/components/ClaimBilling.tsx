import { useState } from 'react';
import type { ClaimWork } from '../api/billing.js';
import { billingApi } from '../api/billing.js';
import { errorMessage } from '../api/client.js';
import type { ClaimDetail, Role } from '../api/types.js';
import { formatCents, formatDateTime, humanState } from '../lib/format.js';
import { saveFile } from '../lib/save-file.js';
import { ErrorAlert } from './Alert.js';
import { ClaimLink } from './Links.js';
import { TableHead } from './TableHead.js';

/** Roles that act on claims as billers (the server's routes/billing-work.ts allows the same). */
export const BILLING_ROLES: readonly Role[] = ['admin', 'supervisor', 'biller'];

const FREQUENCY: Record<string, string> = { '1': 'original', '7': 'replacement (corrected)', '8': 'void' };

/**
 * The biller's view of a claim: its open balance and how it came about, write-offs, who works
 * it, the claim it replaces or that replaced it, and the 837 download (the file the claim went
 * out in, or written now as it would be submitted; the server refuses a claim its gate stops).
 */
export function ClaimBilling({ claim, role }: { claim: ClaimDetail & Partial<ClaimWork>; role: Role }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canAct = BILLING_ROLES.includes(role);
  const notSent = claim.state === 'draft' || claim.state === 'validated';
  const canDownload = canAct && (notSent || claim.batch?.fileKept === true);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveFile(await billingApi.download837(claim.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const b = claim.balance;
  return (
    <section aria-labelledby="claim-billing-title">
      <h2 id="claim-billing-title">Billing</h2>
      <dl className="facts">
        <dt>Frequency</dt>
        <dd data-testid="claim-frequency">{FREQUENCY[claim.frequency ?? '1'] ?? claim.frequency}</dd>
        {claim.replacesClaimId ? (
          <>
            <dt>Replaces</dt>
            <dd>
              <ClaimLink id={claim.replacesClaimId} />
            </dd>
          </>
        ) : null}
        {claim.replacedBy?.length ? (
          <>
            <dt>Replaced by</dt>
            <dd>
              {claim.replacedBy.map((r) => (
                <span key={r.id}>
                  <ClaimLink id={r.id} /> ({humanState(r.state)}){' '}
                </span>
              ))}
            </dd>
          </>
        ) : null}
        <dt>Assigned to</dt>
        <dd>{claim.assignee?.username ?? 'nobody'}</dd>
        {b && (
          <>
            <dt>Open balance</dt>
            <dd data-testid="open-balance">
              {formatCents(b.openCents)}{' '}
              <span className="muted">
                (charged {formatCents(b.chargeCents)}, paid {formatCents(b.paidCents)}, contractual{' '}
                {formatCents(b.contractualCents)}, patient {formatCents(b.patientCents)}, written off{' '}
                {formatCents(b.writtenOffCents)})
              </span>
            </dd>
          </>
        )}
        {claim.batch && (
          <>
            <dt>Sent</dt>
            <dd>
              batch {claim.batch.id}, ISA13 {String(claim.batch.interchange ?? '').padStart(9, '0')},{' '}
              {formatDateTime(claim.batch.at)}
            </dd>
          </>
        )}
      </dl>
      {canDownload && (
        <button type="button" onClick={download} disabled={busy}>
          {busy ? 'Preparing 837…' : 'Download 837'}
        </button>
      )}
      <ErrorAlert message={error} />
      {(claim.writeOffs?.length ?? 0) > 0 && (
        <table className="grid compact" aria-label="Write-offs">
          <TableHead columns={['When', 'By', 'Reason', 'Note', '#Amount']} />
          <tbody>
            {claim.writeOffs!.map((w) => (
              <tr key={w.id}>
                <td>{formatDateTime(w.at)}</td>
                <td>{w.by}</td>
                <td>{w.reasonLabel}</td>
                <td>{w.note ?? ''}</td>
                <td className="num">{formatCents(w.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

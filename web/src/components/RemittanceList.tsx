import { billingApi } from '../api/billing.js';
import { formatCents, formatDateTime } from '../lib/format.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';
import { ErrorAlert } from './Alert.js';
import { TableHead } from './TableHead.js';

/**
 * Posted remittances, newest first: who paid, the check or EFT trace number, the payment date
 * and amount, how many claims, and how many were posted or held as possible duplicates. Each
 * opens the remittance as the payer sent it. `version` reloads the list (after a posting).
 */
export function RemittanceList({ version }: { version: number }) {
  const { data, error, loading } = useAsync(() => billingApi.remittances({ limit: 100 }), [version]);
  return (
    <section aria-labelledby="remit-list-title">
      <h2 id="remit-list-title">Posted remittances</h2>
      <ErrorAlert message={error} />
      {loading && <p className="loading">Loading…</p>}
      {data && data.items.length === 0 && <p className="muted">No remittance posted yet.</p>}
      {data && data.items.length > 0 && (
        <table className="grid compact" aria-label="Posted remittances">
          <TableHead
            columns={[
              'Remittance',
              'Payer',
              'Check / EFT trace',
              'Paid on',
              'Method',
              '#Amount',
              '#Claims',
              'Posted / held',
              'Posted at',
            ]}
          />
          <tbody>
            {data.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={href({ page: 'remit', id: String(r.id) })}>Remittance {r.id}</a>
                </td>
                <td>{r.payers.join(', ') || '—'}</td>
                <td className="mono">{r.traceNumbers.join(', ') || '—'}</td>
                <td>{r.paymentDates.join(', ') || '—'}</td>
                <td>{r.methods.join(', ') || '—'}</td>
                <td className="num">{formatCents(r.totalCents)}</td>
                <td className="num">{r.claims}</td>
                <td>
                  {r.posted} posted
                  {r.held > 0 && <span className="badge warn">{r.held} held</span>}
                  {r.rejected > 0 && `, ${r.rejected} rejected`}
                  {r.unknownClaims.length > 0 && `, ${r.unknownClaims.length} not ours`}
                </td>
                <td>{formatDateTime(r.postedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > data.items.length && (
        <p className="muted">
          The newest {data.items.length} of {data.total}.
        </p>
      )}
    </section>
  );
}

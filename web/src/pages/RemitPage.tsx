import type { ExplainedAdjustment, ExplainedRemark, RemitClaimView } from '../api/billing.js';
import { billingApi } from '../api/billing.js';
import { ErrorAlert } from '../components/Alert.js';
import { ClaimLink, EncounterLink } from '../components/Links.js';
import { TableHead } from '../components/TableHead.js';
import { formatCents, formatDateTime } from '../lib/format.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

const POSTING: Record<RemitClaimView['posting'], string> = {
  posted: 'posted',
  held: 'held as a possible duplicate',
  rejected: 'held, then rejected',
  earlier: 'posted before (same content in an earlier file)',
  unknown: 'not one of our claims',
};

function Adjustments({ items }: { items: readonly ExplainedAdjustment[] }) {
  if (items.length === 0) return <>—</>;
  return (
    <ul className="adjustments">
      {items.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the payer may repeat a group and reason
        <li key={i}>
          <strong>
            {a.group}-{a.carc}
          </strong>{' '}
          {formatCents(a.amountCents)} <span className="muted">{a.text ?? a.groupLabel}</span>
        </li>
      ))}
    </ul>
  );
}

function Remarks({ items }: { items: readonly ExplainedRemark[] }) {
  if (items.length === 0) return <>—</>;
  return (
    <ul className="adjustments">
      {items.map((r) => (
        <li key={r.code}>
          <strong>{r.code}</strong> <span className="muted">{r.text ?? ''}</span>
        </li>
      ))}
    </ul>
  );
}

function RemitClaim({ c }: { c: RemitClaimView }) {
  return (
    <section
      className="panel"
      aria-label={`Remittance claim ${c.patientControlNumber}`}
      data-pcn={c.patientControlNumber}
    >
      <h3>
        {c.patientControlNumber} — {c.claimId === null ? 'not ours' : <ClaimLink id={c.claimId} />}{' '}
        <span className="muted">({POSTING[c.posting]})</span>
      </h3>
      <dl className="facts">
        <dt>Payer claim number</dt>
        <dd>{c.payerClaimNumber}</dd>
        <dt>Status</dt>
        <dd>{c.status}</dd>
        <dt>Billed</dt>
        <dd>{formatCents(c.chargeCents)}</dd>
        <dt>Paid</dt>
        <dd>{formatCents(c.paidCents)}</dd>
        <dt>Patient responsibility</dt>
        <dd>{formatCents(c.patientResponsibilityCents)}</dd>
        <dt>Encounter</dt>
        <dd>
          <EncounterLink id={c.encounterId} />
        </dd>
      </dl>
      {(c.adjustments.length > 0 || c.remarks.length > 0) && (
        <>
          <h4>Claim adjustments</h4>
          <Adjustments items={c.adjustments} />
          <Remarks items={c.remarks} />
        </>
      )}
      {c.lines.length > 0 && (
        <table className="grid compact" aria-label={`Service lines of ${c.patientControlNumber}`}>
          <TableHead
            columns={[
              'Procedure',
              'Date',
              'Units',
              '#Billed',
              '#Paid',
              'Adjustments (group-CARC)',
              'Remarks (RARC)',
            ]}
          />
          <tbody>
            {c.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are in the payer's order
              <tr key={i}>
                <td>
                  {l.procedure.code}
                  {l.procedure.modifiers.length ? `-${l.procedure.modifiers.join('-')}` : ''}
                </td>
                <td>{l.serviceDate ?? '—'}</td>
                <td>{l.units}</td>
                <td className="num">{formatCents(l.chargeCents)}</td>
                <td className="num">{formatCents(l.paidCents)}</td>
                <td>
                  <Adjustments items={l.adjustments} />
                </td>
                <td>
                  <Remarks items={l.remarks} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One posted remittance: its payments, and each claim as the payer sent it, linked to ours. */
export function RemitPage({ id }: { id: string }) {
  const { data, error } = useAsync(() => billingApi.remittance(id), [id]);
  if (!data) return error ? <ErrorAlert message={error} /> : <p className="loading">Loading remittance…</p>;
  return (
    <section aria-labelledby="remit-title">
      <p>
        <a href={href({ page: 'remits' })}>← Remittances</a>
      </p>
      <h1 id="remit-title">Remittance {data.id}</h1>
      <p className="muted">
        Posted {formatDateTime(data.postedAt)} by {data.postedBy}
        {data.fileName ? ` from ${data.fileName}` : ''}; {data.posted} claim{data.posted === 1 ? '' : 's'}{' '}
        posted
        {data.held > 0 ? `, ${data.held} held` : ''}.
      </p>
      {data.payments.length > 0 && (
        <table className="grid compact" aria-label="Payments">
          <TableHead
            columns={[
              'Payer',
              'Check / EFT trace',
              'Paid on',
              'Method',
              '#Amount',
              '#Claims',
              'Provider adjustments',
            ]}
          />
          <tbody>
            {data.payments.map((p) => (
              <tr key={`${p.traceNumber}|${p.payer}`}>
                <td>
                  {p.payer}
                  {p.payerId ? ` (${p.payerId})` : ''}
                </td>
                <td className="mono">{p.traceNumber}</td>
                <td>{p.paymentDate ?? '—'}</td>
                <td>{p.method}</td>
                <td className="num">{formatCents(p.totalCents)}</td>
                <td className="num">{p.claims}</td>
                <td>
                  {p.providerAdjustments.map((a) => `${a.reason} ${formatCents(a.amountCents)}`).join(', ') ||
                    '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!data.detailKept && (
        <p className="warning">
          Posted before remittance details were kept: billed amounts and service lines are not available.
        </p>
      )}
      <h2>Claims</h2>
      {data.claimsDetail.map((c) => (
        <RemitClaim key={c.position} c={c} />
      ))}
    </section>
  );
}

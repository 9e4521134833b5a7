import { useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { User } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { ClaimBilling } from '../components/ClaimBilling.js';
import { HeldPayments } from '../components/HeldPayments.js';
import { EncounterLink } from '../components/Links.js';
import { OverrideReason } from '../components/OverrideReason.js';
import { TableHead } from '../components/TableHead.js';
import { dottedDiagnosis, formatCents, formatDateTime, humanState } from '../lib/format.js';
import { keyed } from '../lib/keys.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

export function ClaimPage({ id, user }: { id: string; user: User }) {
  const { data, error, reload } = useAsync(() => api.claim(id), [id]);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [override, setOverride] = useState('');

  /** Runs a change, then reloads the claim; a refusal is shown, not thrown. */
  const act = async (change: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await change();
      reload();
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = () => act(() => api.submitClaim(id, override.trim() || undefined));
  const resolve = (postingId: number, decision: 'accept' | 'reject', reason: string) =>
    act(() => api.resolveHeldPayment(postingId, decision, reason));

  if (!data) return error ? <ErrorAlert message={error} /> : <p className="loading">Loading claim…</p>;
  const state = data.state;
  // The server submits only validated claims (409 otherwise), so the button appears only then.
  const canSubmit = (user.role === 'biller' || user.role === 'admin') && state === 'validated';
  const diagnoses = data.claim?.diagnoses ?? [];
  const lines = data.claim?.lines ?? [];
  return (
    <section aria-labelledby="claim-title">
      <p>
        <a href={href({ page: 'claims' })}>← All claims</a>
      </p>
      <h1 id="claim-title">
        Claim {data.id} <span className={`badge claim-${state}`}>{humanState(state)}</span>
      </h1>
      <dl className="facts">
        <dt>Patient control number</dt>
        <dd data-testid="pcn">{data.patientControlNumber}</dd>
        <dt>Payer claim number</dt>
        <dd>{data.payerClaimNumber ?? '—'}</dd>
        <dt>Total</dt>
        <dd>{formatCents(data.totalCents)}</dd>
        <dt>Encounter</dt>
        <dd>
          <EncounterLink id={data.encounterId} />
        </dd>
        <dt>Diagnoses</dt>
        <dd>{diagnoses.map((d, i) => `${i + 1}: ${dottedDiagnosis(d)}`).join(', ') || '—'}</dd>
      </dl>
      {lines.length > 0 && (
        <table className="grid compact" aria-label="Service lines">
          <TableHead columns={['Line', 'Date', 'Procedure', 'Modifiers', 'Units', '#Charge', 'Pointers']} />
          <tbody>
            {keyed(lines, (l) => `${l.procedureCode}|${l.serviceDate}|${l.modifiers.join()}`).map(
              ({ item: l, key }, i) => (
                <tr key={key}>
                  <td>{i + 1}</td>
                  <td>{l.serviceDate}</td>
                  <td>{l.procedureCode}</td>
                  <td>{l.modifiers.join(' ') || '—'}</td>
                  <td>{l.units}</td>
                  <td className="num">{formatCents(l.chargeCents)}</td>
                  <td>{l.diagnosisPointers.join(', ')}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <ClaimBilling claim={data} role={user.role} />
      {canSubmit && (
        <>
          <OverrideReason value={override} onChange={setOverride} />
          <button type="button" className="primary" onClick={submit} disabled={busy}>
            Submit claim
          </button>
        </>
      )}
      {(data.heldPayments?.length ?? 0) > 0 && (
        <HeldPayments
          held={data.heldPayments ?? []}
          canResolve={user.role === 'biller' || user.role === 'admin'}
          busy={busy}
          onResolve={resolve}
        />
      )}
      <ErrorAlert message={actionError} />
      <h2>Status history</h2>
      <table className="grid" aria-label="Status history">
        <TableHead columns={['When', 'By', 'From', 'To', 'Reason']} />
        <tbody>
          {keyed(data.history, (h) => `${h.at}|${h.to}`).map(({ item: h, key }) => (
            <tr key={key}>
              <td>{formatDateTime(h.at)}</td>
              <td>{h.by ?? 'system'}</td>
              <td>{h.from ? humanState(h.from) : '—'}</td>
              <td>{humanState(h.to)}</td>
              <td>{h.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

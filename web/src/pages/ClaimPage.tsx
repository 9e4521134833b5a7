import { useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { User } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { EncounterLink } from '../components/Links.js';
import { formatCents, formatDateTime, humanState } from '../lib/format.js';
import { keyed } from '../lib/keys.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

/** Fields shown in the header; anything else the server sends is listed below them. */
const SHOWN = new Set([
  'id',
  'encounterId',
  'patientControlNumber',
  'payer',
  'totalCents',
  'state',
  'updatedAt',
  'history',
]);

export function ClaimPage({ id, user }: { id: string; user: User }) {
  const { data, error, reload } = useAsync(() => api.claim(id), [id]);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setActionError(null);
    try {
      await api.submitClaim(id);
      reload();
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!data) return error ? <ErrorAlert message={error} /> : <p className="loading">Loading claim…</p>;
  const state = String(data.state ?? '');
  const extra = Object.entries(data).filter(
    ([k, v]) => !SHOWN.has(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'),
  );
  const canSubmit =
    (user.role === 'biller' || user.role === 'admin') &&
    ['draft', 'validated', 'claim_built'].includes(state);
  return (
    <section aria-labelledby="claim-title">
      <p>
        <a href={href({ page: 'claims' })}>← All claims</a>
      </p>
      <h1 id="claim-title">
        Claim {data.id ?? id} <span className={`badge claim-${state}`}>{humanState(state)}</span>
      </h1>
      <dl className="facts">
        <dt>Patient control number</dt>
        <dd>{data.patientControlNumber ?? '—'}</dd>
        <dt>Payer</dt>
        <dd>{data.payer ?? '—'}</dd>
        <dt>Total</dt>
        <dd>{formatCents(data.totalCents)}</dd>
        <dt>Encounter</dt>
        <dd>
          <EncounterLink id={data.encounterId} />
        </dd>
        {extra.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{String(v)}</dd>
          </div>
        ))}
      </dl>
      {canSubmit && (
        <button type="button" className="primary" onClick={submit} disabled={busy}>
          Submit claim
        </button>
      )}
      <ErrorAlert message={actionError} />
      <h2>Status history</h2>
      <table className="grid" aria-label="Status history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
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

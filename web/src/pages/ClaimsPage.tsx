import { useState } from 'react';
import { api } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { EncounterLink } from '../components/Links.js';
import { StateSelect } from '../components/StateSelect.js';
import { formatCents, formatDateTime, humanState } from '../lib/format.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

const CLAIM_STATES = [
  'draft',
  'validated',
  'submitted',
  'acknowledged',
  'rejected',
  'paid',
  'partially_paid',
  'denied',
  'corrected',
  'voided',
  'appealed',
];

export function ClaimsPage() {
  const [state, setState] = useState('');
  const { data, error, loading } = useAsync(() => api.claims(state || undefined), [state]);
  return (
    <section aria-labelledby="claims-title">
      <h1 id="claims-title">Claims</h1>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <StateSelect states={CLAIM_STATES} value={state} onChange={setState} />
      </form>
      <ErrorAlert message={error} />
      <p className="summary" aria-live="polite">
        {loading ? 'Loading…' : `${data?.items.length ?? 0} claims`}
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Patient control number</th>
            <th scope="col">Payer</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">State</th>
            <th scope="col">Updated</th>
            <th scope="col">Encounter</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={href({ page: 'claim', id: String(c.id) })}>Claim {c.id}</a>
              </td>
              <td>{c.patientControlNumber}</td>
              <td>{c.payer}</td>
              <td className="num">{formatCents(c.totalCents)}</td>
              <td>
                <span className={`badge claim-${c.state}`}>{humanState(c.state)}</span>
              </td>
              <td>{formatDateTime(c.updatedAt)}</td>
              <td>
                <EncounterLink id={c.encounterId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { useState } from 'react';
import { api } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { ClaimLink, EncounterLink } from '../components/Links.js';
import { StateSelect } from '../components/StateSelect.js';
import { TableHead } from '../components/TableHead.js';
import { formatCents, formatDateTime, humanState } from '../lib/format.js';
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
  'written_off',
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
        <TableHead
          columns={['Claim', 'Patient control number', 'Payer', '#Total', 'State', 'Updated', 'Encounter']}
        />
        <tbody>
          {data?.items.map((c) => (
            <tr key={c.id}>
              <td>
                <ClaimLink id={c.id} />
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

import { qaApi } from '../api/qa.js';
import { ErrorAlert } from '../components/Alert.js';
import { TableHead } from '../components/TableHead.js';
import { formatCents, formatDateTime } from '../lib/format.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

/**
 * One audit sample: how it was drawn (criteria, seed, population and its fingerprint, the
 * auditor's own charts left out) and its charts in draw order. Each opens in the QA item view,
 * not the chart itself: the chart stays closed to the auditor until they have re-coded it.
 */
export function QaSamplePage({ id }: { id: string }) {
  const { data, error, loading } = useAsync(() => qaApi.sample(id), [id]);
  if (!data)
    return error ? <ErrorAlert message={error} /> : <p className="loading">{loading ? 'Loading…' : ''}</p>;
  const c = data.criteria;
  return (
    <section aria-labelledby="qa-sample-title">
      <p>
        <a href={href({ page: 'qa' })}>← Coding quality</a>
      </p>
      <h1 id="qa-sample-title">Audit sample {data.id}</h1>
      <dl className="code-meta">
        <dt>Auditor</dt>
        <dd>{data.auditor.username}</dd>
        <dt>Drawn</dt>
        <dd>
          {formatDateTime(data.createdAt)} by {data.createdBy}
        </dd>
        <dt>Criteria</dt>
        <dd data-testid="qa-criteria">
          dates of service {c.from} – {c.to}; {c.size !== undefined ? `${c.size} charts` : `${c.percent}%`}
          {c.codeFamily ? `; code family ${c.codeFamily}` : ''}
          {c.coderId !== undefined ? `; coder #${c.coderId}` : ''}
          {c.minChargeCents !== undefined ? `; charge ≥ ${formatCents(c.minChargeCents)}` : ''}
        </dd>
        <dt>Seed</dt>
        <dd className="mono" data-testid="qa-seed">
          {data.seed}
        </dd>
        <dt>Population</dt>
        <dd>
          {data.population} charts (sha256 of ids{' '}
          <span className="mono">{data.populationSha256.slice(0, 12)}…</span>)
          {data.excludedOwn > 0 ? `; ${data.excludedOwn} coded by the auditor left out` : ''}
        </dd>
        <dt>Re-coded</dt>
        <dd>
          {data.submitted} of {data.items}
        </dd>
      </dl>
      <table className="grid">
        <TableHead columns={['#', 'Encounter', 'Date of service', 'Coder', '#Charge', 'Status', '']} />
        <tbody>
          {data.itemList.map((i) => (
            <tr key={i.id} data-item={i.id} data-encounter={i.encounterId}>
              <td>{i.position}</td>
              <td>{i.encounterId}</td>
              <td>{i.dateOfService}</td>
              <td>{i.coder.username}</td>
              <td className="num">{formatCents(i.chargeCents)}</td>
              <td>
                <span className={`badge status-${i.status === 'pending' ? 'pending' : 'accepted'}`}>
                  {i.status}
                </span>
              </td>
              <td>
                <a href={href({ page: 'qa-item', id: String(i.id) })}>
                  {i.status === 'pending' ? `Re-code item ${i.id}` : `Comparison ${i.id}`}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

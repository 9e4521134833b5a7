import { api } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { ClaimLink, EncounterLink } from '../components/Links.js';
import { TableHead } from '../components/TableHead.js';
import { formatCents } from '../lib/format.js';
import { keyed } from '../lib/keys.js';
import { useAsync } from '../lib/use-async.js';

const GROUP_LABEL: Record<string, string> = {
  CO: 'Contractual obligation',
  PR: 'Patient responsibility',
  OA: 'Other adjustment',
  PI: 'Payer-initiated reduction',
};

/** Denied lines grouped by CAS group, then by reason (CARC), with the RARCs that explain them. */
export function DenialsPage() {
  const { data, error, loading, reload } = useAsync(() => api.denials(), []);
  const groups = data?.groups ?? [];
  return (
    <section aria-labelledby="denials-title">
      <div className="panel-head">
        <h1 id="denials-title">Denials worklist</h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <ErrorAlert message={error} />
      {loading && <p className="loading">Loading…</p>}
      {!loading && groups.length === 0 && <p className="muted">No denials to work.</p>}
      {groups.map((g) => (
        <section key={g.group} className="panel denial-group" aria-labelledby={`group-${g.group}`}>
          <h2 id={`group-${g.group}`}>
            {g.group} — {g.label ?? GROUP_LABEL[g.group] ?? 'Other'}
          </h2>
          {g.reasons.map((r) => (
            <div key={r.carc} className="denial-reason" data-carc={r.carc}>
              <h3>
                CARC {r.carc}: {r.meaning}
                {r.category && r.category !== r.meaning ? <span className="badge">{r.category}</span> : null}{' '}
                <span className="muted">
                  {r.count} line{r.count === 1 ? '' : 's'}, {formatCents(r.totalCents)}
                </span>
              </h3>
              <table className="grid compact">
                <TableHead columns={['Claim', 'Encounter', 'Code', '#Amount', 'Remarks (RARC)']} />
                <tbody>
                  {keyed(r.lines, (l) => `${l.claimId}|${l.code}`).map(({ item: l, key }) => (
                    <tr key={key}>
                      <td>
                        <ClaimLink id={l.claimId} />
                      </td>
                      <td>
                        <EncounterLink id={l.encounterId} />
                      </td>
                      <td>{l.code ?? '—'}</td>
                      <td className="num">{formatCents(l.amountCents)}</td>
                      <td>{l.rarc.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}

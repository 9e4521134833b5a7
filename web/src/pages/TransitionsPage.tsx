import { useState } from 'react';
import { api } from '../api/client.js';
import { type CodeProblem, ENCOUNTER_STATES } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { EncounterLink } from '../components/Links.js';
import { StateSelect } from '../components/StateSelect.js';
import { TableHead } from '../components/TableHead.js';
import { TabularLink } from '../components/TabularLink.js';
import { humanState } from '../lib/format.js';
import { useAsync } from '../lib/use-async.js';

const PAGE = 100;

/** The codes a problem offers instead (children of a new header, the code in another release…). */
function Instead({ problem }: { problem: CodeProblem }) {
  const codes = [
    ...(problem.billableDescendants ?? []),
    ...(problem.options ?? []),
    ...(problem.suggestion ? [problem.suggestion] : []),
    ...(problem.closest ?? []),
  ];
  if (codes.length === 0 && !problem.foundIn?.length) return null;
  return (
    <div className="instead">
      {codes.length > 0 && (
        <>
          Use instead:{' '}
          {codes.slice(0, 8).map((c, i) => (
            <span key={c.code}>
              {i > 0 && ', '}
              <TabularLink code={c.code} /> <span className="muted">{c.title}</span>
            </span>
          ))}
          {codes.length > 8 && <span className="muted"> and {codes.length - 8} more</span>}
        </>
      )}
      {problem.foundIn && problem.foundIn.length > 0 && (
        <div className="muted">Valid in: {problem.foundIn.map((r) => r.label).join('; ')}</div>
      )}
    </div>
  );
}

/**
 * Code-set transitions: encounters whose codes are not reportable on their date of service
 * (a code deleted, expanded into children, or new after the visit), checked against the release
 * each date picks, so they are fixed before a claim goes out.
 */
export function TransitionsPage() {
  const [state, setState] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const { data, error, loading } = useAsync(
    () => api.codeTransitions({ state, from, to, limit: PAGE, offset }),
    [state, from, to, offset],
  );

  return (
    <section aria-labelledby="transitions-title">
      <div className="panel-head">
        <h1 id="transitions-title">Code-set transitions</h1>
        {data && (
          <span className="muted" data-testid="transitions-summary">
            {data.total} of {data.checked} encounters have codes not reportable on their date of service
          </span>
        )}
      </div>
      <div className="filters">
        <StateSelect
          states={ENCOUNTER_STATES}
          value={state}
          onChange={(s) => {
            setState(s);
            setOffset(0);
          }}
        />
        <label>
          Service from{' '}
          <input
            type="date"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          to{' '}
          <input
            type="date"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
              setOffset(0);
            }}
          />
        </label>
      </div>
      <ErrorAlert message={error} />
      {loading && !data && <p className="loading">Checking encounters…</p>}
      {data && data.items.length === 0 && (
        <p className="muted">Every checked encounter's codes are reportable on its date of service.</p>
      )}
      {data && data.items.length > 0 && (
        <table className="grid transitions">
          <TableHead
            columns={['Encounter', 'Patient', 'Date of service', 'State', 'Release', 'Codes to fix']}
          />
          <tbody>
            {data.items.map((item) => (
              <tr key={item.id} data-encounter={item.id}>
                <td>
                  <EncounterLink id={item.id} />
                </td>
                <td>{item.patient.displayName}</td>
                <td>{item.dateOfService}</td>
                <td>{humanState(item.state)}</td>
                <td>
                  {item.release.label}
                  {item.release.outsideWindow && (
                    <div className="warning">No loaded release covers this date: nearest one used.</div>
                  )}
                </td>
                <td>
                  <ul className="transition-problems">
                    {item.problems.map((p) => (
                      <li key={`${p.source}:${p.code}`} data-code={p.code}>
                        <TabularLink code={p.code} />{' '}
                        <span className="badge">
                          {p.source === 'coded' ? `coded (${p.status})` : 'suggested'}
                        </span>{' '}
                        {p.problem.message}
                        <Instead problem={p.problem} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > PAGE && (
        <p className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>{' '}
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}
          </span>{' '}
          <button
            type="button"
            disabled={offset + PAGE >= data.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </p>
      )}
    </section>
  );
}

import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type ItemView, kindLabel, qaApi, VARIANCE_KINDS, type VarianceKind } from '../api/qa.js';
import { ErrorAlert } from './Alert.js';
import { TableHead } from './TableHead.js';

const RESULT_LABEL = { agree: 'agree', 'coder-only': 'coder only', 'auditor-only': 'auditor only' } as const;
const RESULT_BADGE = {
  agree: 'status-accepted',
  'coder-only': 'status-rejected',
  'auditor-only': 'status-added',
};

/**
 * The coder's codes against the auditor's: each code agrees or is one side's only, where each
 * side listed it, and whether the principal / first-listed codes agree. Below, the variances,
 * each with the kind the comparison suggests until the auditor classifies it, and a comment.
 */
export function QaComparison({
  view,
  canClassify,
  onChange,
}: {
  view: ItemView;
  canClassify: boolean;
  onChange: (v: ItemView) => void;
}) {
  const c = view.comparison!;
  const [draft, setDraft] = useState(() =>
    Object.fromEntries(
      c.variances.map((v) => [v.key, { kind: v.kind ?? v.suggestedKind, comment: v.comment }]),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = () => {
    setError(null);
    setSaved(null);
    qaApi
      .classify(
        view.item.id,
        c.variances.map((v) => ({ key: v.key, kind: draft[v.key]!.kind, comment: draft[v.key]!.comment })),
      )
      .then((next) => {
        onChange(next);
        setSaved('Classifications saved.');
      })
      .catch((err) => setError(errorMessage(err)));
  };

  return (
    <section className="panel" aria-labelledby="comparison-title">
      <h2 id="comparison-title">Comparison</h2>
      <p data-testid="qa-verdict">
        {c.noVariance ? 'No variance: the record is accurate.' : `${c.variances.length} variance(s).`}{' '}
        Principal / first-listed: coder {c.principal.coder ?? '—'}, auditor {c.principal.auditor ?? '—'} (
        {c.principal.agree ? 'agree' : 'differ'}).
      </p>
      <table className="grid compact" aria-label="Codes compared">
        <TableHead columns={['Code', 'Title', 'Result', '#Coder', '#Auditor']} />
        <tbody>
          {c.codes.map((x) => (
            <tr key={x.code} data-code={x.code} data-result={x.result}>
              <td className="mono">{x.code}</td>
              <td>{x.title}</td>
              <td>
                <span className={`badge ${RESULT_BADGE[x.result]}`}>{RESULT_LABEL[x.result]}</span>
              </td>
              <td className="num">{x.coderPosition ?? '—'}</td>
              <td className="num">{x.auditorPosition ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.variances.length > 0 && (
        <>
          <h3>Variances</h3>
          <table className="grid compact" aria-label="Variances">
            <TableHead columns={['Variance', 'Kind', 'Comment']} />
            <tbody>
              {c.variances.map((v) => {
                const d = draft[v.key]!;
                return (
                  <tr key={v.key} data-variance={v.key}>
                    <td>
                      {v.type === 'sequencing'
                        ? `first-listed ${v.codes.join(' vs ')}`
                        : `${v.type} ${v.codes[0]}`}
                      {v.counterpart ? ` (≈ ${v.counterpart})` : ''}
                      {v.classifiedBy ? <span className="muted"> · by {v.classifiedBy}</span> : ''}
                    </td>
                    <td>
                      <select
                        aria-label={`Kind of ${v.key}`}
                        value={d.kind}
                        disabled={!canClassify}
                        onChange={(e) =>
                          setDraft({ ...draft, [v.key]: { ...d, kind: e.target.value as VarianceKind } })
                        }
                      >
                        {VARIANCE_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {kindLabel(k)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        aria-label={`Comment on ${v.key}`}
                        value={d.comment}
                        maxLength={1000}
                        disabled={!canClassify}
                        onChange={(e) => setDraft({ ...draft, [v.key]: { ...d, comment: e.target.value } })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {canClassify && (
            <button type="button" onClick={save}>
              Save classifications
            </button>
          )}
          {saved && <p role="status">{saved}</p>}
          <ErrorAlert message={error} />
        </>
      )}
    </section>
  );
}

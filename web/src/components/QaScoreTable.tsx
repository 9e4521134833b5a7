import type { Agreement } from '../api/qa.js';
import { formatPercent } from '../lib/format.js';
import { TableHead } from './TableHead.js';

/** Agreement figures per coder or per code family; rows below the record-accuracy benchmark are flagged. */
export function QaScoreTable({
  title,
  keyLabel,
  rows,
  benchmark,
}: {
  title: string;
  keyLabel: string;
  rows: readonly Agreement[];
  benchmark: number;
}) {
  if (rows.length === 0) return null;
  return (
    <table className="grid" aria-label={title}>
      <caption>{title}</caption>
      <TableHead
        columns={[
          keyLabel,
          '#Records',
          '#No variance',
          '#Record accuracy',
          '#Precision',
          '#Recall',
          '#F1',
          '#Principal agrees',
        ]}
      />
      <tbody>
        {rows.map((a) => (
          <tr key={a.key} data-key={a.key}>
            <th scope="row">{a.key}</th>
            <td className="num">{a.records}</td>
            <td className="num">{a.recordsWithoutVariance}</td>
            <td className="num">
              {formatPercent(a.recordAccuracy)}{' '}
              {a.meetsBenchmark === false && (
                <span className="badge warn" title={`below the ${formatPercent(benchmark)} benchmark`}>
                  below {formatPercent(benchmark)}
                </span>
              )}
            </td>
            <td className="num">{formatPercent(a.precision)}</td>
            <td className="num">{formatPercent(a.recall)}</td>
            <td className="num">{formatPercent(a.f1)}</td>
            <td className="num">{formatPercent(a.principalAgreement)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

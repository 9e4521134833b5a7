import { barLength, countAxis, niceMax, ticks } from '../lib/chart.js';

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart in plain SVG. The figures are also in a visually hidden table, so a
 * screen reader gets the numbers rather than a picture.
 */
export function BarChart({
  title,
  bars,
  format,
  max,
  counts,
}: {
  title: string;
  bars: readonly Bar[];
  format: (value: number) => string;
  /** Fixed axis maximum (e.g. 1 for rates); by default a round number above the largest bar. */
  max?: number;
  /** The values are counts: whole-number ticks. */
  counts?: boolean;
}) {
  const labelWidth = 110;
  const valueWidth = 80;
  const width = 440;
  const span = width - labelWidth - valueWidth;
  const rowHeight = 24;
  const height = Math.max(1, bars.length) * rowHeight + 24;
  const values = bars.map((b) => b.value);
  const axis = counts ? countAxis(values) : { max: max ?? niceMax(values), ticks: 4 };
  const axisMax = axis.max;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">No data yet.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} width="100%">
          {ticks(axisMax, axis.ticks).map((t) => {
            const x = labelWidth + barLength(t, axisMax, span);
            return (
              <g key={t}>
                <line x1={x} x2={x} y1={0} y2={height - 18} className="gridline" />
                <text x={x} y={height - 4} className="tick" textAnchor="middle">
                  {format(t)}
                </text>
              </g>
            );
          })}
          {bars.map((b, i) => {
            const y = i * rowHeight + 4;
            const len = barLength(b.value, axisMax, span);
            return (
              <g key={b.label}>
                <text x={labelWidth - 6} y={y + 13} textAnchor="end" className="bar-label">
                  {b.label}
                </text>
                <rect x={labelWidth} y={y} width={len} height={rowHeight - 8} className="bar">
                  <title>{`${b.label}: ${format(b.value)}`}</title>
                </rect>
                <text x={labelWidth + len + 4} y={y + 13} className="bar-value">
                  {format(b.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{format(b.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

import { api } from '../api/client.js';
import { AGE_BUCKETS } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { BarChart } from '../components/BarChart.js';
import { formatCents, formatPercent, humanState } from '../lib/format.js';
import { useAsync } from '../lib/use-async.js';

const count = (n: number) => String(Math.round(n));
const dollars = (cents: number) => formatCents(Math.round(cents));

export function DashboardPage() {
  const { data, error, loading } = useAsync(() => api.dashboard(), []);
  if (!data)
    return error ? <ErrorAlert message={error} /> : <p className="loading">{loading ? 'Loading…' : ''}</p>;
  const ar = AGE_BUCKETS.map((bucket) => ({
    label: `${bucket} days`,
    value: data.arByAge.find((a) => a.bucket === bucket)?.totalCents ?? 0,
  }));
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      <div className="kpis">
        <div className="kpi">
          <span className="kpi-value" data-testid="acceptance-rate">
            {formatPercent(data.acceptanceRate)}
          </span>
          <span className="kpi-label">Engine acceptance rate</span>
        </div>
        {data.proposedCodes !== undefined && (
          <div className="kpi">
            <span className="kpi-value">{data.proposedCodes}</span>
            <span className="kpi-label">Codes proposed by the engine</span>
          </div>
        )}
      </div>
      <div className="charts">
        <BarChart
          title="Coder throughput (encounters coded, last 7 days)"
          bars={data.coderThroughput.map((c) => ({ label: c.username, value: c.coded7d }))}
          format={count}
          counts
        />
        <BarChart
          title="Engine acceptance rate"
          bars={data.acceptanceRate === null ? [] : [{ label: 'Accepted', value: data.acceptanceRate }]}
          format={(v) => formatPercent(v)}
          max={1}
        />
        <BarChart
          title="Claims by state"
          bars={Object.entries(data.claimsByState).map(([state, n]) => ({
            label: humanState(state),
            value: n,
          }))}
          format={count}
          counts
        />
        <BarChart
          title="Denial rate by reason (CARC)"
          bars={data.denialRateByReason.map((d) => ({ label: `CARC ${d.carc}`, value: d.rate }))}
          format={(v) => formatPercent(v, 1)}
        />
        <BarChart title="Accounts receivable by age" bars={ar} format={dollars} />
      </div>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { type FamilyLevel, qaApi, type ReportFilters, reportCsvHref } from '../api/qa.js';
import type { User } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { BarChart } from '../components/BarChart.js';
import { PersonSelect } from '../components/PersonSelect.js';
import { QaSampleForm } from '../components/QaSampleForm.js';
import { QaScoreTable } from '../components/QaScoreTable.js';
import { formatDateTime, formatPercent } from '../lib/format.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

const QA_ROLES = new Set(['admin', 'supervisor', 'auditor']);
const rate = (v: number) => formatPercent(v);

/**
 * Coding quality: the agreement report (record accuracy against the 95% benchmark and
 * code-level F1, per coder and per code family, with CSV downloads) and, for auditors,
 * supervisors and admins, drawing samples and the list of samples to re-code. A coder sees the
 * report of their own audited records only (the server scopes it).
 */
export function QaPage({ user }: { user: User }) {
  const auditing = QA_ROLES.has(user.role);
  const [draft, setDraft] = useState<{ from: string; to: string; coderId: string; level: FamilyLevel }>({
    from: '',
    to: '',
    coderId: '',
    level: 'category',
  });
  const [filters, setFilters] = useState<ReportFilters>({ level: 'category' });
  const report = useAsync(() => qaApi.report(filters), [filters]);
  const people = useAsync(() => (auditing ? qaApi.people() : Promise.resolve(null)), [auditing]);
  const samples = useAsync(() => (auditing ? qaApi.samples() : Promise.resolve(null)), [auditing]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({
      level: draft.level,
      ...(draft.from ? { from: draft.from } : {}),
      ...(draft.to ? { to: draft.to } : {}),
      ...(draft.coderId ? { coderId: Number(draft.coderId) } : {}),
    });
  };
  const r = report.data;

  return (
    <section aria-labelledby="qa-title">
      <h1 id="qa-title">Coding quality</h1>
      <form className="filters" onSubmit={apply} aria-label="Report filters">
        <label>
          Service from{' '}
          <input
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          to{' '}
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        {auditing && (
          <PersonSelect
            text="Coder"
            label="Report coder"
            people={people.data?.coders}
            value={draft.coderId}
            onChange={(coderId) => setDraft({ ...draft, coderId })}
            none="all"
          />
        )}
        <label>
          Families by
          <select
            aria-label="Families by"
            value={draft.level}
            onChange={(e) => setDraft({ ...draft, level: e.target.value as FamilyLevel })}
          >
            <option value="category">category (E11)</option>
            <option value="letter">chapter letter (E)</option>
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      <ErrorAlert message={report.error} />
      {report.loading && !r && <p className="loading">Loading the report…</p>}
      {r && (
        <>
          <div className="kpis">
            <div className="kpi">
              <span className="kpi-value" data-testid="qa-record-accuracy">
                {formatPercent(r.overall.recordAccuracy)}
              </span>
              <span className="kpi-label">
                Record accuracy (benchmark {formatPercent(r.benchmark)}): records with no variance
              </span>
            </div>
            <div className="kpi">
              <span className="kpi-value">{formatPercent(r.overall.f1)}</span>
              <span className="kpi-label">Code-level F1 against the auditors</span>
            </div>
            <div className="kpi">
              <span className="kpi-value" data-testid="qa-records">
                {r.overall.records}
              </span>
              <span className="kpi-label">Audited records</span>
            </div>
          </div>
          <div className="charts">
            <BarChart
              title="Record accuracy by coder"
              bars={r.byCoder.map((a) => ({ label: a.key, value: a.recordAccuracy ?? 0 }))}
              format={rate}
              max={1}
            />
            <BarChart
              title="Code-level F1 by coder"
              bars={r.byCoder.map((a) => ({ label: a.key, value: a.f1 ?? 0 }))}
              format={rate}
              max={1}
            />
            <BarChart
              title="Record accuracy by code family"
              bars={r.byFamily.map((a) => ({ label: a.key, value: a.recordAccuracy ?? 0 }))}
              format={rate}
              max={1}
            />
          </div>
          <p>
            Download CSV: <a href={reportCsvHref(filters, 'coder')}>by coder</a> ·{' '}
            <a href={reportCsvHref(filters, 'family')}>by code family</a> ·{' '}
            <a href={reportCsvHref(filters, 'record')}>by record</a>
          </p>
          <QaScoreTable title="By coder" keyLabel="Coder" rows={r.byCoder} benchmark={r.benchmark} />
          <QaScoreTable
            title="By code family"
            keyLabel={r.filters.level === 'category' ? 'Category' : 'Chapter letter'}
            rows={r.byFamily}
            benchmark={r.benchmark}
          />
        </>
      )}
      {auditing && (
        <>
          <h2>New audit sample</h2>
          <QaSampleForm
            people={people.data}
            canAssign={user.role !== 'auditor'}
            onCreated={(s) => {
              window.location.hash = href({ page: 'qa-sample', id: String(s.id) });
            }}
          />
          <h2>Samples</h2>
          <ErrorAlert message={samples.error} />
          {samples.data && samples.data.samples.length === 0 && <p className="muted">No samples yet.</p>}
          {samples.data && samples.data.samples.length > 0 && (
            <table className="grid">
              <thead>
                <tr>
                  <th scope="col">Sample</th>
                  <th scope="col">Drawn</th>
                  <th scope="col">Auditor</th>
                  <th scope="col">Dates of service</th>
                  <th scope="col" className="num">
                    Re-coded
                  </th>
                </tr>
              </thead>
              <tbody>
                {samples.data.samples.map((s) => (
                  <tr key={s.id} data-sample={s.id}>
                    <td>
                      <a href={href({ page: 'qa-sample', id: String(s.id) })}>Sample {s.id}</a>
                    </td>
                    <td>{formatDateTime(s.createdAt)}</td>
                    <td>{s.auditor.username}</td>
                    <td>
                      {s.criteria.from} – {s.criteria.to}
                    </td>
                    <td className="num">
                      {s.submitted} / {s.items}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

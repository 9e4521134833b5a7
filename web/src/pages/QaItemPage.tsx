import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type ItemView, qaApi } from '../api/qa.js';
import type { User } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { CodeSearch } from '../components/CodeSearch.js';
import { QaComparison } from '../components/QaComparison.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

/**
 * One sampled chart. Before the auditor submits: the note and the visit only, and the
 * auditor's own code list (first = principal / first-listed) — the server sends nothing of the
 * coder's work. Submitting is final; the page then shows the comparison and the variances to
 * classify.
 */
export function QaItemPage({ id, user }: { id: string; user: User }) {
  const { data, setData, error, loading } = useAsync(() => qaApi.item(id), [id]);
  if (!data)
    return error ? <ErrorAlert message={error} /> : <p className="loading">{loading ? 'Loading…' : ''}</p>;
  const mine = Number(user.id) === data.item.auditor.id;
  const e = data.encounter;
  return (
    <section className="encounter" aria-labelledby="qa-item-title">
      <p>
        <a href={href({ page: 'qa-sample', id: String(data.item.sampleId) })}>
          ← Sample {data.item.sampleId}
        </a>
      </p>
      <div className="encounter-head">
        <h1 id="qa-item-title">
          QA item {data.item.id}: encounter {data.item.encounterId}
        </h1>
        <span className="status-line">
          {e.dateOfService} · {e.setting} · {e.payer} · {e.patient.sex}, {e.patient.age} y · coded by{' '}
          {data.item.coder.username} ·{' '}
          <span className={`badge status-${data.item.status === 'pending' ? 'pending' : 'accepted'}`}>
            {data.item.status === 'pending' ? 'awaiting blind re-coding' : 're-coded'}
          </span>
        </span>
      </div>
      <div className="encounter-body">
        <div className="note-pane">
          <div className="note-text" data-testid="note">
            {data.note.text}
          </div>
        </div>
        <div className="codes-pane">
          {data.comparison ? (
            <QaComparison view={data} canClassify={mine} onChange={setData} />
          ) : mine ? (
            <BlindRecode view={data} onSubmitted={setData} />
          ) : (
            <p className="muted">Awaiting the blind re-coding by {data.item.auditor.username}.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function BlindRecode({ view, onSubmitted }: { view: ItemView; onSubmitted: (v: ItemView) => void }) {
  const [codes, setCodes] = useState<Array<{ code: string; title: string }>>([]);
  const [typed, setTyped] = useState('');
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = (code: string, title = '') => {
    const c = code.trim().toUpperCase();
    if (!c) return;
    if (codes.some((x) => x.code.replace('.', '') === c.replace('.', '')))
      return setError(`${c} is on the list already`);
    setError(null);
    setCodes((list) => [...list, { code: c, title }]);
  };
  const addTyped = (e: FormEvent) => {
    e.preventDefault();
    add(typed);
    setTyped('');
  };
  const move = (i: number, by: -1 | 1) =>
    setCodes((list) => {
      const next = [...list];
      const [row] = next.splice(i, 1);
      next.splice(i + by, 0, row!);
      return next;
    });
  const submit = () => {
    setBusy(true);
    setError(null);
    qaApi
      .recode(
        view.item.id,
        codes.map((c) => c.code),
      )
      .then(onSubmitted)
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel" aria-labelledby="recode-title">
      <h2 id="recode-title">Your codes</h2>
      <p className="muted">
        Code the note as you would: the first code is the principal / first-listed diagnosis. The coder's
        codes appear once you submit; a submission is final.
      </p>
      <form className="code-search-row" onSubmit={addTyped}>
        <label>
          Code{' '}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} size={9} placeholder="E11.65" />
        </label>
        <button type="submit">Add</button>
        <button type="button" onClick={() => setSearching(true)}>
          Search…
        </button>
      </form>
      {searching && (
        <CodeSearch
          label="Find a code"
          onPick={(r) => {
            add(r.code, r.title);
            setSearching(false);
          }}
          onClose={() => setSearching(false)}
        />
      )}
      {codes.length === 0 ? (
        <p className="muted">No codes yet.</p>
      ) : (
        <ol className="code-list" aria-label="Your codes">
          {codes.map((c, i) => (
            <li key={c.code} className="code-row" data-code={c.code}>
              <span className="code-head">
                <span className="code">{c.code}</span> <span className="title">{c.title}</span>
                {i === 0 && <span className="badge">principal</span>}
              </span>
              <span className="code-actions">
                <button
                  type="button"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${c.code} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={i === codes.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${c.code} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => setCodes((l) => l.filter((x) => x.code !== c.code))}
                  aria-label={`Remove ${c.code}`}
                >
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <ErrorAlert message={error} />
      <button type="button" disabled={busy || codes.length === 0} onClick={submit}>
        Submit codes (final)
      </button>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type NewQuery, type Provider, queriesApi } from '../api/queries.js';
import type { EnginePhysicianQuery, StoredQuery } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import './queries.css';

/**
 * Physician queries on the encounter, as the coder works them. The coder who has the encounter
 * asks a provider account: one of the engine's queries (the provider answers from its choices)
 * or a question of their own quoting the note. The provider answers on their own page; here the
 * coder sees each query's state, who asked and answered when, and the answer, withdraws an open
 * query or closes an answered one once the codes reflect it. Others see the queries, no buttons.
 */
export function QueriesPanel({
  stored,
  proposed,
  canAsk,
  busy,
  onAsk,
  onWithdraw,
  onClose,
}: {
  stored: StoredQuery[];
  proposed: EnginePhysicianQuery[];
  /** The user may ask (the permission) and has the encounter. */
  canAsk: boolean;
  busy: boolean;
  onAsk: (q: NewQuery) => void;
  onWithdraw: (q: StoredQuery) => void;
  onClose: (q: StoredQuery) => void;
}) {
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [providerId, setProviderId] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (!canAsk) return;
    queriesApi
      .providers()
      .then((r) => {
        setProviders(r.providers);
        if (r.providers.length === 1) setProviderId(String(r.providers[0]!.id));
      })
      .catch((err) => setLoadError(errorMessage(err)));
  }, [canAsk]);

  // The engine's queries not already asked (a withdrawn one may be asked again).
  const asked = new Set(
    stored.filter((q) => q.status !== 'withdrawn').map((q) => `${q.element}|${q.question}`),
  );
  const fresh = proposed
    .map((q, index) => ({ q, index }))
    .filter(({ q }) => !asked.has(`${q.element}|${q.question}`));
  const provider = Number(providerId);

  return (
    <section aria-labelledby="queries-title" className="panel">
      <h2 id="queries-title">Physician queries</h2>
      {stored.length === 0 && fresh.length === 0 && !canAsk && <p className="muted">No queries.</p>}
      {canAsk && (
        <p>
          {loadError && <span className="error">{loadError}</span>}
          {providers?.length === 0 ? (
            <span className="muted">
              No provider accounts yet: an admin creates one with the provider role.
            </span>
          ) : (
            <label>
              Ask provider{' '}
              <select value={providerId} onChange={(e) => setProviderId(e.target.value)}>
                <option value="">Choose…</option>
                {providers?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.username}
                  </option>
                ))}
              </select>
            </label>
          )}
        </p>
      )}
      <ul className="queries">
        {stored.map((q) => (
          <li key={q.id} data-query={q.id}>
            <QueryText element={q.element} question={q.question} codes={q.affectedCodes} />
            <span className={`badge query-${q.status}`}>{q.status}</span>{' '}
            <span className="muted">
              {q.kind === 'free-text' ? 'Free text' : 'Template'} to {q.provider ?? 'no provider'}, asked by{' '}
              {q.askedBy ?? '—'} {formatDateTime(q.askedAt)}
            </span>
            {q.options.length > 0 && q.status === 'open' && (
              <p className="muted">Choices: {q.options.join(' · ')}</p>
            )}
            {q.answer !== null && (
              <p className="query-answer">
                <strong>Answer</strong> ({q.answeredBy ?? 'provider'}, {formatDateTime(q.answeredAt)}):{' '}
                {q.answerOption && q.answerOption !== q.answer ? `${q.answerOption}: ` : ''}
                {q.answer}
              </p>
            )}
            {q.closedAt && (
              <p className="muted">
                {q.status === 'withdrawn' ? 'Withdrawn' : 'Closed'} by {q.closedBy ?? '—'}{' '}
                {formatDateTime(q.closedAt)}
              </p>
            )}
            {canAsk && q.status === 'open' && (
              <button type="button" disabled={busy} onClick={() => onWithdraw(q)}>
                Withdraw query {q.id}
              </button>
            )}
            {canAsk && q.status === 'answered' && (
              <button type="button" disabled={busy} onClick={() => onClose(q)}>
                Close query {q.id}
              </button>
            )}
          </li>
        ))}
        {fresh.map(({ q, index }) => (
          <li key={`${q.element}|${q.question}`}>
            <QueryText element={q.element} question={q.question} codes={q.affectedCodes} />
            <span className="badge">proposed by engine</span>
            {canAsk && (
              <button
                type="button"
                disabled={busy || !provider}
                onClick={() => onAsk({ kind: 'template', providerId: provider, index, element: q.element })}
              >
                Send to provider
              </button>
            )}
          </li>
        ))}
      </ul>
      {canAsk && (
        <FreeTextQuery busy={busy || !provider} onAsk={(q) => onAsk({ ...q, providerId: provider })} />
      )}
    </section>
  );
}

function QueryText({ element, question, codes }: { element: string; question: string; codes: string[] }) {
  return (
    <p>
      <strong>{element}:</strong> {question}
      {codes.length > 0 && <span className="muted"> (affects {codes.join(', ')})</span>}
    </p>
  );
}

/** A question of the coder's own: non-leading, in their words, quoting the note for the provider. */
function FreeTextQuery({
  busy,
  onAsk,
}: {
  busy: boolean;
  onAsk: (q: { kind: 'free-text'; topic?: string; question: string; excerpts?: string[] }) => void;
}) {
  const [topic, setTopic] = useState('');
  const [question, setQuestion] = useState('');
  const [excerpt, setExcerpt] = useState('');
  return (
    <details className="free-text-query">
      <summary>Write a query</summary>
      <form
        className="answer"
        aria-label="Write a query"
        onSubmit={(e) => {
          e.preventDefault();
          if (!question.trim()) return;
          onAsk({
            kind: 'free-text',
            question: question.trim(),
            ...(topic.trim() ? { topic: topic.trim() } : {}),
            ...(excerpt.trim() ? { excerpts: [excerpt.trim()] } : {}),
          });
          setTopic('');
          setQuestion('');
          setExcerpt('');
        }}
      >
        <label>
          About (optional)
          <input value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={200} />
        </label>
        <label>
          Question
          <textarea value={question} onChange={(e) => setQuestion(e.target.value)} rows={3} required />
        </label>
        <label>
          Quote from the note (exact text, optional)
          <textarea value={excerpt} onChange={(e) => setExcerpt(e.target.value)} rows={2} />
        </label>
        <button type="submit" disabled={busy || !question.trim()}>
          Send query
        </button>
      </form>
    </details>
  );
}

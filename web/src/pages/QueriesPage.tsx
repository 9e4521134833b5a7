import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type InboxQuery, type QueryAnswer, queriesApi } from '../api/queries.js';
import { ErrorAlert } from '../components/Alert.js';
import { QueryAnswerForm } from '../components/QueryAnswerForm.js';
import { QueryExcerpts } from '../components/QueryExcerpts.js';
import '../components/queries.css';
import { formatDateTime } from '../lib/format.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

/**
 * The provider's page: the physician queries addressed to them, open ones first, each with the
 * passages of the note it points to, answered here. With `id`, one query (a link a coder or a
 * notification may give); the server refuses a query addressed to someone else, and the page
 * says so.
 */
export function QueriesPage({ id }: { id?: string }) {
  const [showAll, setShowAll] = useState(false);
  const { data, error, loading, reload } = useAsync(
    () =>
      id
        ? queriesApi.one(id).then((q) => [q])
        : queriesApi.inbox(showAll ? undefined : 'open').then((r) => r.queries),
    [id, showAll],
  );
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const answer = async (q: InboxQuery, a: QueryAnswer) => {
    setBusy(true);
    setFailure(null);
    setStatus(null);
    try {
      await queriesApi.answer(q.id, a);
      setStatus(`Answer to query ${q.id} sent`);
      reload();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="queries-page-title">
      <h1 id="queries-page-title">{id ? `Query ${id}` : 'My queries'}</h1>
      {id ? (
        <p>
          <a href={href({ page: 'queries' })}>← All my queries</a>
        </p>
      ) : (
        <label className="queries-filter">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show
          answered and closed queries too
        </label>
      )}
      <div className="status-line" role="status">
        {status}
      </div>
      <ErrorAlert message={error ?? failure} />
      {loading && !data && <p className="loading">Loading queries…</p>}
      {data && data.length === 0 && <p className="muted">No open queries. Thank you.</p>}
      {data?.map((q) => (
        <article
          key={q.id}
          className="panel provider-query"
          aria-labelledby={`query-${q.id}-title`}
          data-query={q.id}
        >
          <h2 id={`query-${q.id}-title`}>
            {q.encounter.patient.displayName}{' '}
            <span className="muted">
              {q.encounter.patient.age} {q.encounter.patient.sex} · {q.encounter.dateOfService} ·{' '}
              {q.encounter.setting}
            </span>{' '}
            <span className={`badge query-${q.status}`}>{q.status}</span>
          </h2>
          <p className="muted">
            Query {q.id} about the {q.element}, asked by {q.askedBy ?? 'a coder'} on{' '}
            {formatDateTime(q.askedAt)}
          </p>
          <p className="question">{q.question}</p>
          <QueryExcerpts excerpts={q.excerpts} />
          {q.status === 'open' ? (
            <QueryAnswerForm
              queryId={q.id}
              options={q.options}
              busy={busy}
              onAnswer={(a) => void answer(q, a)}
            />
          ) : (
            q.answer !== null && (
              <p>
                <strong>Your answer</strong> ({formatDateTime(q.answeredAt)}):{' '}
                {q.answerOption && q.answerOption !== q.answer ? `${q.answerOption}: ` : ''}
                {q.answer}
              </p>
            )
          )}
        </article>
      ))}
    </section>
  );
}

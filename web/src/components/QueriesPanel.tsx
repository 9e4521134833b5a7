import { useState } from 'react';
import type { EnginePhysicianQuery, StoredQuery } from '../api/types.js';

/**
 * Physician queries: the engine's proposed questions can be drafted, drafts sent, and sent
 * questions answered (the answer closes back into the encounter on the server).
 */
export function QueriesPanel({
  stored,
  proposed,
  busy,
  onDraft,
  onSend,
  onAnswer,
}: {
  stored: StoredQuery[];
  proposed: EnginePhysicianQuery[];
  busy: boolean;
  onDraft: (q: EnginePhysicianQuery) => void;
  onSend: (q: StoredQuery) => void;
  onAnswer: (q: StoredQuery, answer: string) => void;
}) {
  const storedKeys = new Set(stored.map((q) => `${q.element}|${q.question}`));
  const fresh = proposed.filter((q) => !storedKeys.has(`${q.element}|${q.question}`));
  if (stored.length === 0 && fresh.length === 0) {
    return (
      <section aria-labelledby="queries-title" className="panel">
        <h2 id="queries-title">Physician queries</h2>
        <p className="muted">No queries.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="queries-title" className="panel">
      <h2 id="queries-title">Physician queries</h2>
      <ul className="queries">
        {stored.map((q) => (
          <li key={q.id}>
            <QueryText element={q.element} question={q.question} codes={q.affectedCodes} />
            <span className={`badge query-${q.status}`}>{q.status}</span>
            {q.status === 'draft' && (
              <button type="button" disabled={busy} onClick={() => onSend(q)}>
                Send query
              </button>
            )}
            {q.status === 'sent' && <AnswerForm query={q} busy={busy} onAnswer={onAnswer} />}
            {q.status === 'answered' && (
              <p>
                <strong>Answer:</strong> {q.answer}
              </p>
            )}
          </li>
        ))}
        {fresh.map((q) => (
          <li key={`${q.element}|${q.question}`}>
            <QueryText element={q.element} question={q.question} codes={q.affectedCodes} />
            <span className="badge">proposed by engine</span>
            <button type="button" disabled={busy} onClick={() => onDraft(q)}>
              Draft query
            </button>
          </li>
        ))}
      </ul>
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

function AnswerForm({
  query,
  busy,
  onAnswer,
}: {
  query: StoredQuery;
  busy: boolean;
  onAnswer: (q: StoredQuery, answer: string) => void;
}) {
  const [answer, setAnswer] = useState('');
  return (
    <form
      className="answer"
      onSubmit={(e) => {
        e.preventDefault();
        if (answer.trim()) onAnswer(query, answer.trim());
      }}
    >
      <label>
        Provider's answer
        <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} rows={2} required />
      </label>
      <button type="submit" disabled={busy || !answer.trim()}>
        Record answer
      </button>
    </form>
  );
}

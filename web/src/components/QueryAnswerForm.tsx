import { useId, useState } from 'react';
import type { QueryAnswer } from '../api/queries.js';

/** The choice that asks the provider to say what, in the text (query-templates.ts's OTHER). */
const OTHER = 'Other (please specify)';

/**
 * The provider's answer: one of a template query's choices (a radio group: "other" needs the
 * text), or words for a free-text query. The choices come in the order the query lists them.
 */
export function QueryAnswerForm({
  queryId,
  options,
  busy,
  onAnswer,
}: {
  queryId: number | string;
  options: string[];
  busy: boolean;
  onAnswer: (answer: QueryAnswer) => void;
}) {
  const [option, setOption] = useState<string | null>(null);
  const [text, setText] = useState('');
  const name = useId();
  const needsText = options.length === 0 || option === OTHER;
  const ready = (options.length === 0 || option !== null) && (!needsText || text.trim() !== '');
  return (
    <form
      className="answer"
      aria-label={`Answer query ${queryId}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        onAnswer({ ...(option ? { option } : {}), ...(text.trim() ? { text: text.trim() } : {}) });
      }}
    >
      {options.length > 0 && (
        <fieldset>
          <legend>Your answer</legend>
          {options.map((o) => (
            <label key={o} className="choice">
              <input
                type="radio"
                name={name}
                value={o}
                checked={option === o}
                onChange={() => setOption(o)}
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {options.length === 0 ? 'Your answer' : needsText ? 'Say what (required)' : 'Comment (optional)'}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} required={needsText} />
      </label>
      <button type="submit" disabled={busy || !ready}>
        Send answer
      </button>
    </form>
  );
}

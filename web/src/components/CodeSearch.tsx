import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { SearchResult } from '../api/types.js';
import { tabularTarget } from '../lib/code-target.js';
import { href } from '../lib/route.js';

/** Where a result matched, in the coder's words, when it was not the title itself. */
function matchedVia(r: SearchResult): string | null {
  if (r.path) return `Index: ${r.path}`;
  if (!r.matched || r.matched === r.title || r.matched === r.code) return null;
  if (r.source === 'index' || r.matched.includes('›')) return `Index: ${r.matched}`;
  if (r.source === 'inclusionTerm') return `Inclusion term: ${r.matched}`;
  return `Matched: ${r.matched}`;
}

/**
 * Search-as-you-type over the terminology service, as an ARIA combobox. Enter adds only the
 * result shown highlighted, and nothing is highlighted until the coder moves to a result (arrow
 * keys or the mouse) — not even a result whose code is the typed text, so the one rule holds
 * without exceptions. Enter with nothing highlighted adds nothing and says so: typing "Z90.49"
 * once put the top hit, Q97.1 ("49,XXXXX"), on a chart. Only the newest request's answer is
 * shown, and new results or new text clear the highlight, so a highlight always belongs to the
 * results on screen for the text typed.
 */
export function CodeSearch({
  label,
  onPick,
  onClose,
}: {
  label: string;
  onPick: (result: SearchResult) => void;
  onClose: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(0);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [active, setActive] = useState(-1);
  const [hint, setHint] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const q = query.trim();
    const ticket = ++latest.current;
    if (q.length < 2) {
      setResults([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    const timer = setTimeout(() => {
      api
        .search(q, 12)
        .then((r) => {
          if (ticket !== latest.current) return;
          setResults(r.results);
          setActive(-1);
          setError(null);
        })
        .catch((err) => ticket === latest.current && setError(errorMessage(err)))
        .finally(() => ticket === latest.current && setSearching(false));
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);

  const move = (to: number) => {
    setHint(null);
    setActive(to);
    document.getElementById(`${id}-opt-${to}`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (results.length > 0) move(Math.min(results.length - 1, active + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length > 0) move(active <= 0 ? results.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = active >= 0 ? results[active] : undefined;
      if (pick) onPick(pick);
      else
        setHint(
          searching
            ? 'Still searching: nothing was added.'
            : 'Nothing is highlighted, so nothing was added: choose a result with ↓ ↑ or the mouse, then press Enter.',
        );
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  const listId = `${id}-results`;
  const rulesId = `${id}-rules`;
  const highlighted = active >= 0 ? results[active] : undefined;
  const highlightedTarget = highlighted ? tabularTarget(highlighted.code) : null;
  return (
    <div className="code-search">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="code-search-row">
        <input
          id={`${id}-input`}
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-describedby={rulesId}
          aria-activedescendant={highlighted ? `${id}-opt-${active}` : undefined}
          placeholder="Code or words, e.g. E11.22 or diabetes kidney"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            // What was highlighted belonged to the old text.
            setActive(-1);
            setHint(null);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <p id={rulesId} className="muted search-rules">
        Enter adds only the highlighted result, and nothing is highlighted until you choose one with{' '}
        <kbd>↓</kbd> <kbd>↑</kbd> or the mouse. A click adds the result clicked.
      </p>
      <p className="muted search-status" aria-live="polite" data-testid="search-status">
        {searching
          ? 'Searching…'
          : query.trim().length >= 2
            ? `${results.length} results${highlighted ? `; highlighted ${highlighted.code}` : '; none highlighted'}`
            : 'Type at least 2 characters'}
      </p>
      {hint && (
        <p className="warning" role="status" data-testid="search-hint">
          {hint}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div id={listId} role="listbox" aria-label="Matching codes" className="search-results">
        {results.map((r, i) => {
          const via = matchedVia(r);
          return (
            <div
              key={r.code}
              id={`${id}-opt-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              aria-disabled={!r.billable}
              data-code={r.code}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(r);
              }}
              // Movement, not mere presence: results appearing under a resting pointer must not highlight.
              onMouseMove={() => i !== active && move(i)}
            >
              <div>
                <strong>{r.code}</strong> {r.title}{' '}
                {r.billable ? (
                  <span className="badge billable">billable</span>
                ) : (
                  <span className="badge warn">header — not billable</span>
                )}
              </div>
              {via && <div className="matched-via">{via}</div>}
            </div>
          );
        })}
      </div>
      {highlighted && highlightedTarget && (
        <p className="muted search-selected">
          Enter adds <strong>{highlighted.code}</strong>.{' '}
          <a href={href({ page: 'tabular', target: highlightedTarget })} target="_blank" rel="noopener">
            See {highlighted.code} in the Tabular List
          </a>
        </p>
      )}
    </div>
  );
}

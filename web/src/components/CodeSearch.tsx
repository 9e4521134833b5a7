import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { SearchResult } from '../api/types.js';

/**
 * Search-as-you-type over the terminology service, as an ARIA combobox: arrows move, Enter
 * picks, Escape closes. Only the newest request's answer is shown, so fast typing never shows
 * results for an older query.
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
  const [active, setActive] = useState(0);
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
          setActive(0);
          setError(null);
        })
        .catch((err) => ticket === latest.current && setError(errorMessage(err)))
        .finally(() => ticket === latest.current && setSearching(false));
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = results[active];
      if (pick) onPick(pick);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  const listId = `${id}-results`;
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
          aria-activedescendant={results[active] ? `${id}-opt-${active}` : undefined}
          placeholder="Code or words, e.g. E11.22 or diabetes kidney"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <p className="muted search-status" aria-live="polite">
        {searching
          ? 'Searching…'
          : query.trim().length >= 2
            ? `${results.length} results`
            : 'Type at least 2 characters'}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div id={listId} role="listbox" aria-label="Matching codes" className="search-results">
        {results.map((r, i) => (
          <div
            key={r.code}
            id={`${id}-opt-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            aria-disabled={!r.billable}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(r);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <strong>{r.code}</strong> {r.title}
            {!r.billable && <span className="badge warn"> header — not billable</span>}
          </div>
        ))}
      </div>
    </div>
  );
}

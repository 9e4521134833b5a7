import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, type EncounterFilters } from '../api/client.js';
import { ENCOUNTER_STATES } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { StateSelect } from '../components/StateSelect.js';
import '../components/queries.css';
import { humanState } from '../lib/format.js';
import { href } from '../lib/route.js';
import { isEditingTarget, shortcutFor } from '../lib/shortcuts.js';
import { useAsync } from '../lib/use-async.js';

const PAGE = 50;

/** The columns, and the server's sort (encounters.ts LIST_SORTS) each header orders by. */
const COLUMNS: Array<{ label: string; sort?: string }> = [
  { label: 'Patient', sort: 'patient' },
  { label: 'Date of service', sort: 'dateOfService' },
  { label: 'Setting' },
  { label: 'Payer', sort: 'payer' },
  { label: 'State', sort: 'state' },
  { label: 'Assignee', sort: 'assignee' },
  { label: 'Age (days)', sort: 'age' },
  { label: 'Codes' },
  { label: 'Queries' },
];

/**
 * The coder's queue: filter by state, assignee, payer (part of the name, any case), age (days
 * since the date of service) and physician queries; counts per state at a glance; a click on a
 * column header sorts by it, a second click reverses.
 */
export function WorklistPage() {
  const [filters, setFilters] = useState<EncounterFilters>({ limit: PAGE, offset: 0 });
  const [draft, setDraft] = useState({ state: '', assignee: '', payer: '', minAgeDays: '', query: '' });
  const { data, error, loading } = useAsync(() => api.encounters(filters), [JSON.stringify(filters)]);
  const payerInput = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableElement>(null);

  // j/k move between encounters (Enter opens the focused one), "/" jumps to the payer filter.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, isEditingTarget(e.target as HTMLElement | null));
      if (action === 'search') {
        payerInput.current?.focus();
      } else if (action === 'next' || action === 'previous') {
        const links = [...(table.current?.querySelectorAll<HTMLAnchorElement>('tbody a') ?? [])];
        const at = links.indexOf(document.activeElement as HTMLAnchorElement);
        const to = at < 0 ? 0 : Math.max(0, Math.min(links.length - 1, at + (action === 'next' ? 1 : -1)));
        links[to]?.focus();
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    const age = draft.minAgeDays.trim() === '' ? undefined : Number(draft.minAgeDays);
    setFilters({
      state: draft.state || undefined,
      assignee: draft.assignee || undefined,
      payer: draft.payer.trim() || undefined,
      minAgeDays: age !== undefined && Number.isFinite(age) && age >= 0 ? Math.floor(age) : undefined,
      query: draft.query === 'open' || draft.query === 'answered' ? draft.query : undefined,
      sort: filters.sort,
      desc: filters.desc,
      limit: PAGE,
      offset: 0,
    });
  };

  const sortBy = (sort: string) =>
    setFilters((f) => ({ ...f, sort, desc: f.sort === sort ? !f.desc : false, offset: 0 }));

  const pickState = (state: string) => {
    setDraft((d) => ({ ...d, state }));
    setFilters((f) => ({ ...f, state: state || undefined, offset: 0 }));
  };

  const total = data?.total ?? 0;
  const offset = filters.offset ?? 0;
  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title">Worklist</h1>
      <ul className="state-counts" aria-label="Encounters by state">
        <li>
          <button type="button" aria-pressed={!filters.state} onClick={() => pickState('')}>
            All
          </button>
        </li>
        {ENCOUNTER_STATES.map((s) => (
          <li key={s}>
            <button
              type="button"
              aria-pressed={filters.state === s}
              onClick={() => pickState(s)}
              data-state={s}
            >
              {humanState(s)} <span className="count">{data?.counts[s] ?? 0}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="filters" onSubmit={apply} aria-label="Filters">
        <StateSelect
          states={ENCOUNTER_STATES}
          value={draft.state}
          onChange={(state) => setDraft({ ...draft, state })}
        />
        <label>
          Assignee
          <select value={draft.assignee} onChange={(e) => setDraft({ ...draft, assignee: e.target.value })}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Unassigned</option>
          </select>
        </label>
        <label>
          Payer
          <input
            type="search"
            id="worklist-search"
            placeholder="part of the name"
            ref={payerInput}
            value={draft.payer}
            onChange={(e) => setDraft({ ...draft, payer: e.target.value })}
          />
        </label>
        <label>
          Days since service, at least
          <input
            type="number"
            min={0}
            inputMode="numeric"
            value={draft.minAgeDays}
            onChange={(e) => setDraft({ ...draft, minAgeDays: e.target.value })}
          />
        </label>
        <label>
          Physician queries
          <select value={draft.query} onChange={(e) => setDraft({ ...draft, query: e.target.value })}>
            <option value="">Any</option>
            <option value="open">Waiting on a provider</option>
            <option value="answered">Answered, to take in</option>
          </select>
        </label>
        <button type="submit">Apply filters</button>
      </form>
      <ErrorAlert message={error} />
      <p className="summary" aria-live="polite">
        {loading ? 'Loading…' : `${total} encounter${total === 1 ? '' : 's'}`}
      </p>
      <p className="muted">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move between encounters, <kbd>Enter</kbd> opens, <kbd>/</kbd> filters
        by payer.
      </p>
      <table className="grid" ref={table}>
        <caption className="visually-hidden">Encounters</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const sorted = c.sort !== undefined && filters.sort === c.sort;
              return (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={sorted ? (filters.desc ? 'descending' : 'ascending') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort" onClick={() => sortBy(c.sort!)}>
                      {c.label}
                      {sorted ? (filters.desc ? ' ▼' : ' ▲') : ''}
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {data?.items.map((e) => (
            <tr key={e.id}>
              <td>
                <a href={href({ page: 'encounter', id: String(e.id) })}>{e.patient.displayName}</a>{' '}
                <span className="muted">
                  {e.patient.age} {e.patient.sex}
                </span>
              </td>
              <td>{e.dateOfService}</td>
              <td>{e.setting}</td>
              <td>{e.payer}</td>
              <td>
                <span className={`badge state-${e.state}`}>{humanState(e.state)}</span>
              </td>
              <td>{e.assignee?.username ?? <span className="muted">unassigned</span>}</td>
              <td>{e.ageDays}</td>
              <td>{e.codeCount}</td>
              <td>
                {(e.queries?.open ?? 0) > 0 && (
                  <span className="badge query-open">waiting on provider ({e.queries!.open})</span>
                )}{' '}
                {(e.queries?.answered ?? 0) > 0 && (
                  <span className="badge query-answered">answered ({e.queries!.answered})</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > PAGE && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => setFilters((f) => ({ ...f, offset: Math.max(0, offset - PAGE) }))}
          >
            Previous page
          </button>
          <span>
            {offset + 1}–{Math.min(total, offset + PAGE)} of {total}
          </span>
          <button
            type="button"
            disabled={offset + PAGE >= total}
            onClick={() => setFilters((f) => ({ ...f, offset: offset + PAGE }))}
          >
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}

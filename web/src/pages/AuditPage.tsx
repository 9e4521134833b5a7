import { type FormEvent, useState } from 'react';
import { AUDIT_ENTITY_TYPES, type AuditFilters, auditLog } from '../api/audit.js';
import { ErrorAlert } from '../components/Alert.js';
import { TableHead } from '../components/TableHead.js';
import { useAsync } from '../lib/use-async.js';

const PAGE = 50;

/** The form's fields as typed; applied only on submit (every read of the log is itself logged). */
interface Draft {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

const EMPTY: Draft = { actor: '', action: '', entityType: '', entityId: '', from: '', to: '' };

function filtersOf(d: Draft): AuditFilters {
  const entity = d.entityType
    ? d.entityId.trim()
      ? `${d.entityType}:${d.entityId.trim()}`
      : d.entityType
    : '';
  return {
    ...(d.actor.trim() ? { actor: d.actor.trim() } : {}),
    ...(d.action.trim() ? { action: d.action.trim() } : {}),
    ...(entity ? { entity } : {}),
    ...(d.from ? { from: d.from } : {}),
    ...(d.to ? { to: d.to } : {}),
  };
}

/** Detail as one short line: the keys and values the entry recorded. */
function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const text = JSON.stringify(detail);
  return text === '{}' ? '' : text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * The audit log (admins and auditors): who did what to which record and when, newest first,
 * filtered by actor, action, entity and day, a page at a time. Older pages follow the id cursor
 * the server returns; the page keeps the cursors it passed so "Newer" goes back.
 */
export function AuditPage() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<AuditFilters>({});
  // Cursors of the pages before this one (the first page has none).
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors[cursors.length - 1];
  const { data, error, loading } = useAsync(
    () => auditLog({ ...applied, ...(before ? { before } : {}), limit: PAGE }),
    [applied, before],
  );

  const set = (field: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(filtersOf(draft));
    setCursors([]);
  };
  const clear = () => {
    setDraft(EMPTY);
    setApplied({});
    setCursors([]);
  };

  return (
    <section aria-labelledby="audit-title">
      <div className="panel-head">
        <h1 id="audit-title">Audit log</h1>
        {data && (
          <span className="muted" data-testid="audit-summary">
            {data.entries.length === 1 ? '1 entry' : `${data.entries.length} entries`}
            {cursors.length > 0 ? ` (page ${cursors.length + 1})` : ''}
          </span>
        )}
      </div>
      <form className="filters" onSubmit={apply} aria-label="Audit log filters">
        <label>
          Actor <input value={draft.actor} onChange={set('actor')} placeholder="username" />
        </label>
        <label>
          Action <input value={draft.action} onChange={set('action')} placeholder="e.g. save, refused" />
        </label>
        <label>
          Entity {/* Named by aria-label too: a wrapping label's text would include every option. */}
          <select aria-label="Entity" value={draft.entityType} onChange={set('entityType')}>
            <option value="">any</option>
            {AUDIT_ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Entity id <input value={draft.entityId} onChange={set('entityId')} disabled={!draft.entityType} />
        </label>
        <label>
          From <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          to <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <button type="submit">Apply</button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </form>
      <ErrorAlert message={error} />
      {loading && !data && <p className="loading">Loading the audit log…</p>}
      {data && data.entries.length === 0 && <p className="muted">No entries match.</p>}
      {data && data.entries.length > 0 && (
        <table className="grid audit">
          <TableHead columns={['Time (UTC)', 'Actor', 'IP', 'Action', 'Entity', 'Detail']} />
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.id} data-entry={e.id} data-action={e.action}>
                <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{e.username ?? <span className="muted">anonymous</span>}</td>
                <td>{e.ip}</td>
                <td>{e.action}</td>
                <td>
                  {e.entityType}
                  {e.entityId !== null ? ` ${e.entityId}` : ''}
                </td>
                <td className="muted">{detailText(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          disabled={!data?.nextBefore}
          onClick={() => data?.nextBefore && setCursors((c) => [...c, data.nextBefore as number])}
        >
          Older
        </button>
      </div>
    </section>
  );
}

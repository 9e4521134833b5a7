import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { procedureApi, type SavedProcedureLine } from '../api/procedures.js';
import { queriesApi } from '../api/queries.js';
import type { ClaimLineInput, EncounterView, ScrubResult, SearchResult, User } from '../api/types.js';
import { ClaimBuilder } from '../components/ClaimBuilder.js';
import { CodeList } from '../components/CodeList.js';
import { CodeSearch } from '../components/CodeSearch.js';
import { FindingsPanel } from '../components/FindingsPanel.js';
import { HistoryPanel } from '../components/HistoryPanel.js';
import { ClaimLink } from '../components/Links.js';
import { NoteView } from '../components/NoteView.js';
import { ProceduresPanel } from '../components/ProceduresPanel.js';
import { QueriesPanel } from '../components/QueriesPanel.js';
import { ReassignSelect } from '../components/ReassignSelect.js';
import { ShortcutHelp } from '../components/ShortcutHelp.js';
import { humanState } from '../lib/format.js';
import { pickNextChart } from '../lib/next-chart.js';
import { can } from '../lib/permissions.js';
import {
  claimDrafts,
  mergeProcedures,
  type ProcedureRow,
  toSaveProcedures,
} from '../lib/procedure-review.js';
import {
  acceptRow,
  addRow,
  mergeReview,
  moveRow,
  nextToReview,
  type ReviewRow,
  rejectRow,
  replaceRow,
  reportedCodes,
  toSave,
} from '../lib/review.js';
import { href } from '../lib/route.js';
import { isEditingTarget, shortcutFor } from '../lib/shortcuts.js';

type SearchMode = { mode: 'replace'; key: string; code: string } | { mode: 'add' } | null;

/** States from which the coder signs the codes off (a denied encounter becomes corrected when its codes change). */
const FINISHABLE = new Set(['suggested', 'in_review', 'corrected']);

/** States in which the coder may still change codes. */
const EDITABLE = new Set(['new', 'suggested', 'in_review', 'coded', 'denied', 'corrected']);

/**
 * The coding view: the note with evidence on the left, the codes and the claim work on the right.
 * Each action shows only when the user's role may take it (the server's permission table, sent
 * with the session): an auditor reads the chart and sees no button that would be refused.
 */
export function EncounterPage({ id, user }: { id: string; user: User }) {
  const [view, setView] = useState<EncounterView | null>(null);
  const [rows, setRows] = useState<ReviewRow[]>([]);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [search, setSearch] = useState<SearchMode>(null);
  const [help, setHelp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The last scrub's answer: the encounter view does not keep findings, so reloads must not clear it.
  const [scrubbed, setScrubbed] = useState<ScrubResult | null>(null);
  // The coder's saved procedure lines, and the review of them with the engine's proposals.
  const [savedLines, setSavedLines] = useState<SavedProcedureLine[]>([]);
  const [procRows, setProcRows] = useState<ProcedureRow[]>([]);
  const [procDirty, setProcDirty] = useState(false);
  const mayReadLines = can(user, 'encounter.code') || can(user, 'encounter.claim');
  const pendingSaves = useRef(0);
  const saveChain = useRef<Promise<unknown>>(Promise.resolve());

  const show = useCallback((v: EncounterView) => {
    setView(v);
    const merged = mergeReview(v.suggestion, v.codes);
    setRows(merged);
    setSelectedKey((k) => (k && merged.some((r) => r.key === k) ? k : (merged[0]?.key ?? null)));
  }, []);

  useEffect(() => {
    setView(null);
    setError(null);
    api
      .encounter(id)
      .then(show)
      .catch((err) => setError(errorMessage(err)));
  }, [id, show]);

  /** Runs one server action; shows its error, and its status message when it succeeds. */
  const act = useCallback(async <T,>(run: () => Promise<T>, done?: string): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const result = await run();
      if (done) setStatus(done);
      return result;
    } catch (err) {
      setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const refresh = useCallback(() => api.encounter(id).then(show), [id, show]);

  useEffect(() => {
    setSavedLines([]);
    setProcDirty(false);
    if (!mayReadLines) return;
    procedureApi
      .lines(id)
      .then((r) => setSavedLines(r.procedures))
      .catch((err) => setError(errorMessage(err)));
  }, [id, mayReadLines]);

  // Saved lines and new proposals show as they arrive, unless the coder is mid-review.
  useEffect(() => {
    if (!procDirty) setProcRows(mergeProcedures(view?.suggestion?.procedures ?? [], savedLines));
  }, [view, savedLines, procDirty]);

  /**
   * Applies a move locally at once (the coder keeps working) and saves the whole list; saves run
   * one after another so they reach the server in order. A refused save reloads the server's view.
   */
  const commit = useCallback(
    (next: ReviewRow[], message: string) => {
      setRows(next);
      setError(null);
      setStatus(null);
      pendingSaves.current++;
      saveChain.current = saveChain.current.then(async () => {
        try {
          const saved = await api.saveCodes(id, toSave(next));
          pendingSaves.current--;
          if (pendingSaves.current === 0) show(saved);
          else setView(saved);
          setStatus(message);
        } catch (err) {
          pendingSaves.current--;
          setError(errorMessage(err));
          await refresh().catch(() => undefined);
        }
      });
    },
    [id, show, refresh],
  );

  const titleOf = useCallback(
    (code: string) => view?.suggestion?.codes.find((c) => c.code === code)?.title ?? code,
    [view],
  );

  const mayCode = can(user, 'encounter.code');
  const editable = view ? EDITABLE.has(view.encounter.state) && mayCode : false;

  const actions = useMemo(
    () => ({
      select: (key: string) => setSelectedKey(key),
      // A decision moves the selection on to the next code still to review.
      accept: (key: string) => {
        const row = rows.find((r) => r.key === key);
        const next = acceptRow(rows, key, titleOf);
        commit(next, `Accepted ${row?.proposed ?? row?.code}`);
        setSelectedKey(nextToReview(next, key));
      },
      reject: (key: string) => {
        const row = rows.find((r) => r.key === key);
        const next = rejectRow(rows, key);
        commit(next, `${row?.proposed === null ? 'Removed' : 'Rejected'} ${row?.code}`);
        setSelectedKey(nextToReview(next, key));
      },
      replace: (key: string) => {
        const row = rows.find((r) => r.key === key);
        if (row) setSearch({ mode: 'replace', key, code: row.code });
      },
      move: (key: string, delta: -1 | 1) => commit(moveRow(rows, key, delta), 'Sequence changed'),
    }),
    [rows, commit, titleOf],
  );

  const onPick = (result: SearchResult) => {
    if (!result.billable) {
      setError(`${result.code} is a header, not a billable code: pick a more specific code`);
      return;
    }
    if (search?.mode === 'replace') {
      commit(
        replaceRow(rows, search.key, result.code, result.title),
        `Replaced ${search.code} with ${result.code}`,
      );
      if (rows.find((r) => r.key === search.key)?.proposed === null) setSelectedKey(`+${result.code}`);
    } else {
      commit(addRow(rows, result.code, result.title), `Added ${result.code}`);
    }
    setSearch(null);
  };

  // Keyboard shortcuts for the whole page (see SHORTCUTS); ignored while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, isEditingTarget(e.target as HTMLElement | null));
      if (!action) return;
      const index = rows.findIndex((r) => r.key === selectedKey);
      const selected = rows[index];
      switch (action) {
        case 'next':
        case 'previous': {
          const next = rows[Math.max(0, Math.min(rows.length - 1, index + (action === 'next' ? 1 : -1)))];
          if (next) setSelectedKey(next.key);
          break;
        }
        case 'accept':
          if (selected && editable && selected.status !== 'accepted' && selected.status !== 'added') {
            actions.accept(selected.key);
          }
          break;
        case 'reject':
          if (selected && editable && selected.status !== 'rejected') actions.reject(selected.key);
          break;
        case 'replace':
          if (selected && editable) actions.replace(selected.key);
          break;
        case 'search':
          if (editable) setSearch({ mode: 'add' });
          break;
        case 'help':
          setHelp((h) => !h);
          break;
        case 'close':
          setSearch(null);
          setHelp(false);
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selectedKey, actions, editable]);

  if (!view) {
    return error ? (
      <section>
        <p role="alert" className="error">
          {error}
        </p>
        <a href={href({ page: 'worklist' })}>Back to the worklist</a>
      </section>
    ) : (
      <p className="loading">Loading encounter…</p>
    );
  }

  const e = view.encounter;
  const reported = reportedCodes(rows);
  const pending = rows.filter((r) => r.status === 'pending').length;
  const canComplete = FINISHABLE.has(e.state) && reported.length > 0 && pending === 0;

  const scrub = (lines?: ClaimLineInput[]) =>
    act(async () => {
      const result = await api.scrub(id, lines);
      setScrubbed(result);
      const { findings } = result;
      setStatus(`Scrubber ran: ${findings.length} finding${findings.length === 1 ? '' : 's'}`);
    });

  /** Opens the next chart of the coder's own queue, else the next unassigned one, oldest work first. */
  const nextChart = () =>
    act(async () => {
      for (const assignee of ['me', 'none']) {
        const queue = await api.encounters({ assignee, sort: 'age', desc: true, limit: 100 });
        const next = pickNextChart(queue.items, id);
        if (next) {
          window.location.hash = href({ page: 'encounter', id: String(next.id) });
          return;
        }
      }
      setStatus('No other chart is waiting to be coded');
    });

  const buildClaim = async (lines: ClaimLineInput[], overrideReason?: string) => {
    const built = await act(() => api.buildClaim(id, lines, overrideReason), 'Claim built');
    if (built) {
      setStatus(`Claim ${built.claimId} built`);
      await refresh().catch((err) => setError(errorMessage(err)));
    }
  };

  return (
    <div className="encounter">
      <header className="encounter-head">
        <h1>
          {e.patient.displayName}{' '}
          <span className="muted">
            {e.patient.age} {e.patient.sex} · {e.dateOfService} · {e.setting} · {e.payer}
          </span>
        </h1>
        <span className={`badge state-${e.state}`} data-testid="encounter-state">
          {humanState(e.state)}
        </span>
        <span className="muted">{e.assignee ? `Assigned to ${e.assignee.username}` : 'Unassigned'}</span>
        {/* A coder takes an unassigned encounter; only a supervisor (or admin) takes over a colleague's. */}
        {can(user, 'encounter.assign') &&
          String(e.assignee?.id ?? '') !== String(user.id) &&
          (user.role === 'admin' || user.role === 'supervisor' || (user.role === 'coder' && !e.assignee)) && (
            <button
              type="button"
              disabled={busy}
              onClick={() => act(() => api.assign(id, user.id).then(refresh), 'Assigned to you')}
            >
              Assign to me
            </button>
          )}
        {(user.role === 'admin' || user.role === 'supervisor') && (
          <ReassignSelect
            currentId={e.assignee ? Number(e.assignee.id) : null}
            busy={busy}
            onAssign={(coder) =>
              act(() => api.assign(id, coder.id).then(refresh), `Reassigned to ${coder.username}`)
            }
          />
        )}
        {can(user, 'encounter.assign') && String(e.assignee?.id ?? '') === String(user.id) && (
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => api.assign(id, null).then(refresh), 'Handed back to the queue')}
          >
            Unassign
          </button>
        )}
        {mayCode && (
          <button type="button" disabled={busy} onClick={() => void nextChart()}>
            Next chart
          </button>
        )}
        <button type="button" className="help-button" onClick={() => setHelp((h) => !h)} aria-expanded={help}>
          Keyboard shortcuts <kbd>?</kbd>
        </button>
      </header>
      <div className="status-line" aria-live="polite">
        {status}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      <div className="encounter-body">
        <section className="note-pane" aria-labelledby="note-title">
          <h2 id="note-title">Clinical note</h2>
          <NoteView text={view.note.text} rows={rows} selectedKey={selectedKey} />
        </section>
        <section className="codes-pane" aria-labelledby="codes-title">
          <div className="panel-head">
            <h2 id="codes-title">
              Codes{' '}
              <span className="muted">
                {reported.length} reported{pending > 0 ? `, ${pending} to review` : ''}
              </span>
            </h2>
            {!view.suggestion && can(user, 'encounter.suggest') && (
              <button
                type="button"
                disabled={busy}
                onClick={() => act(() => api.suggest(id).then(show), 'Coding engine ran')}
              >
                Run coding engine
              </button>
            )}
            {editable && (
              <button type="button" onClick={() => setSearch({ mode: 'add' })}>
                Add code <kbd>/</kbd>
              </button>
            )}
          </div>
          {view.suggestion?.warnings.map((w) => (
            <p key={w} className="warning">
              {w}
            </p>
          ))}
          {search && (
            <CodeSearch
              label={search.mode === 'replace' ? `Replace ${search.code} with` : 'Add a code'}
              onPick={onPick}
              onClose={() => setSearch(null)}
            />
          )}
          <CodeList
            rows={rows}
            selectedKey={selectedKey}
            actions={actions}
            disabled={!editable}
            readOnly={!mayCode}
          />

          {(procRows.length > 0 || editable) && (
            <ProceduresPanel
              rows={procRows}
              finalDiagnoses={reported.map((r) => r.code)}
              editable={editable}
              busy={busy}
              dirty={procDirty}
              onChange={(next) => {
                setProcRows(next);
                setProcDirty(true);
              }}
              onSave={() =>
                act(async () => {
                  const saved = await procedureApi.save(
                    id,
                    toSaveProcedures(
                      procRows,
                      reported.map((r) => r.code),
                    ),
                  );
                  setSavedLines(saved.procedures);
                  setProcDirty(false);
                }, 'Procedure lines saved')
              }
            />
          )}

          <QueriesPanel
            stored={view.queries}
            proposed={view.suggestion?.queries ?? []}
            canAsk={can(user, 'query.ask') && String(e.assignee?.id ?? '') === String(user.id)}
            busy={busy}
            onAsk={(q) => act(() => queriesApi.ask(id, q).then(refresh), 'Query sent to the provider')}
            onWithdraw={(q) => act(() => queriesApi.withdraw(q.id).then(refresh), `Query ${q.id} withdrawn`)}
            onClose={(q) => act(() => queriesApi.close(q.id).then(refresh), `Query ${q.id} closed`)}
          />

          <section aria-labelledby="claim-title" className="panel">
            <h2 id="claim-title">Claim</h2>
            {view.claim && (
              <p>
                <ClaimLink id={view.claim.id} /> <span className="badge">{humanState(view.claim.state)}</span>
              </p>
            )}
            {FINISHABLE.has(e.state) && can(user, 'encounter.complete') && (
              <p>
                <button
                  type="button"
                  disabled={busy || !canComplete}
                  onClick={() => act(() => api.complete(id).then(refresh), 'Coding finished')}
                >
                  Finish coding
                </button>{' '}
                {!canComplete && (
                  <span className="muted">
                    {pending > 0 ? 'Review every code first.' : 'Accept or add at least one code first.'}
                  </span>
                )}
              </p>
            )}
            {e.state === 'denied' && mayCode && (
              <p className="muted">
                Denied: change the codes to start a corrected claim, then finish coding again.
              </p>
            )}
            {e.state === 'coded' && can(user, 'encounter.claim') && (
              <ClaimBuilder
                // A new set of saved lines starts the builder afresh from them.
                key={savedLines.map((l) => `${l.line}${l.code}`).join(' ')}
                diagnoses={reported}
                initialLines={claimDrafts(
                  savedLines,
                  reported.map((r) => r.code),
                )}
                busy={busy}
                onBuild={buildClaim}
                onScrub={scrub}
              />
            )}
          </section>

          <FindingsPanel
            findings={scrubbed?.findings ?? view.findings}
            skipped={scrubbed?.skipped ?? []}
            busy={busy}
            {...(view.claim && can(user, 'encounter.scrub') ? { onRun: () => scrub() } : {})}
          />

          <HistoryPanel
            encounterId={id}
            latest={view.history}
            total={view.historyTotal ?? view.history.length}
          />
        </section>
      </div>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import { colourFor } from '../lib/highlight.js';
import { type ReviewRow, STATUS_LABEL } from '../lib/review.js';

export interface CodeActions {
  select: (key: string) => void;
  accept: (key: string) => void;
  reject: (key: string) => void;
  replace: (key: string) => void;
  move: (key: string, delta: -1 | 1) => void;
}

/** The codes with their explanations and the coder's actions; the selected one follows j/k. */
export function CodeList({
  rows,
  selectedKey,
  actions,
  disabled,
  readOnly = false,
}: {
  rows: readonly ReviewRow[];
  selectedKey: string | null;
  actions: CodeActions;
  disabled: boolean;
  /** The user's role may not change codes: no actions are shown at all. */
  readOnly?: boolean;
}) {
  const selectedRef = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the selection moves
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  if (rows.length === 0) return <p className="muted">No codes yet.</p>;
  return (
    <ol className="code-list" aria-label="Codes">
      {rows.map((row, i) => {
        const colour = colourFor(i);
        const selected = row.key === selectedKey;
        return (
          // biome-ignore lint/a11y/useKeyWithClickEvents: j/k select codes from the keyboard; the click is a mouse convenience
          <li
            key={row.key}
            ref={selected ? selectedRef : undefined}
            className={`code-row status-${row.status}${selected ? ' selected' : ''}`}
            aria-current={selected ? 'true' : undefined}
            data-code={row.code}
            data-status={row.status}
            // A click on one of the row's buttons is that action's (accept moves the selection on).
            onClick={(e) => {
              if (!(e.target as HTMLElement).closest('button')) actions.select(row.key);
            }}
          >
            <div className="code-head">
              <span
                className="swatch"
                aria-hidden="true"
                style={{
                  background: colour.background,
                  borderBottom: `3px ${colour.underline} ${colour.border}`,
                }}
              >
                {i + 1}
              </span>
              <span className="code">{row.code}</span>
              <span className="title">{row.title}</span>
              <span className={`badge status-${row.status}`}>{STATUS_LABEL[row.status]}</span>
            </div>
            <div className="code-meta">
              {row.status !== 'rejected' && <span>Sequence {row.sequence}</span>}
              {row.proposed && row.proposed !== row.code && <span>Engine proposed {row.proposed}</span>}
              {row.proposed === null && <span>Added by coder</span>}
              {row.confidence !== null && <span>Confidence {Math.round(row.confidence * 100)}%</span>}
              <span>
                {row.evidence.length} evidence span{row.evidence.length === 1 ? '' : 's'}
              </span>
            </div>
            {row.rationale && (
              <details className="rationale">
                <summary>Why {row.proposed ?? row.code}</summary>
                {row.rationale.indexPath.length > 0 && (
                  <p>
                    <strong>Index:</strong> {row.rationale.indexPath.join(' → ')}
                  </p>
                )}
                {row.rationale.tabularNotes.length > 0 && (
                  <>
                    <strong>Tabular notes</strong>
                    <ul className="notes">
                      {row.rationale.tabularNotes.map((n) => (
                        <li key={n}>{n}</li>
                      ))}
                    </ul>
                  </>
                )}
                {row.rationale.guidelines.length > 0 && (
                  <>
                    <strong>Guidelines</strong>
                    <ul className="notes">
                      {row.rationale.guidelines.map((g) => (
                        <li key={g}>{g}</li>
                      ))}
                    </ul>
                  </>
                )}
                {row.evidence.length > 0 && (
                  <>
                    <strong>Evidence</strong>
                    <ul className="notes">
                      {row.evidence.map((e) => (
                        <li key={`${e.start}-${e.end}`}>
                          “{e.text}”{e.section ? <span className="muted"> ({e.section})</span> : null}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </details>
            )}
            {!readOnly && (
              <div className="code-actions">
                <button
                  type="button"
                  disabled={disabled || row.status === 'accepted' || row.status === 'added'}
                  onClick={() => actions.accept(row.key)}
                  aria-label={`Accept ${row.proposed ?? row.code}`}
                >
                  Accept
                </button>
                <button
                  type="button"
                  disabled={disabled || row.status === 'rejected'}
                  onClick={() => actions.reject(row.key)}
                  aria-label={`${row.proposed === null ? 'Remove' : 'Reject'} ${row.code}`}
                >
                  {row.proposed === null ? 'Remove' : 'Reject'}
                </button>
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => actions.replace(row.key)}
                  aria-label={`Replace ${row.code}`}
                >
                  Replace…
                </button>
                <button
                  type="button"
                  disabled={disabled || row.status === 'rejected' || i === 0}
                  onClick={() => actions.move(row.key, -1)}
                  aria-label={`Move ${row.code} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={
                    disabled ||
                    row.status === 'rejected' ||
                    rows[i + 1]?.status === 'rejected' ||
                    i === rows.length - 1
                  }
                  onClick={() => actions.move(row.key, 1)}
                  aria-label={`Move ${row.code} down`}
                >
                  ↓
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

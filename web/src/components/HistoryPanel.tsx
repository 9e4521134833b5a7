import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { HistoryEntry } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import { describeAction, describeDetail } from '../lib/history.js';
import { keyed } from '../lib/keys.js';

/**
 * The encounter's history, collapsed. The view carries the latest events only (a busy chart's
 * history keeps growing); when there are more, "Show all" pages the whole list in.
 */
export function HistoryPanel({
  encounterId,
  latest,
  total,
}: {
  encounterId: string;
  latest: HistoryEntry[];
  total: number;
}) {
  const [all, setAll] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A newer view (after a save) brings newer events: drop the expanded list rather than show a stale one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the view's events change
  useEffect(() => setAll(null), [latest]);

  const showAll = async () => {
    setError(null);
    try {
      const events: HistoryEntry[] = [];
      while (events.length < total) {
        const page = await api.history(encounterId, events.length, 500);
        if (page.events.length === 0) break;
        events.push(...page.events);
      }
      setAll(events);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const shown = all ?? latest;
  return (
    <details className="panel history">
      <summary>History ({total})</summary>
      {shown.length < total && (
        <p className="muted">
          Latest {shown.length} of {total}.{' '}
          <button type="button" onClick={() => void showAll()}>
            Show all
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      <ol>
        {keyed(shown, (h) => `${h.at}|${h.action}`).map(({ item: h, key }) => (
          <li key={key}>
            {formatDateTime(h.at)} — {h.by ?? 'system'}: {describeAction(h.action)}
            {describeDetail(h.detail) && <span className="muted"> ({describeDetail(h.detail)})</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

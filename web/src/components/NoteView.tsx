import { Fragment, useMemo } from 'react';
import { colourFor, overlapBackground, segmentText } from '../lib/highlight.js';
import type { ReviewRow } from '../lib/review.js';

/**
 * The note with each code's evidence highlighted in that code's colour. Colour is never the only
 * cue: every highlight has a title naming its codes, an underline style per code, and the code's
 * list number in a small tag where its evidence starts.
 */
export function NoteView({
  text,
  rows,
  selectedKey,
}: {
  text: string;
  rows: readonly ReviewRow[];
  selectedKey: string | null;
}) {
  const byKey = useMemo(() => new Map(rows.map((r, i) => [r.key, { row: r, index: i }])), [rows]);
  const segments = useMemo(() => {
    const spans = rows
      .filter((r) => r.status !== 'rejected')
      .flatMap((r) => r.evidence.map((e) => ({ start: e.start, end: e.end, key: r.key })));
    return segmentText(
      text,
      spans,
      rows.map((r) => r.key),
    );
  }, [text, rows]);

  return (
    <div className="note-text" data-testid="note">
      {segments.map((seg, i) => {
        if (seg.keys.length === 0) return <Fragment key={seg.start}>{seg.text}</Fragment>;
        const entries = seg.keys.map((k) => byKey.get(k)!).filter(Boolean);
        const colours = entries.map((e) => colourFor(e.index));
        const first = colours[0]!;
        const previous = segments[i - 1];
        const starting = entries.filter((e) => !previous?.keys.includes(e.row.key));
        const label = entries.map((e) => `${e.row.code} ${e.row.title}`).join('; ');
        const active = selectedKey !== null && seg.keys.includes(selectedKey);
        return (
          <mark
            key={seg.start}
            className={active ? 'evidence active' : 'evidence'}
            title={`Evidence for ${label}`}
            data-codes={entries.map((e) => e.row.code).join(' ')}
            style={{
              background: overlapBackground(colours.map((c) => c.background)),
              borderBottom: `3px ${first.underline} ${first.border}`,
            }}
          >
            {starting.map((e) => (
              <sup
                key={e.row.key}
                className="code-tag"
                aria-hidden="true"
                style={{ borderColor: colourFor(e.index).border }}
              >
                {e.index + 1}
              </sup>
            ))}
            {seg.text}
          </mark>
        );
      })}
    </div>
  );
}

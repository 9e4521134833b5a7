import type { InboxExcerpt } from '../api/queries.js';

/** The note passages a query points to, each marked within (up to 160 characters of) its line. */
export function QueryExcerpts({ excerpts }: { excerpts: InboxExcerpt[] }) {
  if (excerpts.length === 0) return null;
  return (
    <figure className="query-excerpts">
      <figcaption>From the note</figcaption>
      {excerpts.map((e) => (
        <blockquote key={`${e.before}|${e.text}|${e.after}`}>
          {e.section && <span className="muted">{e.section}: </span>}
          {e.before}
          <mark>{e.text}</mark>
          {e.after}
        </blockquote>
      ))}
    </figure>
  );
}

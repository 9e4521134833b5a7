import { Fragment } from 'react';
import { tabularTarget } from '../lib/code-target.js';
import { href } from '../lib/route.js';

/** A code as a link into the Tabular browser (a dashed Index code goes where the dash stands). */
export function TabularLink({ code, label }: { code: string; label?: string }) {
  const target = tabularTarget(code);
  if (!target) return <span className="code-ref">{label ?? code}</span>;
  return (
    <a className="code-ref" href={href({ page: 'tabular', target })}>
      {label ?? code}
    </a>
  );
}

// A code as notes print it: a category (letter, digit, letter or digit), optional subcode, optional dash.
const CODE_IN_TEXT = /\b[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?(?:\.?-)?(?![0-9A-Za-z])/g;

/** A note's text with every code in it linked to the Tabular browser. */
export function NoteText({ text }: { text: string }) {
  const parts: (string | { code: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(CODE_IN_TEXT)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ code: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
          <Fragment key={i}>{p}</Fragment>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
          <TabularLink key={i} code={p.code} />
        ),
      )}
    </>
  );
}

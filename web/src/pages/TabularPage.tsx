import { type FormEvent, useState } from 'react';
import { api } from '../api/client.js';
import type { BrowseNode, NoteKind, TabularNote } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { NoteText } from '../components/TabularLink.js';
import { tabularTarget } from '../lib/code-target.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

/** Note kinds as the Tabular List prints them, in its order. */
const NOTE_LABEL: Record<NoteKind, string> = {
  inclusionTerm: 'Inclusion terms',
  includes: 'Includes',
  excludes1: 'Excludes1',
  excludes2: 'Excludes2',
  codeFirst: 'Code first',
  useAdditionalCode: 'Use additional code',
  codeAlso: 'Code also',
  notes: 'Notes',
  sevenChrNote: '7th character note',
};

/** What each Excludes means, for a coder who is unsure (ICD-10-CM guideline I.A.12). */
const NOTE_HELP: Partial<Record<NoteKind, string>> = {
  excludes1: 'not coded here: never together with this code',
  excludes2: 'not included here: both may be coded when both are present',
};

function nodeLabel(n: BrowseNode): string {
  if (n.type === 'root') return 'Tabular List';
  if (n.type === 'chapter') return `Chapter ${n.id}`;
  return n.id;
}

function ownerLabel(from: TabularNote['from']): string {
  return from.type === 'chapter'
    ? `chapter ${from.id}`
    : from.type === 'section'
      ? `section ${from.id}`
      : from.id;
}

/** Notes grouped by kind, each group in Tabular order; inherited ones say where they come from. */
function NoteGroups({ notes, inherited }: { notes: readonly TabularNote[]; inherited: boolean }) {
  const kinds = Object.keys(NOTE_LABEL) as NoteKind[];
  const groups = kinds
    .map((kind) => ({ kind, notes: notes.filter((n) => n.kind === kind) }))
    .filter((g) => g.notes.length > 0);
  return (
    <dl className="tabular-notes">
      {groups.map((g) => (
        <div key={g.kind} className={`note-group note-${g.kind}`} data-kind={g.kind}>
          <dt>
            {NOTE_LABEL[g.kind]}
            {NOTE_HELP[g.kind] && <span className="muted"> — {NOTE_HELP[g.kind]}</span>}
          </dt>
          {g.notes.map((n) => (
            <dd key={`${n.from.type}:${n.from.id}:${n.text}`}>
              <NoteText text={n.text} />
              {inherited && (
                <span className="muted note-from">
                  {' '}
                  (from{' '}
                  <a
                    href={href({
                      page: 'tabular',
                      target: n.from.type === 'code' ? `code:${n.from.id}` : `${n.from.type}:${n.from.id}`,
                    })}
                  >
                    {ownerLabel(n.from)}
                  </a>
                  )
                </span>
              )}
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}

/** Go straight to a code typed by the coder. */
function GoToCode() {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const target = tabularTarget(code);
    if (!target) {
      setProblem(`"${code}" is not shaped like an ICD-10-CM code`);
      return;
    }
    setProblem(null);
    window.location.hash = href({ page: 'tabular', target });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="tabular-go">Go to code</label>{' '}
      <input
        id="tabular-go"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder="e.g. E11.9"
      />{' '}
      <button type="submit">Go</button>
      <ErrorAlert message={problem} />
    </form>
  );
}

/** The Tabular List: chapter → section → category → subcodes, with every note in effect. */
export function TabularPage({ target }: { target: string }) {
  const { data: page, error, loading } = useAsync(() => api.tabular(target || undefined), [target]);

  return (
    <section className="browser tabular-browser" aria-labelledby="tabular-title">
      <div className="panel-head">
        <h1 id="tabular-title">
          {page && page.node.type !== 'root' ? (
            <>
              <span className="code-ref">{nodeLabel(page.node)}</span> {page.node.title}
            </>
          ) : (
            'ICD-10-CM Tabular List'
          )}
        </h1>
        {page && <span className="muted">{page.release.label}</span>}
      </div>
      <GoToCode />
      <ErrorAlert message={error} />
      {loading && !page && <p className="loading">Loading…</p>}
      {page && (
        <>
          {page.breadcrumbs.length > 0 && (
            <nav aria-label="Tabular path" className="breadcrumbs">
              <ol>
                {page.breadcrumbs.map((b) => (
                  <li key={b.ref || 'root'}>
                    <a href={href({ page: 'tabular', target: b.ref })}>
                      {nodeLabel(b)}
                      {b.type !== 'root' && <span className="muted"> {b.title}</span>}
                    </a>
                  </li>
                ))}
                <li aria-current="page">{nodeLabel(page.node)}</li>
              </ol>
            </nav>
          )}
          {page.code && (
            <p className="code-flags" data-testid="code-flags">
              {page.code.billable ? (
                <span className="badge billable">billable</span>
              ) : (
                <span className="badge warn">
                  {page.code.header ? 'header — not billable: choose a code below' : 'not billable'}
                </span>
              )}
              {page.code.shortTitle && <span className="muted"> Short title: {page.code.shortTitle}</span>}
            </p>
          )}
          {page.notes.length > 0 && (
            <section aria-labelledby="own-notes" className="panel">
              <h2 id="own-notes">Notes at {nodeLabel(page.node)}</h2>
              <NoteGroups notes={page.notes} inherited={false} />
            </section>
          )}
          {page.inherited.length > 0 && (
            <section aria-labelledby="inherited-notes" className="panel">
              <h2 id="inherited-notes">Notes that apply from above</h2>
              <NoteGroups notes={page.inherited} inherited />
            </section>
          )}
          {page.code?.seventh && (
            <section aria-labelledby="seventh" className="panel">
              <h2 id="seventh">
                7th characters <span className="muted">(defined at {page.code.seventh.definedOn})</span>
              </h2>
              {page.code.seventh.notes?.map((n) => (
                <p key={n}>{n}</p>
              ))}
              <table className="seventh">
                <tbody>
                  {page.code.seventh.characters.map((c) => (
                    <tr key={c.char}>
                      <th scope="row" className="code-ref seventh-char">
                        {c.char}
                      </th>
                      <td>
                        {c.meaning}
                        {c.notes?.map((n) => (
                          <div key={n} className="muted">
                            {n}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {page.children.length > 0 && (
            <section aria-labelledby="tabular-children">
              <h2 id="tabular-children">
                {page.node.type === 'root'
                  ? 'Chapters'
                  : page.node.type === 'chapter'
                    ? 'Sections'
                    : page.node.type === 'section'
                      ? 'Categories'
                      : 'Codes below'}
              </h2>
              <ul className="browse-list" aria-label="Below this level">
                {page.children.map((c) => (
                  <li key={c.ref}>
                    <a href={href({ page: 'tabular', target: c.ref })}>
                      <span className="code-ref">{nodeLabel(c)}</span> {c.title}
                    </a>
                    {c.type === 'code' &&
                      (c.billable ? (
                        <span className="badge billable">billable</span>
                      ) : (
                        <span className="badge muted-badge">header</span>
                      ))}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}

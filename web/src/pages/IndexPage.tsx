import { type FormEvent, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { IndexKind, IndexTerm } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { TabularLink } from '../components/TabularLink.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const INDEX_TITLE: Record<IndexKind, string> = {
  disease: 'Alphabetic Index',
  eindex: 'External Cause Index',
};

/**
 * Follows a cross reference ("see Infarct, myocardium") the way a coder does: walks the Index
 * along it and opens the term it reaches. Resolves on the server, so the link works for
 * references whose wording differs from the term's ("myocardium" for "myocardium, myocardial").
 */
async function openReference(kind: IndexKind, path: string): Promise<string | null> {
  const walk = await api.indexWalk(kind, path);
  const reached = [...walk.path].reverse().find((s) => s.termId !== null);
  if (!reached || reached.termId === null) return `"${path}" is not in the ${INDEX_TITLE[kind]}`;
  window.location.hash = href({ page: 'index-term', kind, id: String(reached.termId) });
  return walk.matched
    ? null
    : `Went as far as "${reached.title}": no subterm for ${walk.unmatched.join(', ')}`;
}

function Reference({ kind, label, path }: { kind: IndexKind; label: string; path: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  // "see also condition" names no term: it tells the coder to look under the condition.
  if (/^(condition|specific condition)$/i.test(path.trim())) {
    return (
      <span className="xref">
        <em>{label}</em> {path}
      </span>
    );
  }
  return (
    <span className="xref">
      <em>{label}</em>{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => openReference(kind, path).then(setProblem, (err) => setProblem(errorMessage(err)))}
      >
        {path}
      </button>
      {problem && <span className="error"> {problem}</span>}
    </span>
  );
}

/** A term's title, modifiers, codes and cross references on one line, as the Index prints it. */
function TermLine({ kind, term, link }: { kind: IndexKind; term: IndexTerm; link: boolean }) {
  const title = link ? (
    <a href={href({ page: 'index-term', kind, id: String(term.id) })}>{term.title}</a>
  ) : (
    <strong>{term.title}</strong>
  );
  return (
    <span className="index-term-line">
      {title}
      {term.nemod && <span className="nemod"> {term.nemod}</span>}
      {term.code && (
        <>
          {' '}
          <TabularLink code={term.code} />
        </>
      )}
      {term.manif && (
        <>
          {' '}
          [<TabularLink code={term.manif} />]
        </>
      )}
      {term.seeCategory && (
        <span className="xref">
          {' '}
          <em>see category</em> <TabularLink code={term.seeCategory} />
        </span>
      )}
      {term.subcategory && (
        <span className="xref">
          {' '}
          <em>see subcategory</em> <TabularLink code={term.subcategory} />
        </span>
      )}
      {term.see && (
        <>
          {' '}
          <Reference kind={kind} label="see" path={term.see} />
        </>
      )}
      {term.seeAlso && (
        <>
          {' '}
          <Reference kind={kind} label="see also" path={term.seeAlso} />
        </>
      )}
    </span>
  );
}

/** Subterms as an indented tree; a subterm with subterms of its own opens in place. */
function Subterms({ kind, terms }: { kind: IndexKind; terms: readonly IndexTerm[] }) {
  return (
    <ul className="index-tree">
      {terms.map((t) => (
        <SubtermItem key={t.id} kind={kind} term={t} />
      ))}
    </ul>
  );
}

function SubtermItem({ kind, term }: { kind: IndexKind; term: IndexTerm }) {
  const [open, setOpen] = useState(false);
  const [children, setChildren] = useState<IndexTerm[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    if (!open && children === null) {
      api
        .indexTerm(kind, term.id)
        .then((p) => setChildren(p.children))
        .catch((err) => setError(errorMessage(err)));
    }
    setOpen(!open);
  };
  return (
    <li data-term-id={term.id}>
      {term.subterms > 0 ? (
        <button
          type="button"
          className="tree-toggle"
          aria-expanded={open}
          aria-label={`${open ? 'Close' : 'Open'} ${term.title} (${term.subterms} subterms)`}
          onClick={toggle}
        >
          {open ? '▾' : '▸'}
        </button>
      ) : (
        <span className="tree-leaf" aria-hidden="true">
          –
        </span>
      )}{' '}
      <TermLine kind={kind} term={term} link />
      {open && children && <Subterms kind={kind} terms={children} />}
      <ErrorAlert message={error} />
    </li>
  );
}

/** Which index, the letters, and a path lookup ("Attack, heart"): the top of both Index pages. */
function IndexHeader({ kind, title }: { kind: IndexKind; title: string }) {
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const lookUp = (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    openReference(kind, path).then(setProblem, (err) => setProblem(errorMessage(err)));
  };
  const other: IndexKind = kind === 'disease' ? 'eindex' : 'disease';
  return (
    <>
      <div className="panel-head">
        <h1 id="index-title">{title}</h1>
        <a href={href({ page: 'index', kind: other, prefix: 'a' })}>{INDEX_TITLE[other]}</a>
      </div>
      <nav aria-label="Main terms by letter" className="letters">
        {LETTERS.map((l) => (
          <a key={l} href={href({ page: 'index', kind, prefix: l.toLowerCase() })}>
            {l}
          </a>
        ))}
      </nav>
      <form className="inline-form" onSubmit={lookUp}>
        <label htmlFor="index-walk">Look up</label>{' '}
        <input
          id="index-walk"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="Main term, subterm… e.g. Attack, heart"
        />{' '}
        <button type="submit">Look up</button>
      </form>
      <ErrorAlert message={problem} />
    </>
  );
}

/** Main terms starting with a prefix (a letter from the A–Z bar, or typed). */
export function IndexTermsPage({ kind, prefix }: { kind: IndexKind; prefix: string }) {
  const { data, error, loading } = useAsync(() => api.indexTerms(kind, prefix), [kind, prefix]);
  const [filter, setFilter] = useState(prefix);
  // A letter from the A–Z bar replaces what was typed.
  useEffect(() => setFilter(prefix), [prefix]);
  return (
    <section className="browser index-browser" aria-labelledby="index-title">
      <IndexHeader kind={kind} title={`${INDEX_TITLE[kind]}: ${prefix.toUpperCase()}…`} />
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (filter.trim()) window.location.hash = href({ page: 'index', kind, prefix: filter.trim() });
        }}
      >
        <label htmlFor="index-prefix">Main terms starting with</label>{' '}
        <input id="index-prefix" value={filter} onChange={(e) => setFilter(e.target.value)} />{' '}
        <button type="submit">Show</button>
      </form>
      <ErrorAlert message={error} />
      {loading && !data && <p className="loading">Loading…</p>}
      {data && (
        <>
          <p className="muted">
            {data.total} main term{data.total === 1 ? '' : 's'}
            {data.terms.length < data.total ? ` (first ${data.terms.length} shown)` : ''} ·{' '}
            {data.release.label}
          </p>
          <ul className="index-main-terms" aria-label="Main terms">
            {data.terms.map((t) => (
              <li key={t.id}>
                <TermLine kind={kind} term={t} link />
                {t.subterms > 0 && <span className="muted"> · {t.subterms} subterms</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One term: the path from its main term, its codes and references, and its subterms. */
export function IndexTermPage({ kind, id }: { kind: IndexKind; id: string }) {
  const { data, error, loading } = useAsync(() => api.indexTerm(kind, id), [kind, id]);
  const main = data ? (data.ancestors[0] ?? data.term) : null;
  return (
    <section className="browser index-browser" aria-labelledby="index-title">
      <IndexHeader kind={kind} title={INDEX_TITLE[kind]} />
      <ErrorAlert message={error} />
      {loading && !data && <p className="loading">Loading…</p>}
      {data && main && (
        <>
          <nav aria-label="Index path" className="breadcrumbs">
            <ol>
              <li>
                <a href={href({ page: 'index', kind, prefix: main.title.slice(0, 1).toLowerCase() })}>
                  {main.title.slice(0, 1).toUpperCase()}
                </a>
              </li>
              {data.ancestors.map((a) => (
                <li key={a.id}>
                  <a href={href({ page: 'index-term', kind, id: String(a.id) })}>{a.title}</a>
                </li>
              ))}
              <li aria-current="page">{data.term.title}</li>
            </ol>
          </nav>
          <h2 className="index-term-head" data-testid="index-term">
            <TermLine kind={kind} term={data.term} link={false} />
          </h2>
          {data.term.code && (
            <p className="muted">
              Check {data.term.code} in the Tabular List before coding it: the Index points, the Tabular
              decides.
            </p>
          )}
          {data.children.length > 0 ? (
            <section aria-labelledby="subterms-title">
              <h3 id="subterms-title">Subterms</h3>
              <Subterms kind={kind} terms={data.children} />
            </section>
          ) : (
            <p className="muted">No subterms.</p>
          )}
          <p className="muted">{data.release.label}</p>
        </>
      )}
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type PcsSearch, pcsApi } from '../api/pcs.js';
import { ErrorAlert } from '../components/Alert.js';
import { href } from '../lib/route.js';
import { useAsync } from '../lib/use-async.js';

/** Link to a builder step: the prefix is the whole state, so a step can be bookmarked or shared. */
const stepHref = (prefix: string) => href({ page: 'pcs', prefix });

/**
 * The ICD-10-PCS builder: a code is built one character at a time (section → body system →
 * operation → body part → approach → device → qualifier). Each step offers only the values some
 * valid code continues with, labelled as the tables name them; the chosen characters stay above
 * as links back to that step. A code can also be typed in and checked, or found by title words.
 */
export function PcsBuilderPage({ prefix }: { prefix: string }) {
  const [dos, setDos] = useState('');
  const {
    data: step,
    error,
    loading,
  } = useAsync(() => pcsApi.build(prefix, dos || undefined), [prefix, dos]);

  return (
    <section aria-labelledby="pcs-title" className="pcs-builder">
      <h1 id="pcs-title">ICD-10-PCS builder</h1>
      <label>
        Date of service{' '}
        <input
          type="date"
          value={dos}
          onChange={(e) => setDos(e.target.value)}
          aria-describedby="pcs-release"
        />
      </label>{' '}
      {step && (
        <span id="pcs-release" className="muted">
          {step.release.label}
        </span>
      )}
      {step?.release.warning && <p className="warning">{step.release.warning}</p>}
      <ErrorAlert message={error} />
      <nav aria-label="Characters chosen">
        <ol className="pcs-path">
          <li>
            <a href={stepHref('')}>Start</a>
          </li>
          {step?.characters.map((c) => (
            <li key={c.position}>
              <a href={stepHref(step.prefix.slice(0, c.position))} title={`back to choose ${c.name}`}>
                <span className="muted">{c.name}:</span> <code>{c.value}</code> {c.label}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {loading && <p className="loading">Loading…</p>}
      {step?.code && (
        <div className="pcs-code" data-testid="pcs-code">
          <h2>
            <code>{step.code.code}</code> {step.code.title}
          </h2>
        </div>
      )}
      {step && !step.code && (
        <div>
          <h2>
            Character {step.position}: {step.axis}
          </h2>
          <ul className="pcs-choices" aria-label={`valid values for ${step.axis}`}>
            {step.choices.map((c) => (
              <li key={c.value}>
                <a href={stepHref(step.prefix + c.value)}>
                  <code>{c.value}</code> {c.label}
                </a>{' '}
                <span className="muted">
                  {c.title
                    ? `→ ${step.prefix}${c.value} ${c.title}`
                    : `${c.codes} code${c.codes === 1 ? '' : 's'}`}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <CodeCheck dos={dos} />
      <TitleSearch dos={dos} />
    </section>
  );
}

/** Type a code: valid with its title, or the first character that goes wrong and what fits there. */
function CodeCheck({ dos }: { dos: string }) {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = (e: FormEvent) => {
    e.preventDefault();
    pcsApi
      .lookup(code.trim(), dos || undefined)
      .then((r) => {
        setError(null);
        setResult(
          r.valid
            ? `${r.code} ${r.title}`
            : `${r.code}: ${r.problem?.message ?? 'not valid'}${r.problem?.validValues.length ? ` (valid there: ${r.problem.validValues.join(' ')})` : ''}`,
        );
      })
      .catch((err) => setError(errorMessage(err)));
  };
  return (
    <form onSubmit={check} className="pcs-check">
      <h2>Check a code</h2>
      <label>
        Code{' '}
        <input value={code} onChange={(e) => setCode(e.target.value)} maxLength={10} placeholder="0FT44ZZ" />
      </label>{' '}
      <button type="submit" disabled={!code.trim()}>
        Check
      </button>
      {result && (
        <p role="status" data-testid="pcs-check-result">
          {result}
        </p>
      )}
      <ErrorAlert message={error} />
    </form>
  );
}

/** Codes whose titles hold every word typed; each opens the builder at that code. */
function TitleSearch({ dos }: { dos: string }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PcsSearch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = (e: FormEvent) => {
    e.preventDefault();
    pcsApi
      .search(q.trim(), dos || undefined)
      .then((r) => {
        setError(null);
        setFound(r);
      })
      .catch((err) => setError(errorMessage(err)));
  };
  return (
    <form onSubmit={search} className="pcs-search">
      <h2>Search titles</h2>
      <label>
        Words <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="resection gallbladder" />
      </label>{' '}
      <button type="submit" disabled={!q.trim()}>
        Search
      </button>
      <ErrorAlert message={error} />
      {found && (
        <ul aria-label="search results">
          {found.results.length === 0 && <li>No code matches.</li>}
          {found.results.map((r) => (
            <li key={r.code}>
              <a href={stepHref(r.code)}>
                <code>{r.code}</code>
              </a>{' '}
              {r.title}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

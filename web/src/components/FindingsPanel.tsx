import type { Finding } from '../api/types.js';
import { keyed } from '../lib/keys.js';

/** Scrubber findings, worst first as the server sorts them, each with the fix to apply. */
export function FindingsPanel({
  findings,
  skipped,
  onRun,
  busy,
}: {
  findings: Finding[];
  /** Edit families the scrubber could not run, with why (so "no findings" is not over-read). */
  skipped: string[];
  /** Re-scrubs the built claim; absent before a claim exists (lines are scrubbed from the claim form). */
  onRun?: () => void;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="findings-title" className="panel">
      <div className="panel-head">
        <h2 id="findings-title">Scrubber findings</h2>
        {onRun && (
          <button type="button" onClick={onRun} disabled={busy}>
            Run scrubber
          </button>
        )}
      </div>
      {skipped.length > 0 && <p className="warning">Not checked: {skipped.join('; ')}</p>}
      {findings.length === 0 ? (
        <p className="muted">
          {onRun ? 'No findings.' : 'No findings yet: enter the claim lines and press "Scrub lines".'}
        </p>
      ) : (
        <ul className="findings">
          {keyed(findings, (f) => `${f.rule}|${f.codes.join()}|${f.lines.join()}`).map(({ item: f, key }) => (
            <li key={key} className={`finding sev-${f.severity}`}>
              <span className={`badge sev-${f.severity}`}>{f.severity}</span> <code>{f.rule}</code>
              {f.codes.length > 0 && <span className="muted"> · {f.codes.join(', ')}</span>}
              {f.lines.length > 0 && <span className="muted"> · line {f.lines.join(', ')}</span>}
              <p>{f.message}</p>
              <p className="fix">
                <strong>Fix:</strong> {f.fix}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import type { ClaimLineInput } from '../api/types.js';
import { type LineDraft, readLine } from '../lib/claim-lines.js';
import type { ReviewRow } from '../lib/review.js';
import { blankLine, LineTable, lineDraft } from './LineTable.js';
import { OverrideReason } from './OverrideReason.js';

/** Service lines for the claim; diagnosis pointers refer to the reported codes' sequence. */
export function ClaimBuilder({
  diagnoses,
  initialLines = [],
  busy,
  onBuild,
  onScrub,
}: {
  diagnoses: readonly ReviewRow[];
  /** Lines to start from: the coder's saved procedure lines (their charges are the biller's to enter). */
  initialLines?: readonly Omit<LineDraft, 'id'>[];
  busy: boolean;
  /** `overrideReason`: build despite scrubber errors, saying why. */
  onBuild: (lines: ClaimLineInput[], overrideReason?: string) => void;
  /** Runs the scrubber over these lines before the claim is built. */
  onScrub: (lines: ClaimLineInput[]) => void;
}) {
  const [lines, setLines] = useState<LineDraft[]>(() =>
    initialLines.length > 0 ? initialLines.map(lineDraft) : [blankLine()],
  );
  const [error, setError] = useState<string | null>(null);
  const [override, setOverride] = useState('');

  const change = (id: number, field: keyof Omit<LineDraft, 'id'>, value: string) =>
    setLines((ls) => ls.map((l) => (l.id === id ? { ...l, [field]: value } : l)));

  /** The typed lines as the API takes them, or null after showing what is wrong. */
  const read = (): ClaimLineInput[] | null => {
    const out: ClaimLineInput[] = [];
    for (const [i, draft] of lines.entries()) {
      const result = readLine(draft, diagnoses.length);
      if ('error' in result) {
        setError(`Line ${i + 1}: ${result.error}`);
        return null;
      }
      out.push(result.line);
    }
    setError(null);
    return out;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const out = read();
    if (out) onBuild(out, override.trim() || undefined);
  };

  const scrub = () => {
    const out = read();
    if (out) onScrub(out);
  };

  return (
    <form onSubmit={submit} className="claim-builder" aria-label="Claim lines">
      <p className="muted">
        Diagnosis pointers:{' '}
        {diagnoses.length === 0
          ? 'no codes accepted yet'
          : diagnoses.map((d, i) => `${i + 1} = ${d.code}`).join(', ')}
      </p>
      <LineTable
        lines={lines}
        onChange={change}
        onRemove={(id) => setLines((ls) => ls.filter((x) => x.id !== id))}
        canRemove={lines.length > 1}
      />
      <OverrideReason value={override} onChange={setOverride} />
      <div className="row-buttons">
        <button
          type="button"
          onClick={() => setLines((ls) => [...ls, blankLine()])}
          disabled={lines.length >= 50}
        >
          Add line
        </button>
        <button type="button" onClick={scrub} disabled={busy || diagnoses.length === 0}>
          Scrub lines
        </button>
        <button type="submit" className="primary" disabled={busy || diagnoses.length === 0}>
          Build claim
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

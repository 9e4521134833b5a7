import { type FormEvent, useState } from 'react';
import type { ClaimLineInput } from '../api/types.js';
import { type LineDraft, readLine } from '../lib/claim-lines.js';
import type { ReviewRow } from '../lib/review.js';
import { OverrideReason } from './OverrideReason.js';

/** The columns of the line editor; labels read "Line 2 charge in dollars" to a screen reader. */
const FIELDS: {
  field: keyof Omit<LineDraft, 'id'>;
  heading: string;
  label: string;
  size: number;
  inputMode?: 'numeric' | 'decimal';
}[] = [
  { field: 'code', heading: 'Procedure', label: 'procedure code', size: 7 },
  { field: 'modifiers', heading: 'Modifiers', label: 'modifiers', size: 8 },
  { field: 'units', heading: 'Units', label: 'units', size: 3, inputMode: 'numeric' },
  { field: 'charge', heading: 'Charge ($)', label: 'charge in dollars', size: 8, inputMode: 'decimal' },
  { field: 'pointers', heading: 'Pointers', label: 'diagnosis pointers', size: 6 },
];

let nextId = 1;
const blankLine = (): LineDraft => ({
  id: nextId++,
  code: '',
  modifiers: '',
  units: '1',
  charge: '',
  pointers: '1',
});

/** Service lines for the claim; diagnosis pointers refer to the reported codes' sequence. */
export function ClaimBuilder({
  diagnoses,
  busy,
  onBuild,
  onScrub,
}: {
  diagnoses: readonly ReviewRow[];
  busy: boolean;
  /** `overrideReason`: build despite scrubber errors, saying why. */
  onBuild: (lines: ClaimLineInput[], overrideReason?: string) => void;
  /** Runs the scrubber over these lines before the claim is built. */
  onScrub: (lines: ClaimLineInput[]) => void;
}) {
  const [lines, setLines] = useState<LineDraft[]>(() => [blankLine()]);
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
      <table className="grid compact">
        <thead>
          <tr>
            {FIELDS.map((f) => (
              <th key={f.field} scope="col">
                {f.heading}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.id}>
              {FIELDS.map((f) => (
                <td key={f.field}>
                  <input
                    aria-label={`Line ${i + 1} ${f.label}`}
                    value={l[f.field]}
                    inputMode={f.inputMode}
                    onChange={(e) => change(l.id, f.field, e.target.value)}
                    size={f.size}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  disabled={lines.length === 1}
                  onClick={() => setLines((ls) => ls.filter((x) => x.id !== l.id))}
                  aria-label={`Remove line ${i + 1}`}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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

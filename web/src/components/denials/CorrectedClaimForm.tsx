import { type FormEvent, useId, useState } from 'react';
import { billingApi, type CorrectedLineInput } from '../../api/billing.js';
import { errorMessage } from '../../api/client.js';
import type { StoredClaimLine } from '../../api/types.js';
import { type LineDraft, readLine } from '../../lib/claim-lines.js';
import { dottedDiagnosis } from '../../lib/format.js';
import { ErrorAlert } from '../Alert.js';
import { blankLine, LineTable, lineDraft } from '../LineTable.js';
import { OverrideReason } from '../OverrideReason.js';

/** A line of the form, remembering which original line (REF*6R) it corrects. */
type Draft = LineDraft & { lineControlNumber?: string; serviceDate?: string };

const fromStored = (l: StoredClaimLine & { lineControlNumber?: string }): Draft => ({
  ...lineDraft({
    code: l.procedureCode,
    modifiers: l.modifiers.join(' '),
    units: String(l.units),
    charge: (l.chargeCents / 100).toFixed(2),
    pointers: l.diagnosisPointers.join(', '),
  }),
  ...(l.lineControlNumber ? { lineControlNumber: l.lineControlNumber } : {}),
  serviceDate: l.serviceDate,
});

/**
 * A corrected claim (frequency 7) for a denied one: the claim's diagnoses and lines to fix, why,
 * and (when the scrubber objects) an override. The server adds REF*F8 with the payer's claim
 * number, checks it as every claim is checked, and answers with the replacement's id.
 */
export function CorrectedClaimForm({
  claimId,
  diagnoses,
  lines,
  onCreated,
}: {
  claimId: number | string;
  diagnoses: readonly string[];
  lines: readonly (StoredClaimLine & { lineControlNumber?: string })[];
  onCreated: (replacementId: number) => void;
}) {
  const removedId = useId();
  const [codes, setCodes] = useState(() => diagnoses.map(dottedDiagnosis).join(', '));
  const [drafts, setDrafts] = useState<Draft[]>(() => lines.map(fromStored));
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [removedOk, setRemovedOk] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kept = new Set(drafts.map((d) => d.lineControlNumber).filter(Boolean));
  const removed = lines.filter((l) => l.lineControlNumber && !kept.has(l.lineControlNumber)).length;

  const change = (id: number, field: keyof Omit<LineDraft, 'id'>, value: string) =>
    setDrafts((ds) => ds.map((d) => (d.id === id ? { ...d, [field]: value } : d)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const list = codes
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    if (list.length === 0) return setError('at least one diagnosis');
    const out: CorrectedLineInput[] = [];
    for (const [i, d] of drafts.entries()) {
      const read = readLine(d, list.length);
      if ('error' in read) return setError(`Line ${i + 1}: ${read.error}`);
      out.push({
        ...read.line,
        ...(d.lineControlNumber ? { lineControlNumber: d.lineControlNumber } : {}),
        ...(d.serviceDate ? { serviceDate: d.serviceDate } : {}),
      });
    }
    setBusy(true);
    setError(null);
    try {
      const { claimId: id } = await billingApi.correct(claimId, {
        reason: reason.trim(),
        diagnoses: list,
        lines: out,
        ...(removed > 0 && removedOk ? { allowRemovedLines: true } : {}),
        ...(override.trim() ? { override: { reason: override.trim() } } : {}),
      });
      onCreated(id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Corrected claim" className="stacked">
      <label>
        Diagnoses (principal first)
        <input value={codes} onChange={(e) => setCodes(e.target.value)} size={40} />
      </label>
      <div className="claim-builder">
        <LineTable
          lines={drafts}
          onChange={change}
          onRemove={(id) => setDrafts((ds) => ds.filter((d) => d.id !== id))}
          canRemove={drafts.length > 1}
        />
      </div>
      {removed > 0 && (
        <p className="warning">
          <input
            id={removedId}
            type="checkbox"
            checked={removedOk}
            onChange={(e) => setRemovedOk(e.target.checked)}
          />{' '}
          <label htmlFor={removedId}>
            {removed} original line{removed === 1 ? ' is' : 's are'} left out: the payer takes back what a
            replacement does not repeat
          </label>
        </p>
      )}
      <label>
        Why the claim is corrected
        <textarea value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
      </label>
      <OverrideReason value={override} onChange={setOverride} />
      <div className="row-buttons">
        <button
          type="button"
          onClick={() => setDrafts((ds) => [...ds, blankLine()])}
          disabled={drafts.length >= 50}
        >
          Add line
        </button>
        <button type="submit" className="primary" disabled={busy || !reason.trim()}>
          {busy ? 'Creating…' : 'Create corrected claim'}
        </button>
      </div>
      <ErrorAlert message={error} />
    </form>
  );
}

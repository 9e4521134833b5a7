import { type FormEvent, useState } from 'react';
import { billingApi, type WriteOffReason } from '../../api/billing.js';
import { errorMessage } from '../../api/client.js';
import { formatCents, parseDollars } from '../../lib/format.js';
import { ErrorAlert } from '../Alert.js';

/**
 * Writes off part or all of the claim's open balance, with a reason from the practice's list
 * (a note where the reason needs one). Writing off all of it closes the claim.
 */
export function WriteOffForm({
  claimId,
  openCents,
  reasons,
  onDone,
}: {
  claimId: number | string;
  openCents: number;
  reasons: readonly WriteOffReason[];
  onDone: () => void;
}) {
  const [amount, setAmount] = useState(() => (Math.max(openCents, 0) / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = reasons.find((r) => r.code === reason);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const cents = parseDollars(amount);
    if (cents === null || cents <= 0) return setError(`"${amount}" is not an amount such as 25.00`);
    if (cents > openCents)
      return setError(`${formatCents(cents)} is more than the open balance of ${formatCents(openCents)}`);
    if (!chosen) return setError('choose a reason');
    if (chosen.noteRequired && !note.trim()) return setError(`say why ("${chosen.label}" needs a note)`);
    setBusy(true);
    setError(null);
    try {
      await billingApi.writeOff(claimId, {
        amountCents: cents,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Write off" className="stacked">
      <p>Open balance: {formatCents(openCents)}</p>
      <label>
        Amount to write off ($)
        <input value={amount} inputMode="decimal" size={10} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <label>
        Write-off reason
        <select value={reason} onChange={(e) => setReason(e.target.value)}>
          <option value="">Choose…</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note{chosen?.noteRequired ? ' (required)' : ''}
        <input value={note} maxLength={500} size={40} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy || openCents <= 0}>
        Write off
      </button>
      <ErrorAlert message={error} />
    </form>
  );
}

import { type FormEvent, useId, useState } from 'react';
import { billingApi } from '../../api/billing.js';
import { errorMessage } from '../../api/client.js';
import { saveFile } from '../../lib/save-file.js';
import { ErrorAlert } from '../Alert.js';

/**
 * The appeal letter: the server writes it from the payer's denial (CARC and RARC texts, the
 * claim, the amounts) and the biller's argument; PDF or text. Marking the claim appealed takes
 * it off the worklist until the payer decides again.
 */
export function AppealLetterForm({
  claimId,
  canMark,
  onMarked,
}: {
  claimId: number | string;
  /** The claim can still move to appealed (denied or partially paid). */
  canMark: boolean;
  onMarked: () => void;
}) {
  const markId = useId();
  const [argument, setArgument] = useState('');
  const [format, setFormat] = useState<'pdf' | 'text'>('pdf');
  const [mark, setMark] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      saveFile(
        await billingApi.appealLetter(claimId, {
          format,
          ...(argument.trim() ? { argument: argument.trim() } : {}),
          ...(mark && canMark ? { markAppealed: true } : {}),
        }),
      );
      if (mark && canMark) onMarked();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Appeal letter" className="stacked">
      <label>
        Argument for the payer
        <textarea
          value={argument}
          maxLength={4000}
          rows={4}
          placeholder="Why the service should be paid (records enclosed, modifier applies, …)"
          onChange={(e) => setArgument(e.target.value)}
        />
      </label>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'text')}>
          <option value="pdf">PDF</option>
          <option value="text">Text</option>
        </select>
      </label>
      {canMark && (
        <p>
          <input id={markId} type="checkbox" checked={mark} onChange={(e) => setMark(e.target.checked)} />{' '}
          <label htmlFor={markId}>Mark the claim appealed (it leaves the worklist)</label>
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Writing…' : 'Download appeal letter'}
      </button>
      <ErrorAlert message={error} />
    </form>
  );
}

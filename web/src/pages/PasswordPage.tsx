import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';

/**
 * Change one's own password. The current password is asked for (an unlocked workstation is not
 * enough), the new one twice; the server applies the password policy and ends one's other
 * sessions. A wrong current password counts toward the account's lockout.
 */
export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    if (next !== again) {
      setError('the two new passwords differ');
      return;
    }
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="password-title">
      <h1 id="password-title">Change your password</h1>
      <form className="panel" onSubmit={submit}>
        <label>
          Current password
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          New password
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </label>
        <label>
          New password again
          <input
            name="new-password-again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
        </label>
        <p className="muted">
          At least 12 characters; not a common password, a run like 1234567890, or your username. A few
          unrelated words make a good one.
        </p>
        <button type="submit" disabled={busy}>
          Change password
        </button>
        <ErrorAlert message={error} />
        {done && (
          <p role="status" className="notice">
            Password changed. Your other sessions have been signed out.
          </p>
        )}
      </form>
    </section>
  );
}

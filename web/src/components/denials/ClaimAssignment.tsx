import { useState } from 'react';
import { type Assignee, type BillingOptions, billingApi } from '../../api/billing.js';
import { errorMessage } from '../../api/client.js';
import type { User } from '../../api/types.js';
import { ErrorAlert } from '../Alert.js';

/**
 * Who works the claim. A biller takes an unassigned claim or hands back their own; a supervisor
 * or admin assigns anyone who bills (the server decides, and says so when it refuses).
 */
export function ClaimAssignment({
  claimId,
  assignee,
  user,
  assignees,
  onDone,
}: {
  claimId: number | string;
  assignee: Assignee | null;
  user: User;
  assignees: BillingOptions['assignees'];
  onDone: () => void;
}) {
  const [to, setTo] = useState(() => String(assignee?.id ?? user.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const assign = async (userId: number | null) => {
    setBusy(true);
    setError(null);
    try {
      await billingApi.assign(claimId, userId);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <p>Assigned to {assignee?.username ?? 'nobody'}.</p>
      <div className="row-buttons">
        <label>
          Assign to
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.username} ({a.role})
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => assign(Number(to))}>
          Assign
        </button>
        {assignee && (
          <button type="button" disabled={busy} onClick={() => assign(null)}>
            Unassign
          </button>
        )}
      </div>
      <ErrorAlert message={error} />
    </div>
  );
}

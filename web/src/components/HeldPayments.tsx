import { useId, useState } from 'react';
import type { HeldPayment } from '../api/types.js';
import { formatCents } from '../lib/format.js';

/**
 * A claim's payments held as possible duplicates (a second payment under another payer claim
 * number). Nothing of them is on the claim's balances until a biller accepts one (it is posted
 * then) or rejects it; either way the reason is kept and audit-logged by the server.
 */
export function HeldPayments({
  held,
  canResolve,
  busy,
  onResolve,
}: {
  held: readonly HeldPayment[];
  canResolve: boolean;
  busy: boolean;
  onResolve: (postingId: number, decision: 'accept' | 'reject', reason: string) => void;
}) {
  return (
    <section aria-labelledby="held-title">
      <h2 id="held-title">Held payments</h2>
      <ul className="held-payments">
        {held.map((h) => (
          <HeldItem key={h.postingId} held={h} canResolve={canResolve} busy={busy} onResolve={onResolve} />
        ))}
      </ul>
    </section>
  );
}

function HeldItem({
  held: h,
  canResolve,
  busy,
  onResolve,
}: {
  held: HeldPayment;
  canResolve: boolean;
  busy: boolean;
  onResolve: (postingId: number, decision: 'accept' | 'reject', reason: string) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const ready = !busy && reason.trim().length > 0;
  return (
    <li>
      <p>
        {formatCents(h.paidCents)} under payer claim {h.payerClaimNumber}: {h.reason}
      </p>
      {canResolve && (
        <div className="row-buttons">
          <label htmlFor={id}>Why</label>
          <input id={id} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <button
            type="button"
            disabled={!ready}
            onClick={() => onResolve(h.postingId, 'accept', reason.trim())}
          >
            Accept and post
          </button>
          <button
            type="button"
            disabled={!ready}
            onClick={() => onResolve(h.postingId, 'reject', reason.trim())}
          >
            Reject
          </button>
        </div>
      )}
    </li>
  );
}

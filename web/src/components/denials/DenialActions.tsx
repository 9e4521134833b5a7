import type { BillingOptions, ClaimWork } from '../../api/billing.js';
import { api } from '../../api/client.js';
import type { ClaimDetail, StoredClaimLine, User } from '../../api/types.js';
import { formatCents, humanState } from '../../lib/format.js';
import { href } from '../../lib/route.js';
import { useAsync } from '../../lib/use-async.js';
import { ErrorAlert } from '../Alert.js';
import { ClaimLink } from '../Links.js';
import { AppealLetterForm } from './AppealLetterForm.js';
import { ClaimAssignment } from './ClaimAssignment.js';
import { CorrectedClaimForm } from './CorrectedClaimForm.js';
import { WriteOffForm } from './WriteOffForm.js';

type Claim = ClaimDetail &
  Partial<ClaimWork> & {
    claim: { diagnoses?: string[]; lines?: (StoredClaimLine & { lineControlNumber?: string })[] } | null;
  };

/** A denied claim's states the actions apply to (the server checks again). */
const CORRECTABLE = new Set(['paid', 'partially_paid', 'denied']);
const APPEALABLE = new Set(['denied', 'partially_paid', 'appealed']);
const WRITABLE = new Set(['paid', 'partially_paid', 'denied', 'appealed']);

/**
 * What a biller does with a denied claim, from the worklist: correct it (a replacement claim),
 * appeal it (a letter), write off what will not be paid, or assign it. Each action reloads the
 * claim and the worklist once the server has taken it.
 */
export function DenialActions({
  claimId,
  user,
  options,
  onChanged,
  onClose,
}: {
  claimId: number | string;
  user: User;
  options: BillingOptions | null;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { data, error, reload } = useAsync(() => api.claim(String(claimId)) as Promise<Claim>, [claimId]);
  const changed = () => {
    reload();
    onChanged();
  };
  if (!data) return error ? <ErrorAlert message={error} /> : <p className="loading">Loading claim…</p>;
  const state = data.state;
  return (
    <section className="panel denial-actions" aria-labelledby="work-claim-title" data-testid="denial-actions">
      <div className="panel-head">
        <h2 id="work-claim-title">
          Work <ClaimLink id={data.id} /> <span className={`badge claim-${state}`}>{humanState(state)}</span>
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        Payer claim number {data.payerClaimNumber ?? '—'} · open balance{' '}
        {formatCents(data.balance?.openCents)} · assigned to {data.assignee?.username ?? 'nobody'}
      </p>
      <details open={CORRECTABLE.has(state)}>
        <summary>Corrected claim</summary>
        {CORRECTABLE.has(state) ? (
          <CorrectedClaimForm
            claimId={data.id}
            diagnoses={data.claim?.diagnoses ?? []}
            lines={data.claim?.lines ?? []}
            onCreated={(id) => {
              onChanged();
              window.location.hash = href({ page: 'claim', id: String(id) });
            }}
          />
        ) : (
          <p className="muted">A {humanState(state)} claim is not corrected.</p>
        )}
      </details>
      <details>
        <summary>Appeal letter</summary>
        {APPEALABLE.has(state) ? (
          <AppealLetterForm claimId={data.id} canMark={state !== 'appealed'} onMarked={changed} />
        ) : (
          <p className="muted">A {humanState(state)} claim has no denial to appeal.</p>
        )}
      </details>
      <details>
        <summary>Write off</summary>
        {WRITABLE.has(state) && data.balance && options ? (
          <WriteOffForm
            key={data.balance.openCents}
            claimId={data.id}
            openCents={data.balance.openCents}
            reasons={options.writeOffReasons}
            onDone={changed}
          />
        ) : (
          <p className="muted">Nothing to write off on a {humanState(state)} claim.</p>
        )}
      </details>
      <details>
        <summary>Assign</summary>
        {options && (
          <ClaimAssignment
            key={data.assignee?.id ?? 'none'}
            claimId={data.id}
            assignee={data.assignee ?? null}
            user={user}
            assignees={options.assignees}
            onDone={changed}
          />
        )}
      </details>
    </section>
  );
}

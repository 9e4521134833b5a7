import { useState } from 'react';
import { type BillingOptions, billingApi, type WorkedDenialLine } from '../api/billing.js';
import type { User } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { BILLING_ROLES } from '../components/ClaimBilling.js';
import { DenialActions } from '../components/denials/DenialActions.js';
import { ClaimLink, EncounterLink } from '../components/Links.js';
import { TableHead } from '../components/TableHead.js';
import { formatCents } from '../lib/format.js';
import { keyed } from '../lib/keys.js';
import { useAsync } from '../lib/use-async.js';

const GROUP_LABEL: Record<string, string> = {
  CO: 'Contractual obligation',
  PR: 'Patient responsibility',
  OA: 'Other adjustment',
  PI: 'Payer-initiated reduction',
};

/**
 * Denied lines grouped by CAS group, then by reason (CARC), with the RARCs that explain them,
 * each claim's open balance and who works it; filtered by assignee. "Work" opens the actions on
 * the claim (corrected claim, appeal letter, write-off, assignment) for billers.
 */
export function DenialsPage({ user }: { user: User }) {
  const [assignee, setAssignee] = useState('');
  const [working, setWorking] = useState<number | string | null>(null);
  const { data, error, loading, reload } = useAsync(
    () => billingApi.denials(assignee || undefined),
    [assignee],
  );
  const canAct = BILLING_ROLES.includes(user.role);
  const options = useAsync<BillingOptions | null>(
    () => (canAct ? billingApi.options() : Promise.resolve(null)),
    [canAct],
  );
  const groups = data?.groups ?? [];
  return (
    <section aria-labelledby="denials-title">
      <div className="panel-head">
        <h1 id="denials-title">Denials worklist</h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Assignee
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Unassigned</option>
            {options.data?.assignees
              .filter((a) => a.id !== user.id)
              .map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.username}
                </option>
              ))}
          </select>
        </label>
      </form>
      <ErrorAlert message={error ?? options.error} />
      {working !== null && (
        <DenialActions
          key={working}
          claimId={working}
          user={user}
          options={options.data}
          onChanged={reload}
          onClose={() => setWorking(null)}
        />
      )}
      {loading && <p className="loading">Loading…</p>}
      {!loading && groups.length === 0 && <p className="muted">No denials to work.</p>}
      {groups.map((g) => (
        <section key={g.group} className="panel denial-group" aria-labelledby={`group-${g.group}`}>
          <h2 id={`group-${g.group}`}>
            {g.group} — {g.label ?? GROUP_LABEL[g.group] ?? 'Other'}
          </h2>
          {g.reasons.map((r) => (
            <div key={r.carc} className="denial-reason" data-carc={r.carc}>
              <h3>
                CARC {r.carc}: {r.meaning}
                {r.category && r.category !== r.meaning ? <span className="badge">{r.category}</span> : null}{' '}
                <span className="muted">
                  {r.count} line{r.count === 1 ? '' : 's'}, {formatCents(r.totalCents)}
                </span>
              </h3>
              <table className="grid compact">
                <TableHead
                  columns={[
                    'Claim',
                    'Encounter',
                    'Code',
                    '#Amount',
                    'Remarks (RARC)',
                    '#Open balance',
                    'Assigned to',
                    ...(canAct ? ['Action'] : []),
                  ]}
                />
                <tbody>
                  {keyed(r.lines as WorkedDenialLine[], (l) => `${l.claimId}|${l.code}`).map(
                    ({ item: l, key }) => (
                      <tr key={key}>
                        <td>
                          <ClaimLink id={l.claimId} />
                        </td>
                        <td>
                          <EncounterLink id={l.encounterId} />
                        </td>
                        <td>{l.code ?? '—'}</td>
                        <td className="num">{formatCents(l.amountCents)}</td>
                        <td>{l.rarc.join(', ') || '—'}</td>
                        <td className="num">{formatCents(l.openCents)}</td>
                        <td>{l.assignee?.username ?? '—'}</td>
                        {canAct && (
                          <td>
                            <button
                              type="button"
                              aria-label={`Work claim ${l.claimId}`}
                              aria-pressed={working === l.claimId}
                              onClick={() => setWorking(l.claimId)}
                            >
                              Work
                            </button>
                          </td>
                        )}
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}

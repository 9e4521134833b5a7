import { type ChangeEvent, type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { RemitResult, User } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { ClaimLink, EncounterLink } from '../components/Links.js';
import { RemittanceList } from '../components/RemittanceList.js';
import { TableHead } from '../components/TableHead.js';
import { formatCents, humanState } from '../lib/format.js';
import { keyed } from '../lib/keys.js';
import { href } from '../lib/route.js';

/** 835 files are a few kilobytes to a few megabytes; refuse anything far beyond that before reading it. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Post an 835 remittance by pasting its text or choosing the file (billers); the remittances posted. */
export function RemitsPage({ user }: { user: User }) {
  // Posting is the biller's (and admin's): the server allows no one else (routes/billing.ts).
  const canPost = user.role === 'biller' || user.role === 'admin';
  const [posted, setPosted] = useState(0);
  const [x12, setX12] = useState('');
  const [result, setResult] = useState<RemitResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setError(
        `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB; an 835 over 20 MB is not accepted here`,
      );
      return;
    }
    file
      .text()
      .then((t) => {
        setX12(t);
        setError(null);
      })
      .catch((err) => setError(`cannot read ${file.name}: ${errorMessage(err)}`));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.postRemit(x12));
      setPosted((n) => n + 1);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="remits-title">
      <h1 id="remits-title">Remittances</h1>
      {canPost && (
        <form onSubmit={submit} className="remit-form">
          <label>
            835 file
            <input type="file" accept=".835,.txt,.x12,.edi,text/plain" onChange={onFile} />
          </label>
          <label>
            835 text
            <textarea
              value={x12}
              onChange={(e) => setX12(e.target.value)}
              rows={10}
              spellCheck={false}
              placeholder="ISA*00*…"
              className="mono"
            />
          </label>
          <button type="submit" className="primary" disabled={busy || !x12.trim()}>
            {busy ? 'Posting…' : 'Post remittance'}
          </button>
        </form>
      )}
      <ErrorAlert message={error} />
      {result && (
        <div className="panel" role="status" data-testid="remit-result">
          <p>
            {result.alreadyPosted
              ? 'This remittance was already posted; nothing changed.'
              : `Posted ${result.posted} claim payment${result.posted === 1 ? '' : 's'}${
                  result.paidCents === undefined ? '' : `, ${formatCents(result.paidCents)} paid`
                }.`}{' '}
            <a href={href({ page: 'denials' })}>Open the denials worklist</a>
          </p>
          {result.problems.length > 0 && (
            <>
              <h2>Problems</h2>
              <ul>
                {keyed(result.problems, (p) => p).map(({ item, key }) => (
                  <li key={key}>{item}</li>
                ))}
              </ul>
            </>
          )}
          {result.claims.length > 0 && (
            <table className="grid compact" aria-label="Claims in this remittance">
              <TableHead
                columns={['Patient control number', 'Claim', 'Outcome', '#Paid', 'Claim state', 'Encounter']}
              />
              <tbody>
                {keyed(result.claims, (c) => `${c.patientControlNumber}|${c.claimId}`).map(
                  ({ item: c, key }) => (
                    <tr key={key}>
                      <td>{c.patientControlNumber}</td>
                      <td>{c.claimId === null ? 'not ours' : <ClaimLink id={c.claimId} />}</td>
                      <td>{humanState(c.outcome)}</td>
                      <td className="num">{formatCents(c.paidCents)}</td>
                      <td>{humanState(c.state)}</td>
                      <td>
                        <EncounterLink id={c.encounterId} />
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          )}
        </div>
      )}
      <RemittanceList version={posted} />
    </section>
  );
}

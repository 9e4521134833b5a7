import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type NewSample, type QaPerson, qaApi, type SampleDetail } from '../api/qa.js';
import { parseDollars } from '../lib/format.js';
import { ErrorAlert } from './Alert.js';
import { PersonSelect } from './PersonSelect.js';

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Drawing an audit sample: finished encounters with a date of service in a range, a count or a
 * percentage of them, optionally one coder, a code family (E, E11, E11.6) or a minimum claim
 * charge. The seed may be typed to repeat a draw; left empty, the server picks and records one.
 * A supervisor or admin may hand the sample to another auditor; an auditor draws for themself.
 */
export function QaSampleForm({
  people,
  canAssign,
  onCreated,
}: {
  people: { coders: QaPerson[]; auditors: QaPerson[] } | null;
  canAssign: boolean;
  onCreated: (sample: SampleDetail) => void;
}) {
  const [from, setFrom] = useState(isoDaysAgo(90));
  const [to, setTo] = useState(isoDaysAgo(0));
  const [by, setBy] = useState<'size' | 'percent'>('size');
  const [amount, setAmount] = useState('10');
  const [coderId, setCoderId] = useState('');
  const [family, setFamily] = useState('');
  const [minCharge, setMinCharge] = useState('');
  const [seed, setSeed] = useState('');
  const [auditorId, setAuditorId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(amount);
    if (!amount.trim() || !Number.isFinite(n) || n <= 0) return setError('How many: a number above 0');
    const cents = minCharge.trim() ? parseDollars(minCharge) : null;
    if (minCharge.trim() && cents === null)
      return setError('Minimum charge: an amount in dollars, e.g. 250.00');
    const input: NewSample = {
      from,
      to,
      ...(by === 'size' ? { size: n } : { percent: n }),
      ...(coderId ? { coderId: Number(coderId) } : {}),
      ...(family.trim() ? { codeFamily: family.trim() } : {}),
      ...(cents !== null ? { minChargeCents: cents } : {}),
      ...(seed.trim() ? { seed: seed.trim() } : {}),
      ...(auditorId ? { auditorId: Number(auditorId) } : {}),
    };
    setBusy(true);
    setError(null);
    qaApi
      .createSample(input)
      .then(onCreated)
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="New audit sample">
      <label>
        Service from <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label>
        to <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <label>
        Sample by
        <select
          aria-label="Sample by"
          value={by}
          onChange={(e) => setBy(e.target.value as 'size' | 'percent')}
        >
          <option value="size">count</option>
          <option value="percent">percent</option>
        </select>
      </label>
      <label>
        How many{' '}
        <input inputMode="decimal" size={5} value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <PersonSelect
        text="Coder"
        label="Coder"
        people={people?.coders}
        value={coderId}
        onChange={setCoderId}
        none="any"
      />
      <label>
        Code family{' '}
        <input size={7} value={family} onChange={(e) => setFamily(e.target.value)} placeholder="E11" />
      </label>
      <label>
        Charge at least ($){' '}
        <input size={8} value={minCharge} onChange={(e) => setMinCharge(e.target.value)} />
      </label>
      <label>
        Seed <input size={12} value={seed} onChange={(e) => setSeed(e.target.value)} placeholder="random" />
      </label>
      {canAssign && (
        <PersonSelect
          text="Auditor"
          label="Auditor"
          people={people?.auditors}
          value={auditorId}
          onChange={setAuditorId}
          none="me"
        />
      )}
      <button type="submit" disabled={busy}>
        Draw sample
      </button>
      <ErrorAlert message={error} />
    </form>
  );
}

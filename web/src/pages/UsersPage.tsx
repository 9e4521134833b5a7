import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { type Account, ROLES, type Role, type User } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { TableHead } from '../components/TableHead.js';
import { useAsync } from '../lib/use-async.js';

/**
 * The admin's accounts page: create an account, disable or re-enable one, change its role, set
 * a new password, lift a lockout. The server applies the password policy and keeps
 * the last admin; its refusal is shown as it words it. Every change is audit-logged there.
 */
export function UsersPage({ user }: { user: User }) {
  const { data, setData, error, loading, reload } = useAsync(() => api.users(), []);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<number | null>(null);

  const act = async (done: string, change: () => Promise<{ users: Account[] }>) => {
    setActionError(null);
    setNotice(null);
    try {
      const { users } = await change();
      setData({ users });
      setNotice(done);
      return true;
    } catch (err) {
      setActionError(errorMessage(err));
      return false;
    }
  };

  return (
    <section aria-labelledby="users-title">
      <div className="panel-head">
        <h1 id="users-title">Accounts</h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <NewAccount
        onCreated={(name) => {
          setNotice(`Created ${name}.`);
          reload();
        }}
      />
      <ErrorAlert message={error ?? actionError} />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {loading && !data && <p className="loading">Loading…</p>}
      {data && (
        <table className="grid" aria-label="Accounts">
          <TableHead columns={['Username', 'Role', 'State', 'Password set', 'Actions']} />
          <tbody>
            {data.users.map((a) => (
              <tr key={a.id} data-username={a.username}>
                <td>
                  {a.username}
                  {String(a.id) === String(user.id) ? <span className="muted"> (you)</span> : null}
                </td>
                <td>
                  <select
                    aria-label={`Role of ${a.username}`}
                    value={a.role}
                    onChange={(e) =>
                      act(`${a.username} is now ${e.target.value}.`, () =>
                        api.setUserRole(a.id, e.target.value as Role),
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {a.active ? 'active' : 'disabled'}
                  {a.lockedUntil ? (
                    <span className="badge" title={`${a.failedLogins} failed logins`}>
                      locked until {new Date(a.lockedUntil).toLocaleTimeString()}
                    </span>
                  ) : null}
                </td>
                <td>{a.passwordChangedAt.slice(0, 10)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      act(`${a.active ? 'Disabled' : 'Enabled'} ${a.username}.`, () =>
                        api.setUserActive(a.id, !a.active),
                      )
                    }
                  >
                    {a.active ? 'Disable' : 'Enable'}
                    <span className="visually-hidden"> {a.username}</span>
                  </button>{' '}
                  {a.lockedUntil && (
                    <>
                      <button
                        type="button"
                        onClick={() => act(`Unlocked ${a.username}.`, () => api.unlockUser(a.id))}
                      >
                        Unlock<span className="visually-hidden"> {a.username}</span>
                      </button>{' '}
                    </>
                  )}
                  <button type="button" onClick={() => setResetting(resetting === a.id ? null : a.id)}>
                    Set password<span className="visually-hidden"> of {a.username}</span>
                  </button>
                  {resetting === a.id && (
                    <PasswordReset
                      account={a}
                      onSet={(password) =>
                        act(`New password set for ${a.username}; their sessions have ended.`, () =>
                          api.resetPassword(a.id, password),
                        ).then((ok) => ok && setResetting(null))
                      }
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A random password that meets the policy (16 characters from a 56-letter alphabet, ~93 bits). */
function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // 256 % 56 leaves a slight bias toward the first letters; irrelevant at 16 characters.
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function PasswordReset({ account, onSet }: { account: Account; onSet: (password: string) => void }) {
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSet(password);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`New password for ${account.username}`}>
      <label>
        New password
        <input
          name="new-password"
          type="text"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <button type="button" onClick={() => setPassword(generatePassword())}>
        Generate
      </button>
      <button type="submit">Save password</button>
    </form>
  );
}

function NewAccount({ onCreated }: { onCreated: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('coder');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.createUser(username, password, role);
      setUsername('');
      setPassword('');
      onCreated(user.username);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel inline-form" onSubmit={submit} aria-labelledby="new-account-title">
      <h2 id="new-account-title">New account</h2>
      <label>
        Username
        <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label>
        Role
        <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Password
        <input
          name="password"
          type="text"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <button type="button" onClick={() => setPassword(generatePassword())}>
        Generate
      </button>
      <button type="submit" disabled={busy}>
        Create account
      </button>
      <p className="muted">
        At least 12 characters; not a common password, a run like 1234567890, or the username.
      </p>
      <ErrorAlert message={error} />
    </form>
  );
}

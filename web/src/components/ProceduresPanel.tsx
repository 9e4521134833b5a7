import { useEffect, useState } from 'react';
import type { MdmElement, ProcedureSuggestion, ProcedureSystem } from '../api/procedures.js';
import type { EvidenceSpan } from '../api/types.js';
import {
  addProcedure,
  editRow,
  type ProcedureRow,
  type ProcedureRowStatus,
  setStatus,
} from '../lib/procedure-review.js';

const STATUS_TEXT: Record<ProcedureRowStatus, string> = {
  pending: 'to review',
  accepted: 'accepted',
  rejected: 'rejected',
  replaced: 'changed',
  added: 'added',
};

/**
 * The encounter's procedure lines for review: E/M level with the MDM grid or the time it read,
 * HCPCS lines with the units arithmetic, ICD-10-PCS with its seven axes, modifiers with their
 * reasons and the diagnoses each line points to. The coder accepts, rejects, edits or adds lines
 * and saves them; the claim builder starts from what is saved.
 */
export function ProceduresPanel({
  rows,
  finalDiagnoses,
  editable,
  busy,
  dirty,
  onChange,
  onSave,
}: {
  rows: ProcedureRow[];
  finalDiagnoses: string[];
  editable: boolean;
  busy: boolean;
  dirty: boolean;
  onChange: (rows: ProcedureRow[]) => void;
  onSave: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [newSystem, setNewSystem] = useState<ProcedureSystem>('CPT');
  const [newCode, setNewCode] = useState('');

  const edit = (key: string, change: Parameters<typeof editRow>[2]) => {
    const result = editRow(rows, key, change, finalDiagnoses);
    if ('error' in result) setError(result.error);
    else {
      setError(null);
      onChange(result.rows);
    }
  };

  return (
    <section aria-labelledby="procedures-title" className="panel">
      <h2 id="procedures-title">Procedures</h2>
      {rows.length === 0 && <p className="muted">No procedure lines.</p>}
      <ol className="procedure-list" aria-label="Procedure lines">
        {rows.map((row, i) => (
          <li
            key={row.key}
            className={`procedure-row status-${row.status}`}
            data-code={row.code}
            data-status={row.status}
          >
            <div className="code-head">
              <span className="badge">{row.system}</span>
              <span className="code">{row.code}</span>
              {row.modifiers.length > 0 && <span className="modifiers">-{row.modifiers.join('-')}</span>}
              <span className="units">× {row.units}</span>
              <span className="title">{row.title || row.suggestion?.rationale.rule || ''}</span>
              <span className={`badge status-${row.status}`}>{STATUS_TEXT[row.status]}</span>
            </div>
            {row.pointers.length > 0 && <p className="code-meta">Diagnoses: {row.pointers.join(', ')}</p>}
            <Evidence spans={row.evidence} />
            {row.suggestion && <Rationale suggestion={row.suggestion} />}
            {editable && (
              <div className="row-actions">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => onChange(setStatus(rows, row.key, 'accepted'))}
                  aria-label={`Accept procedure line ${i + 1} ${row.code}`}
                >
                  Accept
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => onChange(setStatus(rows, row.key, 'rejected'))}
                  aria-label={`Reject procedure line ${i + 1} ${row.code}`}
                >
                  Reject
                </button>
                <LineField
                  label={`Procedure line ${i + 1} code`}
                  value={row.code}
                  size={8}
                  onCommit={(v) => edit(row.key, { code: v })}
                />
                {row.system !== 'ICD-10-PCS' && (
                  <>
                    <LineField
                      label={`Procedure line ${i + 1} units`}
                      value={String(row.units)}
                      size={3}
                      onCommit={(v) => edit(row.key, { units: v })}
                    />
                    <LineField
                      label={`Procedure line ${i + 1} modifiers`}
                      value={row.modifiers.join(' ')}
                      size={8}
                      onCommit={(v) => edit(row.key, { modifiers: v })}
                    />
                  </>
                )}
                <LineField
                  label={`Procedure line ${i + 1} diagnoses`}
                  value={row.pointers.join(' ')}
                  size={16}
                  onCommit={(v) => edit(row.key, { pointers: v })}
                />
              </div>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {editable && (
        <div className="row-actions">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!newCode.trim()) return;
              onChange(addProcedure(rows, newSystem, newCode));
              setNewCode('');
            }}
          >
            <label>
              System{' '}
              <select value={newSystem} onChange={(e) => setNewSystem(e.target.value as ProcedureSystem)}>
                <option value="CPT">CPT</option>
                <option value="HCPCS">HCPCS</option>
                <option value="ICD-10-PCS">ICD-10-PCS</option>
              </select>
            </label>{' '}
            <label>
              Code <input value={newCode} size={8} onChange={(e) => setNewCode(e.target.value)} />
            </label>{' '}
            <button type="submit" disabled={busy}>
              Add line
            </button>
          </form>
          <button type="button" disabled={busy || !dirty} onClick={onSave}>
            Save procedures
          </button>
        </div>
      )}
    </section>
  );
}

/** A small input that commits on blur or Enter, so a half-typed value is never applied. */
function LineField({
  label,
  value,
  size,
  onCommit,
}: {
  label: string;
  value: string;
  size: number;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  // A saved or reloaded line shows its new value.
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      aria-label={label}
      size={size}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onCommit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft !== value) onCommit(draft);
      }}
    />
  );
}

function Evidence({ spans }: { spans: EvidenceSpan[] }) {
  if (spans.length === 0) return null;
  return (
    <p className="evidence">
      {spans.map((s) => (
        <q key={`${s.start}-${s.end}`} title={`characters ${s.start}–${s.end}`}>
          {s.text}
        </q>
      ))}
    </p>
  );
}

/** Why the engine chose the line: the rule, its details, and the grid, units or axes it read. */
function Rationale({ suggestion }: { suggestion: ProcedureSuggestion }) {
  const r = suggestion.rationale;
  return (
    <details className="rationale">
      <summary>Why {suggestion.code}</summary>
      <p>{r.rule}</p>
      {r.details.length > 0 && (
        <ul>
          {r.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {r.em?.mdm && (
        <table className="mdm-grid">
          <caption>
            Medical decision making: {r.em.mdm.level} ({r.em.category}
            {r.em.patientStatus ? `, ${r.em.patientStatus} patient` : ''})
          </caption>
          <tbody>
            <MdmRow name="Problems" element={r.em.mdm.problems} />
            <MdmRow name="Data" element={r.em.mdm.data} />
            <MdmRow name="Risk" element={r.em.mdm.risk} />
          </tbody>
        </table>
      )}
      {r.em?.minutes && (
        <p>
          Total time: {r.em.minutes.value} minutes <Evidence spans={r.em.minutes.evidence} />
        </p>
      )}
      {r.units && <p>Units: {r.units.arithmetic}</p>}
      {suggestion.modifiers.length > 0 && (
        <ul>
          {suggestion.modifiers.map((m) => (
            <li key={m.code}>
              Modifier {m.code}: {m.reason}
            </li>
          ))}
        </ul>
      )}
      {r.pcs && (
        <table className="pcs-axes">
          <caption>ICD-10-PCS axes</caption>
          <tbody>
            {r.pcs.map((a) => (
              <tr key={a.position}>
                <th scope="row">
                  {a.position}. {a.name}
                </th>
                <td>{a.value}</td>
                <td>{a.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function MdmRow({ name, element }: { name: string; element: MdmElement }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{element.level}</td>
      <td>
        {element.items.length === 0
          ? 'none documented'
          : element.items.map((item) => (
              <span key={item.label} className="mdm-item">
                {item.label}
                {item.evidence[0] ? ` — “${item.evidence[0].text}”` : ''}
              </span>
            ))}
      </td>
    </tr>
  );
}

import type { LineDraft } from '../lib/claim-lines.js';

/**
 * The service-line editor the claim forms share (building a claim, correcting a denied one):
 * one row per line, inputs labelled "Line 2 charge in dollars" for a screen reader, a remove
 * button per row. The form around it reads the drafts (lib/claim-lines.ts readLine).
 */
const FIELDS: {
  field: keyof Omit<LineDraft, 'id'>;
  heading: string;
  label: string;
  size: number;
  inputMode?: 'numeric' | 'decimal';
}[] = [
  { field: 'code', heading: 'Procedure', label: 'procedure code', size: 7 },
  { field: 'modifiers', heading: 'Modifiers', label: 'modifiers', size: 8 },
  { field: 'units', heading: 'Units', label: 'units', size: 3, inputMode: 'numeric' },
  { field: 'charge', heading: 'Charge ($)', label: 'charge in dollars', size: 8, inputMode: 'decimal' },
  { field: 'pointers', heading: 'Pointers', label: 'diagnosis pointers', size: 6 },
];

let nextId = 1;

/** A new line's draft: one unit, pointing at the first diagnosis. */
export const blankLine = (): LineDraft => ({
  id: nextId++,
  code: '',
  modifiers: '',
  units: '1',
  charge: '',
  pointers: '1',
});

/** A draft with a fresh id (e.g. from a stored line). */
export const lineDraft = (line: Omit<LineDraft, 'id'>): LineDraft => ({ ...line, id: nextId++ });

export function LineTable<L extends LineDraft>({
  lines,
  onChange,
  onRemove,
  canRemove,
}: {
  lines: readonly L[];
  onChange: (id: number, field: keyof Omit<LineDraft, 'id'>, value: string) => void;
  onRemove: (id: number) => void;
  canRemove: boolean;
}) {
  return (
    <table className="grid compact">
      <thead>
        <tr>
          {FIELDS.map((f) => (
            <th key={f.field} scope="col">
              {f.heading}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={l.id}>
            {FIELDS.map((f) => (
              <td key={f.field}>
                <input
                  aria-label={`Line ${i + 1} ${f.label}`}
                  value={l[f.field]}
                  inputMode={f.inputMode}
                  onChange={(e) => onChange(l.id, f.field, e.target.value)}
                  size={f.size}
                />
              </td>
            ))}
            <td>
              <button
                type="button"
                disabled={!canRemove}
                onClick={() => onRemove(l.id)}
                aria-label={`Remove line ${i + 1}`}
              >
                ✕
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

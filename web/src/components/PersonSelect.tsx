import type { QaPerson } from '../api/qa.js';

/**
 * A labelled choice of one account by name, with a first option for "nobody in particular"
 * (any, all, me). The select is named by aria-label too: a wrapping label's text would include
 * every option.
 */
export function PersonSelect({
  text,
  label,
  people,
  value,
  onChange,
  none,
}: {
  /** The visible label. */
  text: string;
  /** The accessible name. */
  label: string;
  people: readonly QaPerson[] | undefined;
  value: string;
  onChange: (id: string) => void;
  none: string;
}) {
  return (
    <label>
      {text}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {people?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.username}
          </option>
        ))}
      </select>
    </label>
  );
}

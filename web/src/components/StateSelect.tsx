import { humanState } from '../lib/format.js';

/** A labelled state filter with an "Any" choice (empty string). */
export function StateSelect({
  states,
  value,
  onChange,
}: {
  states: readonly string[];
  value: string;
  onChange: (state: string) => void;
}) {
  return (
    <label>
      State
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {states.map((s) => (
          <option key={s} value={s}>
            {humanState(s)}
          </option>
        ))}
      </select>
    </label>
  );
}

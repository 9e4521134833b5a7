import { useId } from 'react';

/**
 * Overriding the claim scrubber: the server refuses a claim with an error finding unless the
 * request says why (the signed-in user is who); the reason is kept with the claim and in the
 * audit log. Closed by default, so overriding is a deliberate step.
 */
export function OverrideReason({ value, onChange }: { value: string; onChange: (reason: string) => void }) {
  const id = useId();
  return (
    <details className="override">
      <summary>Override scrubber errors</summary>
      <label htmlFor={id}>Why the claim should go out despite the scrubber's errors</label>
      <textarea id={id} value={value} maxLength={500} rows={2} onChange={(e) => onChange(e.target.value)} />
    </details>
  );
}

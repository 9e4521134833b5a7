import { useEffect, useState } from 'react';
import { type QaPerson, qaApi } from '../api/qa.js';
import { PersonSelect } from './PersonSelect.js';

/**
 * A supervisor's (or admin's) reassignment of an encounter to a coder of their choice: the coders
 * come from the same account list the coding-quality samples target. The server checks the move
 * again (ownership.ts) and audits it.
 */
export function ReassignSelect({
  currentId,
  busy,
  onAssign,
}: {
  currentId: number | null;
  busy: boolean;
  onAssign: (coder: QaPerson) => void;
}) {
  const [coders, setCoders] = useState<QaPerson[] | undefined>(undefined);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    qaApi
      .people()
      .then((p) => setCoders(p.coders))
      .catch(() => setCoders([]));
  }, []);
  const others = coders?.filter((c) => c.id !== currentId);
  const pick = others?.find((c) => String(c.id) === chosen);
  return (
    <span className="reassign">
      <PersonSelect
        text="Reassign to "
        label="Reassign to coder"
        people={others}
        value={chosen}
        onChange={setChosen}
        none="choose a coder"
      />{' '}
      <button type="button" disabled={busy || !pick} onClick={() => pick && onAssign(pick)}>
        Reassign
      </button>
    </span>
  );
}

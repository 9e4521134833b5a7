import { href } from '../lib/route.js';

/** A link to an encounter, or a dash when a claim or denial line has none. */
export function EncounterLink({ id }: { id: number | string | null | undefined }) {
  if (id === null || id === undefined) return <>—</>;
  return <a href={href({ page: 'encounter', id: String(id) })}>Encounter {id}</a>;
}

export function ClaimLink({ id }: { id: number | string }) {
  return <a href={href({ page: 'claim', id: String(id) })}>Claim {id}</a>;
}

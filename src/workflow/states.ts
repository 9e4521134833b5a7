import type { EncounterState } from '../store/schema-workflow.js';
import { conflict } from './errors.js';

/**
 * The encounter life cycle as a pure table: new → suggested (engine ran) → in_review (assigned
 * or being edited) → coded → claim_built → submitted → paid | denied → corrected (re-coded
 * after a denial) → coded again. The claim's own finer life cycle stays in src/claims/state.ts;
 * the encounter follows it at the coarse level a worklist needs.
 */
export const ENCOUNTER_STATES: readonly EncounterState[] = [
  'new',
  'suggested',
  'in_review',
  'coded',
  'claim_built',
  'submitted',
  'paid',
  'denied',
  'corrected',
];

export type EncounterAction =
  | 'suggest'
  | 'assign'
  | 'save-codes'
  | 'complete'
  | 'build-claim'
  | 'submit'
  | 'paid'
  | 'denied';

/** States each action may start from. */
const FROM: Record<EncounterAction, readonly EncounterState[]> = {
  suggest: ['new', 'suggested', 'in_review', 'corrected'],
  assign: ['new', 'suggested', 'in_review', 'coded', 'denied', 'corrected'],
  'save-codes': ['new', 'suggested', 'in_review', 'coded', 'denied', 'corrected'],
  complete: ['suggested', 'in_review', 'corrected'],
  'build-claim': ['coded'],
  submit: ['claim_built'],
  paid: ['submitted', 'denied', 'paid'],
  denied: ['submitted', 'paid', 'denied'],
};

/** The state after `action`, or a conflict error naming the move that is not allowed. */
export function nextState(state: EncounterState, action: EncounterAction): EncounterState {
  if (!FROM[action].includes(state)) {
    throw conflict('invalid_state', `an encounter in state "${state}" cannot take "${action}"`);
  }
  switch (action) {
    case 'suggest':
      return state === 'new' ? 'suggested' : state;
    case 'assign':
      return state === 'new' || state === 'suggested' ? 'in_review' : state;
    case 'save-codes':
      return state === 'denied' || state === 'corrected' ? 'corrected' : 'in_review';
    case 'complete':
      return 'coded';
    case 'build-claim':
      return 'claim_built';
    case 'submit':
      return 'submitted';
    case 'paid':
      return 'paid';
    case 'denied':
      return 'denied';
  }
}

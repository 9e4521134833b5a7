/**
 * The claim life cycle as a pure state machine. The database layer stores `status` and appends
 * every Transition; this module only decides which moves are legal, so the rules can be tested
 * (and explained) without a database.
 */
export type ClaimStatus =
  | 'draft'
  | 'validated'
  | 'submitted'
  | 'acknowledged'
  | 'rejected'
  | 'paid'
  | 'partially_paid'
  | 'denied'
  | 'corrected'
  | 'voided'
  | 'appealed'
  /** Closed: what the payer did not pay was written off (nothing left open). */
  | 'written_off';

export type ClaimEvent =
  | { type: 'validate' }
  | { type: 'edit' }
  /** Written into a batch: the control numbers of the file it went out in. */
  | { type: 'submit'; interchange: number; group: number; set: number; file?: string }
  | { type: 'accept'; source: '999' | '277CA'; payerClaimNumber?: string }
  | { type: 'reject'; source: '999' | '277CA'; reasons: string[] }
  | { type: 'adjudicate'; outcome: 'paid' | 'partially_paid' | 'denied'; remittance: string }
  /** CLP02 = 22: the payer took back its earlier decision; the claim awaits a new one. */
  | { type: 'reverse'; remittance: string }
  | { type: 'correct'; replacement: string }
  | { type: 'void'; voidClaim: string }
  | { type: 'appeal'; reference?: string }
  /** The open balance is written off (a biller's decision, with a reason); the claim is closed. */
  | { type: 'write-off'; amountCents: number; reason: string };

export interface Transition {
  from: ClaimStatus;
  to: ClaimStatus;
  event: ClaimEvent;
  /** Who caused it: a user id, or the file/process for automatic postings. */
  by: string;
  /** ISO timestamp. */
  at: string;
}

export interface ClaimState {
  status: ClaimStatus;
  history: Transition[];
}

/** A move the life cycle does not allow (e.g. paying a draft). */
export class ClaimStateError extends Error {
  override name = 'ClaimStateError';
  constructor(
    readonly status: ClaimStatus,
    readonly event: ClaimEvent['type'],
  ) {
    super(`a ${status} claim cannot take "${event}"`);
  }
}

const ADJUDICATED: ClaimStatus[] = ['paid', 'partially_paid', 'denied'];

/** For each event, the states it may start from. The target state is fixed per event, except adjudicate. */
const FROM: Record<ClaimEvent['type'], ClaimStatus[]> = {
  validate: ['draft'],
  edit: ['validated', 'rejected'],
  submit: ['validated'],
  // A 277CA can follow a 999 for the same claim, so acknowledged → acknowledged is allowed.
  accept: ['submitted', 'acknowledged'],
  reject: ['submitted', 'acknowledged'],
  // An 835 may arrive without any 277CA; an appeal ends in a new decision.
  adjudicate: ['submitted', 'acknowledged', 'appealed', ...ADJUDICATED],
  reverse: ADJUDICATED,
  correct: ADJUDICATED,
  void: ['submitted', 'acknowledged', ...ADJUDICATED],
  appeal: ['denied', 'partially_paid'],
  'write-off': [...ADJUDICATED, 'appealed'],
};

function target(event: ClaimEvent): ClaimStatus {
  switch (event.type) {
    case 'validate':
      return 'validated';
    case 'edit':
      return 'draft';
    case 'submit':
      return 'submitted';
    case 'accept':
    case 'reverse':
      return 'acknowledged';
    case 'reject':
      return 'rejected';
    case 'adjudicate':
      return event.outcome;
    case 'correct':
      return 'corrected';
    case 'void':
      return 'voided';
    case 'appeal':
      return 'appealed';
    case 'write-off':
      return 'written_off';
  }
}

/** Applies an event; returns the new state (the input is not changed) or throws ClaimStateError. */
export function applyEvent(state: ClaimState, event: ClaimEvent, by: string, at: string): ClaimState {
  if (!FROM[event.type].includes(state.status)) throw new ClaimStateError(state.status, event.type);
  const to = target(event);
  return { status: to, history: [...state.history, { from: state.status, to, event, by, at }] };
}

export const newClaimState = (): ClaimState => ({ status: 'draft', history: [] });

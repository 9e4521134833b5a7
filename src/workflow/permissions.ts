import type { UserRole } from '../store/schema-workflow.js';

/**
 * Who may do what on an encounter and its queries: one table, read by the server's routes (each
 * declares its roles from it) and sent with the session to the workbench, which shows a button
 * only when the user's role may use it (an auditor reads charts and sees no button that would
 * answer "an auditor may not do this").
 */

/** The back-office roles, who work the revenue cycle. The provider is not one: it sees its own queries only. */
export const STAFF_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'coder', 'auditor', 'biller'];

const CODING: readonly UserRole[] = ['admin', 'supervisor', 'coder'];

export const PERMISSIONS = {
  /** Import a note as an encounter. */
  'encounter.import': CODING,
  /** Run the coding engine. */
  'encounter.suggest': CODING,
  /** Take or hand back an encounter (ownership.ts says whose). */
  'encounter.assign': CODING,
  /** Accept, reject, replace, add and order codes. */
  'encounter.code': CODING,
  /** Sign the codes off. */
  'encounter.complete': CODING,
  'encounter.scrub': [...CODING, 'biller'],
  'encounter.claim': [...CODING, 'biller'],
  /** Ask a provider, withdraw an open query, close an answered one (the encounter's assignee). */
  'query.ask': CODING,
  /** Answer a query addressed to oneself. */
  'query.answer': ['provider'],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The actions of PERMISSIONS a role may take, for the workbench. */
export function permissionsOf(role: UserRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
    (PERMISSIONS[p] as readonly UserRole[]).includes(role),
  );
}

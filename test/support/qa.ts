import { createUser, type PublicUser } from '../../src/workflow/accounts.js';
import { buildClaim, completeEncounter } from '../../src/workflow/claim-build.js';
import { saveCodes } from '../../src/workflow/codes.js';
import type { Actor, WorkflowContext } from '../../src/workflow/context.js';
import { assignEncounter, importEncounter } from '../../src/workflow/encounters.js';

/**
 * Seeding for the coding-quality audit tests: finished encounters as a coder leaves them
 * (imported, assigned, codes saved, signed off, and optionally a claim built with a charge),
 * through the workflow functions themselves so the history and the audit log are real.
 */
export const QA_PASSWORD = 'qa tests correct horse';

export async function qaUser(
  ctx: WorkflowContext,
  username: string,
  role: PublicUser['role'],
): Promise<Actor> {
  const user = await createUser(ctx.db, { username, password: QA_PASSWORD, role });
  return { user, ip: '127.0.0.1' };
}

export interface FinishedChart {
  note: string;
  dateOfService: string;
  /** The coder's final codes, first = principal / first-listed. */
  codes: string[];
  /** Builds a claim with one 99213 line at this charge. */
  chargeCents?: number;
}

export async function finishedEncounter(
  ctx: WorkflowContext,
  admin: Actor,
  coder: Actor,
  chart: FinishedChart,
): Promise<number> {
  const id = await importEncounter(ctx, admin, {
    note: chart.note,
    patient: { displayName: 'Audit, Pat', birthDate: '1958-04-05', sex: 'F' },
    visit: { dateOfService: chart.dateOfService, setting: 'outpatient', payer: 'Medicare' },
  });
  await assignEncounter(ctx, admin, id, coder.user.id);
  await saveCodes(
    ctx,
    coder,
    id,
    chart.codes.map((code, i) => ({ code, sequence: i + 1, status: 'added' as const, proposed: null })),
  );
  await completeEncounter(ctx, coder, id);
  if (chart.chargeCents !== undefined)
    await buildClaim(
      ctx,
      coder,
      id,
      [{ code: '99213', modifiers: [], units: 1, chargeCents: chart.chargeCents, pointers: [1] }],
      'qa test seeding: the scrubber is not under test here',
    );
  return id;
}

export const DIABETES_NOTE = `ASSESSMENT:
1. Type 2 diabetes mellitus with hyperglycemia.
2. Essential hypertension.
PLAN: Continue metformin and lisinopril.`;

export const ASTHMA_NOTE = `ASSESSMENT: Mild intermittent asthma, uncomplicated.
PLAN: Albuterol as needed.`;

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * A blind re-coding stays blind only if the auditor cannot open the chart's own pages meanwhile:
 * the encounter view shows the coder's codes, the engine's suggestion and the history of saves,
 * and the claim lists the diagnoses. This finds the item of `userId`'s samples still awaiting
 * their re-coding for an encounter, or for a claim built from one (the claim the encounter
 * points to, or an earlier one of its claims: their patient control numbers are E<encounter>-n,
 * claim-build.ts). server/qa-blind.ts refuses those routes while it exists.
 */
export interface PendingItem {
  itemId: number;
  sampleId: number;
  encounterId: number;
}

export async function pendingBlindItem(
  db: Kysely<Database>,
  userId: number,
  target: { encounterId: number } | { claimId: number },
): Promise<PendingItem | undefined> {
  let q = db
    .selectFrom('qa_item as i')
    .innerJoin('qa_sample as s', 's.id', 'i.sample_id')
    .select(['i.id', 'i.sample_id', 'i.encounter_id'])
    .where('s.auditor_id', '=', userId)
    .where('i.submitted_at', 'is', null);
  if ('encounterId' in target) q = q.where('i.encounter_id', '=', target.encounterId);
  else {
    const claimId = target.claimId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('claim as cl')
          .innerJoin('encounter as e', 'e.id', 'i.encounter_id')
          .select(sql`1`.as('one'))
          .where('cl.id', '=', claimId)
          .where((w) =>
            w.or([
              w('e.claim_id', '=', claimId),
              w('cl.patient_control_number', 'like', sql<string>`'E' || e.id || '-%'`),
            ]),
          ),
      ),
    );
  }
  const row = await q.orderBy('i.id').limit(1).executeTakeFirst();
  return row ? { itemId: row.id, sampleId: row.sample_id, encounterId: row.encounter_id } : undefined;
}

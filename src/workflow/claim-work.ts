import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { claimBalance } from './claim-balance.js';
import { claimWriteOffs } from './write-off.js';

/**
 * What the claim page shows a biller beside the claim: its open balance and write-offs, who
 * works it, the claim it replaces and the claims that replaced or voided it, and the batch it
 * went out in (whose 837 can be downloaded when the file was kept).
 */
export async function claimWork(db: Kysely<Database>, id: number) {
  const [row, balance, writeOffs, replacedBy] = await Promise.all([
    db
      .selectFrom('claim as c')
      .leftJoin('app_user as u', 'u.id', 'c.assignee_id')
      .leftJoin('claim_batch as b', 'b.id', 'c.batch_id')
      .select([
        'c.frequency',
        'c.replaces_claim_id',
        'c.assignee_id',
        'u.username',
        'c.batch_id',
        'b.interchange_control',
        'b.created_at as batch_at',
        (eb) => eb('b.x12', 'is not', null).as('file_kept'),
      ])
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow(),
    claimBalance(db, id),
    claimWriteOffs(db, id),
    db
      .selectFrom('claim')
      .select(['id', 'frequency', 'status'])
      .where('replaces_claim_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    frequency: row.frequency,
    replacesClaimId: row.replaces_claim_id,
    replacedBy: replacedBy.map((r) => ({ id: r.id, frequency: r.frequency, state: r.status })),
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, username: row.username },
    balance,
    writeOffs,
    batch:
      row.batch_id === null
        ? null
        : {
            id: row.batch_id,
            interchange: row.interchange_control,
            at: row.batch_at?.toISOString() ?? null,
            fileKept: row.file_kept === true,
          },
  };
}

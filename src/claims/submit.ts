import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { X12Error } from '../x12/errors.js';
import { StoreControlNumbers } from '../x12/store-control-numbers.js';
import type { Claim } from './model.js';
import { getClaim, type StoredClaim } from './store.js';
import { recordTransition } from './transition-store.js';
import { type Submission, write837 } from './write-837.js';

export interface SubmitOptions {
  by: string;
  /** Where to write the 837; without it the text is only returned (the batch is still recorded). */
  file?: string;
  /**
   * Runs in the submitting transaction once the claims are loaded and found validated, before
   * anything is written: the scrubber gate (workflow/claim-validation.ts) throws here to stop
   * the batch, and records its overrides with it.
   */
  beforeWrite?: (trx: Kysely<Database>, claims: readonly StoredClaim[]) => Promise<void>;
}

export interface SubmittedBatch {
  batchId: number;
  interchange: number;
  group: number;
  set: number;
  file?: string;
  sha256: string;
  text: string;
  claimIds: number[];
}

/**
 * Submits validated claims of one kind as one 837 batch, in one transaction: control numbers
 * come from the store (never reused), the batch row records them with the file's sha256, and
 * every claim moves to `submitted` with the numbers in its history. The file is written before
 * commit and removed again if anything fails, so a recorded batch always has its file and a
 * failed one leaves none.
 */
export async function submitClaims(
  db: Kysely<Database>,
  claimIds: readonly number[],
  submission: Submission,
  options: SubmitOptions,
): Promise<SubmittedBatch> {
  if (claimIds.length === 0) throw new X12Error('no claims to submit');
  if (new Set(claimIds).size !== claimIds.length) throw new X12Error('a claim is listed twice');
  let written: string | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const stored = [];
      for (const id of claimIds) stored.push(await getClaim(trx, id));
      const notReady = stored.filter((c) => c.status !== 'validated');
      if (notReady.length)
        throw new X12Error(
          `only validated claims can be submitted: ${notReady.map((c) => `claim ${c.id} is ${c.status}`).join(', ')}`,
        );
      await options.beforeWrite?.(trx, stored);
      const { out, batchId, sha256 } = await recordBatch(
        trx,
        stored.map((c) => c.claim),
        submission,
        options.by,
        options.file,
      );
      for (const c of stored) {
        await recordTransition(
          trx,
          c.id,
          {
            type: 'submit',
            interchange: out.interchange,
            group: out.group,
            set: out.set,
            ...(options.file ? { file: options.file } : {}),
          },
          options.by,
        );
        await trx.updateTable('claim').set({ batch_id: batchId }).where('id', '=', c.id).execute();
      }
      if (options.file) {
        await writeFile(options.file, out.text, { flag: 'wx' });
        written = options.file;
      }
      return { ...batchResult(batchId, out, sha256, options.file), claimIds: [...claimIds] };
    });
  } catch (e) {
    if (written) await rm(written, { force: true });
    throw e;
  }
}

/**
 * Writes the 837 for claims with numbers from the store's counter (x12_control_counter, the
 * one sequence per sender every 837 draws from) and records the batch row (claim_batch keeps
 * ISA13/GS06 unique per sender). The caller owns the transaction.
 */
async function recordBatch(
  trx: Kysely<Database>,
  claims: readonly Claim[],
  submission: Submission,
  by: string,
  file: string | undefined,
) {
  const out = await write837([...claims], submission, new StoreControlNumbers(trx));
  const sha256 = createHash('sha256').update(out.text).digest('hex');
  const { id: batchId } = await trx
    .insertInto('claim_batch')
    .values({
      kind: claims[0]!.type,
      sender_id: submission.submitter.id,
      receiver_id: submission.receiver.id,
      interchange_control: out.interchange,
      group_control: out.group,
      set_control: out.set,
      file_name: file ?? null,
      sha256,
      claims: claims.length,
      created_by: by,
      x12: out.text,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { out, batchId, sha256 };
}

function batchResult(
  batchId: number,
  out: { interchange: number; group: number; set: number; text: string },
  sha256: string,
  file: string | undefined,
): Omit<SubmittedBatch, 'claimIds'> {
  const { interchange, group, set, text } = out;
  return { batchId, interchange, group, set, ...(file ? { file } : {}), sha256, text };
}

/**
 * An 837 of claims not submitted from the store (`medcoder claim build`, a biller's download of
 * a claim not yet sent): the same control-number counter and batch record as submitClaims, so a
 * built file and a submitted batch never share an ISA13. `beforeWrite` runs first in the
 * transaction (the scrubber gate's overrides), `afterWrite` last with the batch (its audit
 * entry). The file, when given, is written before commit and removed if the commit fails.
 */
export async function buildBatch(
  db: Kysely<Database>,
  claims: readonly Claim[],
  submission: Submission,
  options: Omit<SubmitOptions, 'beforeWrite'> & {
    beforeWrite?: (trx: Kysely<Database>) => Promise<void>;
    afterWrite?: (trx: Kysely<Database>, batch: Omit<SubmittedBatch, 'claimIds'>) => Promise<void>;
  },
): Promise<Omit<SubmittedBatch, 'claimIds'>> {
  if (claims.length === 0) throw new X12Error('no claims to write');
  let written: string | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      await options.beforeWrite?.(trx);
      const { out, batchId, sha256 } = await recordBatch(trx, claims, submission, options.by, options.file);
      const batch = batchResult(batchId, out, sha256, options.file);
      await options.afterWrite?.(trx, batch);
      if (options.file) {
        await writeFile(options.file, out.text);
        written = options.file;
      }
      return batch;
    });
  } catch (e) {
    if (written) await rm(written, { force: true });
    throw e;
  }
}

import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { ClaimStateError } from '../claims/state.js';
import { recordTransition } from '../claims/transition-store.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import { readX12File } from '../x12/reader.js';
import { sha256File } from './posting-store.js';
import { type ClaimAck, read277ca } from './read-277ca.js';
import { type FunctionalAck, read999, type SetAck } from './read-999.js';

/** What one acknowledgement did to one of our claims (or why it did nothing). */
export interface AckOutcome {
  kind: '999' | '277CA';
  reference: string;
  claimId?: number;
  batchId?: number;
  status: string;
  reasons: string[];
  applied: boolean;
  note?: string;
}

export interface AckReport {
  alreadyApplied: boolean;
  outcomes: AckOutcome[];
}

/** The acknowledgements in one file, read completely before anything is applied. */
export interface AckContent {
  functional: Array<{ ack: FunctionalAck; receiverId?: string }>;
  claims: ClaimAck[];
}

function setReasons(set: SetAck): string[] {
  return [
    ...set.codes.map((c) => `IK5 ${c}`),
    ...set.errors.map(
      (e) =>
        `${e.segmentId} at position ${e.segmentPosition}${e.loop ? ` (loop ${e.loop})` : ''}: IK3 ${e.code}` +
        (e.element ? `, element ${e.element.position} IK4 ${e.element.code}` : '') +
        (e.context.length ? ` [${e.context.join('; ')}]` : ''),
    ),
  ];
}

async function move(
  trx: Kysely<Database>,
  claimId: number,
  outcome: AckOutcome,
  by: string,
  payerClaimNumber?: string,
): Promise<void> {
  const source = outcome.kind;
  try {
    if (outcome.status === 'rejected')
      await recordTransition(
        trx,
        claimId,
        { type: 'reject', source, reasons: outcome.reasons },
        by,
        outcome.reasons.join('; '),
      );
    else
      await recordTransition(
        trx,
        claimId,
        { type: 'accept', source, ...(payerClaimNumber ? { payerClaimNumber } : {}) },
        by,
      );
    outcome.applied = true;
  } catch (e) {
    if (!(e instanceof ClaimStateError)) throw e;
    outcome.note = e.message;
  }
}

async function apply999(
  trx: Kysely<Database>,
  entry: AckContent['functional'][number],
  by: string,
  out: AckOutcome[],
): Promise<void> {
  const { ack } = entry;
  const group = Number(ack.groupControlNumber);
  // The 999's ISA08 is our ISA06; prefer that sender's batch, but a clearinghouse may rewrite
  // the envelope ids, so fall back to the group control number alone.
  const find = (sender?: string) => {
    let q = trx.selectFrom('claim_batch').selectAll().where('group_control', '=', group);
    if (sender) q = q.where('sender_id', '=', sender);
    return q.orderBy('id', 'desc').executeTakeFirst();
  };
  const batch = Number.isSafeInteger(group)
    ? ((entry.receiverId ? await find(entry.receiverId) : undefined) ?? (await find()))
    : undefined;
  if (!batch) {
    out.push({
      kind: '999',
      reference: `GS06 ${ack.groupControlNumber}`,
      status: ack.status,
      reasons: [],
      applied: false,
      note: `no batch of ours has group control number ${ack.groupControlNumber}`,
    });
    return;
  }
  // AK2 names the transaction set; without AK2 loops the group status (AK9) speaks for all.
  const set = ack.sets.find((s) => Number(s.controlNumber) === batch.set_control);
  const status = set?.status ?? ack.status;
  const reasons = set ? setReasons(set) : [];
  const claims = await trx
    .selectFrom('claim')
    .select('id')
    .where('batch_id', '=', batch.id)
    .orderBy('id')
    .execute();
  for (const c of claims) {
    const outcome: AckOutcome = {
      kind: '999',
      reference: `GS06 ${batch.group_control} ST02 ${batch.set_control}`,
      claimId: c.id,
      batchId: batch.id,
      status: status === 'rejected' || status === 'partially-accepted' ? 'rejected' : 'accepted',
      reasons,
      applied: false,
    };
    await move(trx, c.id, outcome, by);
    out.push(outcome);
  }
}

async function apply277(trx: Kysely<Database>, ack: ClaimAck, by: string, out: AckOutcome[]): Promise<void> {
  const reasons = ack.statuses.map(
    (s) => `${s.category}:${s.code}${s.entity ? `:${s.entity}` : ''}${s.message ? ` ${s.message}` : ''}`,
  );
  const outcome: AckOutcome = {
    kind: '277CA',
    reference: ack.patientControlNumber,
    status: ack.status,
    reasons,
    applied: false,
  };
  out.push(outcome);
  const claim = await trx
    .selectFrom('claim')
    .select(['id', 'batch_id'])
    .where('patient_control_number', '=', ack.patientControlNumber)
    .where('status', 'in', ['submitted', 'acknowledged'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!claim) {
    outcome.note = `no submitted claim has patient control number ${ack.patientControlNumber}`;
    return;
  }
  outcome.claimId = claim.id;
  if (claim.batch_id !== null) outcome.batchId = claim.batch_id;
  if (ack.status === 'pending') {
    outcome.note = 'pending: recorded, state unchanged';
    return;
  }
  if (ack.status === 'accepted' && ack.payerClaimNumber) {
    await trx
      .updateTable('claim')
      .set({ payer_claim_number: ack.payerClaimNumber })
      .where('id', '=', claim.id)
      .execute();
  }
  await move(trx, claim.id, outcome, by, ack.payerClaimNumber);
}

/**
 * Applies acknowledgements to our claims in one transaction: a 999 accepts or rejects the
 * claims of the batch whose GS06 it names (the set's IK5 when there is an AK2 for our ST02); a
 * 277CA accepts (recording the payer's claim number) or rejects each claim by its patient
 * control number. Every outcome is recorded, including those the life cycle refused.
 */
export async function applyAcknowledgements(
  db: Kysely<Database>,
  content: AckContent,
  source: { sha256: string; fileName?: string },
  by: string,
): Promise<AckReport> {
  return db.transaction().execute(async (trx) => {
    const file = await trx
      .insertInto('ack_file')
      .values({ sha256: source.sha256, file_name: source.fileName ?? null, applied_by: by })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!file) return { alreadyApplied: true, outcomes: [] };
    const outcomes: AckOutcome[] = [];
    for (const f of content.functional) await apply999(trx, f, by, outcomes);
    for (const c of content.claims) await apply277(trx, c, by, outcomes);
    for (const o of outcomes) {
      await trx
        .insertInto('acknowledgement')
        .values({
          ack_file_id: file.id,
          kind: o.kind,
          batch_id: o.batchId ?? null,
          claim_id: o.claimId ?? null,
          reference: o.reference,
          status: o.status,
          reasons: JSON.stringify(o.reasons),
          applied: o.applied,
          note: o.note ?? null,
        })
        .execute();
    }
    return { alreadyApplied: false, outcomes };
  });
}

/** A file with acknowledgements that could not all be read: nothing of it is applied. */
export class AckRefused extends Error {
  override name = 'AckRefused';
  constructor(
    readonly file: string,
    readonly reasons: string[],
  ) {
    super(`${file}: acknowledgements not applied: ${reasons.join('; ')}`);
  }
}

/**
 * Reads every 999/997/277 set in a file first, then applies them. A file that cannot be read
 * completely (broken envelope, truncated 999, an unreadable claim status) applies nothing and
 * records no ack_file row: X12Error or AckRefused.
 */
export async function applyAckFile(db: Kysely<Database>, path: string, by: string): Promise<AckReport> {
  const content: AckContent = { functional: [], claims: [] };
  const problems: string[] = [];
  for await (const set of readX12File(path, { file: path })) {
    if (set.type === '999' || set.type === '997') {
      const receiverId = set.interchange?.receiverId.trim();
      const ack = read999(set);
      problems.push(...ack.problems);
      content.functional.push({ ack, ...(receiverId ? { receiverId } : {}) });
    } else if (set.type === '277') {
      const read = read277ca(set);
      problems.push(...read.problems);
      content.claims.push(...read.claims);
    } else
      throw new Error(`${path}: transaction set ${set.controlNumber} is a ${set.type}, not a 999 or 277CA`);
  }
  if (problems.length) throw new AckRefused(path, problems);
  return applyAcknowledgements(db, content, { sha256: await sha256File(path), fileName: basename(path) }, by);
}

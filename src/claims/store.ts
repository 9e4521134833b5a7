import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ClaimTable } from '../store/schema-billing.js';
import { type Claim, ClaimSchema } from './model.js';
import type { ClaimStatus } from './state.js';
import { recordTransition } from './transition-store.js';
import { ClaimValidationError, type ValidateOptions, validateClaim } from './validate.js';

/** A claim as the store holds it. */
export interface StoredClaim {
  id: number;
  status: ClaimStatus;
  claim: Claim;
  patientControlNumber: string;
  /** The payer's claim number (277CA REF*1K or 835 CLP07), once known. */
  payerClaimNumber: string | null;
  frequency: Claim['frequency'];
  replacesClaimId: number | null;
  batchId: number | null;
}

export interface StoredTransition {
  from: string | null;
  to: string;
  event: string;
  detail: unknown;
  reason: string | null;
  by: string;
  at: Date;
}

export function toStored(row: Selectable<ClaimTable>): StoredClaim {
  return {
    id: row.id,
    status: row.status as ClaimStatus,
    claim: ClaimSchema.parse(row.claim),
    patientControlNumber: row.patient_control_number,
    payerClaimNumber: row.payer_claim_number,
    frequency: row.frequency,
    replacesClaimId: row.replaces_claim_id,
    batchId: row.batch_id,
  };
}

export interface NewClaimOptions {
  by: string;
  /** The claim already passed validateClaim: record draft → validated as well. */
  validated: boolean;
  replacesClaimId?: number;
  reason?: string;
}

const duplicatePcn = (pcn: string, owner: number) =>
  new ClaimValidationError(pcn, [
    {
      path: 'patientControlNumber',
      message: `${pcn} is already claim ${owner}'s; an original claim needs its own number (a correction or void of claim ${owner} is made from that claim)`,
    },
  ]);

/**
 * CLM01 is how the payer's 277CA and 835 find our claim again, so an original claim's patient
 * control number is unique (a replacement or void repeats its original's on purpose). Checked
 * here for a clear message; the unique index (migration 040) settles two savers racing.
 */
async function checkPcnFree(db: Kysely<Database>, claim: Claim, self?: number): Promise<void> {
  if (claim.frequency !== '1') return;
  let q = db
    .selectFrom('claim')
    .select('id')
    .where('patient_control_number', '=', claim.patientControlNumber)
    .where('frequency', '=', '1');
  if (self !== undefined) q = q.where('id', '!=', self);
  const owner = await q.executeTakeFirst();
  if (owner) throw duplicatePcn(claim.patientControlNumber, owner.id);
}

/** A unique-index violation on claim_pcn_original (another saver won the race) as the same error. */
async function pcnRace<T>(claim: Claim, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const err = e as { code?: string; constraint?: string; message?: string };
    if (err.code === '23505' && `${err.constraint ?? ''} ${err.message ?? ''}`.includes('claim_pcn_original'))
      throw new ClaimValidationError(claim.patientControlNumber, [
        {
          path: 'patientControlNumber',
          message: `${claim.patientControlNumber} was just taken by another claim`,
        },
      ]);
    throw e;
  }
}

/**
 * Inserts a claim row with its lines and its first history entry (created as a draft, and
 * validated when it already passed validateClaim). The caller owns the transaction. An original
 * claim whose patient control number is taken is refused (ClaimValidationError).
 */
export async function insertClaim(
  db: Kysely<Database>,
  claim: Claim,
  options: NewClaimOptions,
): Promise<number> {
  await checkPcnFree(db, claim);
  const { id } = await pcnRace(claim, () =>
    db
      .insertInto('claim')
      .values({
        kind: claim.type,
        patient_control_number: claim.patientControlNumber,
        // Not the claim's REF*F8 (that is the number of the claim it replaces): this claim's own
        // number arrives later in a 277CA or 835.
        payer_claim_number: null,
        frequency: claim.frequency,
        status: 'draft',
        claim: JSON.stringify(claim),
        total_charge_cents: claim.totalChargeCents,
        payer_id: claim.payer.id,
        replaces_claim_id: options.replacesClaimId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  await writeLines(db, id, claim);
  await db
    .insertInto('claim_transition')
    .values({
      claim_id: id,
      from_status: null,
      to_status: 'draft',
      event: 'create',
      detail: JSON.stringify(
        options.replacesClaimId ? { replaces: options.replacesClaimId, frequency: claim.frequency } : {},
      ),
      reason: options.reason ?? null,
      by_whom: options.by,
    })
    .execute();
  if (options.validated) await recordTransition(db, id, { type: 'validate' }, options.by);
  return id;
}

async function writeLines(db: Kysely<Database>, claimId: number, claim: Claim): Promise<void> {
  await db.deleteFrom('claim_line').where('claim_id', '=', claimId).execute();
  await db
    .insertInto('claim_line')
    .values(
      claim.lines.map((l, i) => ({
        claim_id: claimId,
        line_number: i + 1,
        procedure_code: l.procedureCode,
        modifiers: JSON.stringify(l.modifiers),
        charge_cents: l.chargeCents,
        units: l.units,
        service_date: l.serviceDate,
        line_control_number: l.lineControlNumber ?? null,
      })),
    )
    .execute();
}

function shapeError(input: unknown, error: import('zod').ZodError): ClaimValidationError {
  const pcn = (input as { patientControlNumber?: unknown } | null)?.patientControlNumber;
  return new ClaimValidationError(
    typeof pcn === 'string' ? pcn : undefined,
    error.issues.map((i) => ({ path: i.path.join('.') || '(claim)', message: i.message })),
  );
}

/**
 * Saves a new claim as a draft. The shape must already be right (zod); the cross-field and
 * terminology checks run in validateStoredClaim, so a coder can save work in progress.
 */
export async function createClaim(db: Kysely<Database>, input: unknown, by: string): Promise<StoredClaim> {
  const parsed = ClaimSchema.safeParse(input);
  if (!parsed.success) throw shapeError(input, parsed.error);
  return db.transaction().execute(async (trx) => {
    const id = await insertClaim(trx, parsed.data, { by, validated: false });
    return getClaim(trx, id);
  });
}

/**
 * Runs the claim model's validation (validateClaim; no scrubber, see saveClaim) on a stored draft; on success the claim becomes
 * `validated` with the normalised JSON, otherwise ClaimValidationError lists every issue and
 * the claim stays a draft.
 */
export async function validateStoredClaim(
  db: Kysely<Database>,
  id: number,
  by: string,
  options: ValidateOptions = {},
): Promise<StoredClaim> {
  const current = await getClaim(db, id);
  const claim = await validateClaim(current.claim, options);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('claim')
      .set({ claim: JSON.stringify(claim) })
      .where('id', '=', id)
      .execute();
    await recordTransition(trx, id, { type: 'validate' }, by);
    return getClaim(trx, id);
  });
}

/**
 * Saves and validates in one call: the claim is stored only if it is valid. These are the claim
 * model's checks (plus the diagnoses check when `options.diagnoses` is given); the CLI, the API
 * and the workbench validate through workflow/claim-validation.ts, which adds the code-set check
 * and the scrubber gate, and store with saveValidatedClaims.
 */
export async function saveClaim(
  db: Kysely<Database>,
  input: unknown,
  by: string,
  options: ValidateOptions = {},
): Promise<StoredClaim> {
  const claim = await validateClaim(input, options);
  const [saved] = await saveValidatedClaims(db, [claim], by);
  return saved!;
}

/**
 * Stores claims that already passed validation, all or none, in one transaction (a file of
 * claims with one bad number leaves the store as it was). `then` runs in the same transaction
 * with the saved claims, for what must commit with them (overrides, audit entries).
 */
export async function saveValidatedClaims(
  db: Kysely<Database>,
  claims: readonly Claim[],
  by: string,
  then?: (trx: Kysely<Database>, saved: StoredClaim[]) => Promise<void>,
): Promise<StoredClaim[]> {
  return db.transaction().execute(async (trx) => {
    const saved: StoredClaim[] = [];
    for (const claim of claims)
      saved.push(await getClaim(trx, await insertClaim(trx, claim, { by, validated: true })));
    await then?.(trx, saved);
    return saved;
  });
}

/** Replaces a validated or rejected claim's content; it goes back to draft (to be validated again). */
export async function editClaim(
  db: Kysely<Database>,
  id: number,
  input: unknown,
  by: string,
): Promise<StoredClaim> {
  const parsed = ClaimSchema.safeParse(input);
  if (!parsed.success) throw shapeError(input, parsed.error);
  return db.transaction().execute(async (trx) => {
    await recordTransition(trx, id, { type: 'edit' }, by);
    await checkPcnFree(trx, parsed.data, id);
    await pcnRace(parsed.data, () =>
      trx
        .updateTable('claim')
        .set({
          claim: JSON.stringify(parsed.data),
          patient_control_number: parsed.data.patientControlNumber,
          total_charge_cents: parsed.data.totalChargeCents,
          payer_id: parsed.data.payer.id,
        })
        .where('id', '=', id)
        .execute(),
    );
    await writeLines(trx, id, parsed.data);
    return getClaim(trx, id);
  });
}

export async function getClaim(db: Kysely<Database>, id: number): Promise<StoredClaim> {
  const row = await db
    .selectFrom('claim')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow(() => new Error(`claim ${id} does not exist`));
  return toStored(row);
}

/** Every transition of a claim, oldest first. */
export async function claimHistory(db: Kysely<Database>, id: number): Promise<StoredTransition[]> {
  const rows = await db
    .selectFrom('claim_transition')
    .selectAll()
    .where('claim_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    from: r.from_status,
    to: r.to_status,
    event: r.event,
    detail: r.detail,
    reason: r.reason,
    by: r.by_whom,
    at: r.at,
  }));
}

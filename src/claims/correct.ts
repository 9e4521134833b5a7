import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Claim, ClaimInput, ServiceLine } from './model.js';
import { getClaim, insertClaim, type StoredClaim } from './store.js';
import { recordTransition } from './transition-store.js';
import { ClaimValidationError, type ValidateOptions, validateClaim } from './validate.js';

export interface CorrectOptions extends ValidateOptions {
  by: string;
  /** Why the claim is corrected (kept in the history). */
  reason?: string;
  /**
   * The corrected claim. Defaults to the original unchanged. Whatever is given, the replacement
   * gets frequency 7 and REF*F8 = the payer's claim number.
   */
  replacement?: ClaimInput;
  /**
   * A replacement replaces the whole claim: a line left out is taken back by the payer. That is
   * the classic corrected-claim mistake, so it is refused unless the caller says it is meant.
   */
  allowRemovedLines?: boolean;
  /**
   * Runs in the correcting transaction once the replacement is stored: what must commit with it
   * (the scrubber gate, which throws to undo the correction; overrides; audit entries).
   */
  inTransaction?: (trx: Kysely<Database>, replacement: StoredClaim) => Promise<void>;
}

const lineKey = (l: ServiceLine) => l.lineControlNumber ?? `${l.procedureCode}@${l.serviceDate}`;

function requirePayerNumber(original: StoredClaim, what: string): string {
  if (!original.payerClaimNumber) {
    throw new ClaimValidationError(original.patientControlNumber, [
      {
        path: 'payerClaimNumber',
        message: `a ${what} needs the payer's claim number (REF*F8), and none was received for claim ${original.id}`,
      },
    ]);
  }
  return original.payerClaimNumber;
}

/**
 * Corrected claim (frequency 7): a new claim carrying REF*F8 with the payer's claim number and
 * every line of the original (a replacement repeats all lines). The original moves to
 * `corrected`; the replacement is stored validated, ready to submit.
 */
export async function correctClaim(
  db: Kysely<Database>,
  claimId: number,
  options: CorrectOptions,
): Promise<StoredClaim> {
  const original = await getClaim(db, claimId);
  const payerClaimNumber = requirePayerNumber(original, 'replacement');
  const claim = await validateClaim(
    { ...(options.replacement ?? original.claim), frequency: '7', payerClaimNumber },
    options,
  );
  if (!options.allowRemovedLines) {
    const kept = new Set(claim.lines.map(lineKey));
    const missing = original.claim.lines.map((l, i) => ({ l, i })).filter(({ l }) => !kept.has(lineKey(l)));
    if (missing.length)
      throw new ClaimValidationError(
        claim.patientControlNumber,
        missing.map(({ l, i }) => ({
          path: `lines[${i}]`,
          message: `original line ${i + 1} (${lineKey(l)}) is missing from the replacement; a replacement repeats all lines`,
        })),
      );
  }
  return replaceWith(
    db,
    original,
    claim,
    { type: 'correct', replacement: claim.patientControlNumber },
    options,
  );
}

/**
 * Void (frequency 8): a copy of the original claim with REF*F8, telling the payer to cancel its
 * claim. The original moves to `voided`; the void claim is stored validated, ready to submit.
 */
export async function voidClaim(
  db: Kysely<Database>,
  claimId: number,
  options: { by: string; reason?: string },
): Promise<StoredClaim> {
  const original = await getClaim(db, claimId);
  const payerClaimNumber = requirePayerNumber(original, 'void');
  const claim = await validateClaim({ ...original.claim, frequency: '8', payerClaimNumber });
  return replaceWith(db, original, claim, { type: 'void', voidClaim: claim.patientControlNumber }, options);
}

async function replaceWith(
  db: Kysely<Database>,
  original: StoredClaim,
  claim: Claim,
  event: { type: 'correct'; replacement: string } | { type: 'void'; voidClaim: string },
  options: Pick<CorrectOptions, 'by' | 'reason' | 'inTransaction'>,
): Promise<StoredClaim> {
  return db.transaction().execute(async (trx) => {
    await recordTransition(trx, original.id, event, options.by, options.reason);
    const id = await insertClaim(trx, claim, {
      by: options.by,
      validated: true,
      replacesClaimId: original.id,
      ...(options.reason ? { reason: options.reason } : {}),
    });
    const stored = await getClaim(trx, id);
    await options.inTransaction?.(trx, stored);
    return stored;
  });
}

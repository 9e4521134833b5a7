import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctClaim, voidClaim } from '../../src/claims/correct.js';
import { read837 } from '../../src/claims/read-837.js';
import { ClaimStateError } from '../../src/claims/state.js';
import {
  claimHistory,
  createClaim,
  editClaim,
  getClaim,
  saveClaim,
  validateStoredClaim,
} from '../../src/claims/store.js';
import { submitClaims } from '../../src/claims/submit.js';
import { ClaimValidationError } from '../../src/claims/validate.js';
import type { Store } from '../../src/store/index.js';
import { parseX12 } from '../../src/x12/reader.js';
import { StoreControlNumbers } from '../../src/x12/store-control-numbers.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { professionalClaim, submission } from './fixtures.js';

const by = 'biller-1';

describe.each(scratchStores())('stored claims ($name)', (spec) => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-claims-'));
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('saves a draft, refuses to validate a bad one, and records who validated it', async () => {
    const bad = await createClaim(
      store.db,
      professionalClaim({ patientControlNumber: 'D-1', totalChargeCents: 1 }),
      by,
    );
    expect(bad.status).toBe('draft');
    await expect(validateStoredClaim(store.db, bad.id, by)).rejects.toThrow(
      /totalChargeCents: is 1 but the lines add up to 25000/,
    );
    expect((await getClaim(store.db, bad.id)).status).toBe('draft');
    const fixed = await editClaim(
      store.db,
      bad.id,
      professionalClaim({ patientControlNumber: 'D-1' }),
      by,
    ).catch((e: unknown) => e);
    // A draft cannot take "edit" (only validated/rejected claims go back to draft).
    expect(fixed).toBeInstanceOf(ClaimStateError);
    const diagnoses = { validate: async (code: string) => ({ valid: code !== 'R509', reason: 'header' }) };
    await expect(validateStoredClaim(store.db, bad.id, by, { diagnoses })).rejects.toBeInstanceOf(
      ClaimValidationError,
    );
    await expect(createClaim(store.db, { type: 'professional' }, by)).rejects.toThrow(/patientControlNumber/);
  });

  it('submits a batch: store-issued control numbers, file written, claims submitted, history kept', async () => {
    const a = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'S-1' }), by);
    const b = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'S-2' }), by);
    expect(a.status).toBe('validated');
    const file = join(dir, 'batch1.837');
    const first = await submitClaims(store.db, [a.id, b.id], submission, { by, file });
    expect(readFileSync(file, 'utf8')).toBe(first.text);
    const [set] = parseX12(first.text);
    expect(set!.interchange!.controlNumber).toBe(String(first.interchange).padStart(9, '0'));
    expect(Number(set!.group!.controlNumber)).toBe(first.group);
    expect(Number(set!.controlNumber)).toBe(first.set);
    expect(read837(set!).claims.map((c) => c.patientControlNumber)).toEqual(['S-1', 'S-2']);
    expect((await getClaim(store.db, a.id)).status).toBe('submitted');
    expect((await getClaim(store.db, a.id)).batchId).toBe(first.batchId);
    const history = await claimHistory(store.db, a.id);
    expect(history.map((h) => [h.from, h.to, h.by])).toEqual([
      [null, 'draft', by],
      ['draft', 'validated', by],
      ['validated', 'submitted', by],
    ]);
    expect(history[2]!.detail).toMatchObject({
      interchange: first.interchange,
      group: first.group,
      set: first.set,
    });
    // Resubmitting a submitted claim is refused and writes nothing.
    const again = join(dir, 'batch2.837');
    await expect(submitClaims(store.db, [a.id], submission, { by, file: again })).rejects.toThrow(
      /claim \d+ is submitted/,
    );
    expect(existsSync(again)).toBe(false);
    // The next batch gets new numbers, continuing the persisted sequence.
    const c = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'S-3' }), by);
    const second = await submitClaims(store.db, [c.id], submission, { by });
    expect(second.interchange).toBeGreaterThan(first.set);
    const numbers = [first.interchange, first.group, first.set, second.interchange, second.group, second.set];
    expect(new Set(numbers).size).toBe(6);
  });

  it('allocates distinct control numbers to concurrent submitters and per sender', async () => {
    const source = new StoreControlNumbers(store.db);
    const all = await Promise.all(Array.from({ length: 5 }, () => source.allocate('CONCURRENT', 2)));
    const flat = all.flatMap((n) => [n.interchange, n.group, ...n.sets]);
    expect(new Set(flat).size).toBe(20);
    expect((await source.allocate('OTHER', 1)).interchange).toBe(1);
  });

  it('corrects (frequency 7, REF*F8, all lines) and voids (8) adjudicated claims', async () => {
    const claim = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'C-1' }), by);
    await submitClaims(store.db, [claim.id], submission, { by });
    // No payer claim number yet: neither a replacement nor a void can be written.
    await expect(voidClaim(store.db, claim.id, { by })).rejects.toThrow(/payer's claim number/);
    await store.db
      .updateTable('claim')
      .set({ status: 'denied', payer_claim_number: 'PAYER-C1' })
      .where('id', '=', claim.id)
      .execute();
    const dropped = professionalClaim({ patientControlNumber: 'C-1', totalChargeCents: 15000 });
    dropped.lines = dropped.lines.slice(0, 1);
    await expect(correctClaim(store.db, claim.id, { by, replacement: dropped })).rejects.toThrow(
      /original line 2 \(L2\) is missing from the replacement/,
    );
    const replacement = await correctClaim(store.db, claim.id, {
      by,
      reason: 'wrong modifier',
      replacement: professionalClaim({ patientControlNumber: 'C-1', priorAuthorization: 'AUTH99' }),
    });
    expect(replacement).toMatchObject({ status: 'validated', frequency: '7', replacesClaimId: claim.id });
    expect(replacement.claim.payerClaimNumber).toBe('PAYER-C1');
    expect((await getClaim(store.db, claim.id)).status).toBe('corrected');
    const out = await submitClaims(store.db, [replacement.id], submission, { by });
    expect(out.text).toContain('CLM*C-1*250***11:B:7*');
    expect(out.text).toContain('REF*F8*PAYER-C1~');
    expect(out.text.split('~').filter((s) => s.trim().startsWith('LX*'))).toHaveLength(2);
    // A corrected claim cannot be corrected again; the replacement is what gets voided later.
    await expect(correctClaim(store.db, claim.id, { by })).rejects.toBeInstanceOf(ClaimStateError);
    await store.db
      .updateTable('claim')
      .set({ payer_claim_number: 'PAYER-C1B' })
      .where('id', '=', replacement.id)
      .execute();
    const voided = await voidClaim(store.db, replacement.id, { by, reason: 'duplicate' });
    expect(voided).toMatchObject({ frequency: '8', status: 'validated' });
    expect(voided.claim.payerClaimNumber).toBe('PAYER-C1B');
    expect((await getClaim(store.db, replacement.id)).status).toBe('voided');
    const h = await claimHistory(store.db, replacement.id);
    expect(h.at(-1)).toMatchObject({ from: 'submitted', to: 'voided', reason: 'duplicate', by });
  });
});

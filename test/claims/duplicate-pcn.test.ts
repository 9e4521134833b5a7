import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctClaim } from '../../src/claims/correct.js';
import { createClaim, editClaim, saveClaim, saveValidatedClaims } from '../../src/claims/store.js';
import { recordTransition } from '../../src/claims/transition-store.js';
import { ClaimValidationError, validateClaim } from '../../src/claims/validate.js';
import type { Store } from '../../src/store/index.js';
import * as pcnMigration from '../../src/store/migrations/040_claim_pcn_unique.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { professionalClaim } from './fixtures.js';

const by = 'biller-1';
// Without the other payer: this file is about numbers, not coordination of benefits.
const claimFor = (patientControlNumber: string) =>
  professionalClaim({ patientControlNumber, otherPayers: undefined });

describe.each(scratchStores())('one original claim per patient control number ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => store?.close());

  const snapshot = async () => ({
    claims: await store.db
      .selectFrom('claim')
      .select(['id', 'patient_control_number', 'status'])
      .orderBy('id')
      .execute(),
    lines: await store.db.selectFrom('claim_line').select(['claim_id']).execute(),
    history: await store.db.selectFrom('claim_transition').select(['id']).execute(),
  });

  it('refuses a second claim with the same number, naming the claim that has it; the store is unchanged', async () => {
    const first = await saveClaim(store.db, claimFor('DUP-1'), by);
    const before = await snapshot();
    const err = await saveClaim(store.db, claimFor('DUP-1'), by).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClaimValidationError);
    expect((err as ClaimValidationError).issues).toEqual([
      {
        path: 'patientControlNumber',
        message: expect.stringContaining(`DUP-1 is already claim ${first.id}'s`),
      },
    ]);
    await expect(createClaim(store.db, claimFor('DUP-1'), by)).rejects.toThrow(/already claim/);
    expect(await snapshot()).toEqual(before);
  });

  it('saves a file of claims all or none: a repeated number in the file writes nothing', async () => {
    const before = await snapshot();
    const claims = await Promise.all(
      ['FILE-1', 'FILE-2', 'FILE-1'].map((pcn) => validateClaim(claimFor(pcn))),
    );
    await expect(saveValidatedClaims(store.db, claims, by)).rejects.toThrow(/FILE-1 is already claim/);
    expect(await snapshot()).toEqual(before);
  });

  it("an edit may not take another claim's number; a replacement repeats its original's", async () => {
    const a = await saveClaim(store.db, claimFor('ED-1'), by);
    await saveClaim(store.db, claimFor('ED-2'), by);
    await expect(editClaim(store.db, a.id, claimFor('ED-2'), by)).rejects.toThrow(/ED-2 is already claim/);
    // Its own number is no clash.
    expect((await editClaim(store.db, a.id, claimFor('ED-1'), by)).status).toBe('draft');
    const paid = await saveClaim(store.db, claimFor('COR-1'), by);
    await recordTransition(store.db, paid.id, { type: 'submit', interchange: 1, group: 2, set: 3 }, by);
    await recordTransition(store.db, paid.id, { type: 'adjudicate', outcome: 'denied', remittance: 'r' }, by);
    await store.db
      .updateTable('claim')
      .set({ payer_claim_number: 'ICN-9' })
      .where('id', '=', paid.id)
      .execute();
    const replacement = await correctClaim(store.db, paid.id, { by });
    expect(replacement).toMatchObject({ patientControlNumber: 'COR-1', frequency: '7' });
  });

  it('two savers racing for one number: exactly one wins', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => saveClaim(store.db, claimFor('RACE-1'), by)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ClaimValidationError);
    const rows = await store.db
      .selectFrom('claim')
      .select('id')
      .where('patient_control_number', '=', 'RACE-1')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('the migration names original claims that already share a number instead of failing obscurely', async () => {
    await sql`DROP INDEX claim_pcn_original`.execute(store.db);
    try {
      const a = await saveClaim(store.db, claimFor('OLD-1'), by);
      const { id: b } = await store.db
        .insertInto('claim')
        .values({
          kind: 'professional',
          patient_control_number: 'OLD-1',
          payer_claim_number: null,
          frequency: '1',
          status: 'draft',
          claim: JSON.stringify(a.claim),
          total_charge_cents: a.claim.totalChargeCents,
          payer_id: a.claim.payer.id,
          replaces_claim_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await expect(pcnMigration.up(store.db as unknown as Kysely<unknown>)).rejects.toThrow(
        new RegExp(`share a patient control number \\(OLD-1: claims ${a.id}, ${b}\\)`),
      );
      await store.db.deleteFrom('claim').where('id', '=', b).execute();
    } finally {
      await pcnMigration.up(store.db as unknown as Kysely<unknown>);
    }
    await expect(saveClaim(store.db, claimFor('OLD-1'), by)).rejects.toThrow(/already claim/);
  });
});

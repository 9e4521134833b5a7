import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClaim, saveClaim } from '../../src/claims/store.js';
import { submitClaims } from '../../src/claims/submit.js';
import { ClaimValidationError } from '../../src/claims/validate.js';
import type { Store } from '../../src/store/index.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { professionalClaim, submission } from './fixtures.js';

const by = 'biller-1';

describe.each(scratchStores())('an 837 that fails validation is never written ($name)', (spec) => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'medcoder-refuse-'));
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('005010X222A1 2010AA N403 / 2320: a stored claim validated under older rules is refused at submit; no file, batch or number', async () => {
    const saved = await saveClaim(store.db, professionalClaim({ patientControlNumber: 'R-1' }), by);
    // As stored before the TR3 rules: 5-digit billing ZIP, other payer's paid amount without its adjustments.
    const stale = {
      ...saved.claim,
      billingProvider: {
        ...saved.claim.billingProvider,
        address: { ...saved.claim.billingProvider.address, zip: '62701' },
      },
      otherPayers: [{ ...saved.claim.otherPayers[0]!, adjustments: undefined }],
    };
    await store.db
      .updateTable('claim')
      .set({ claim: JSON.stringify(stale) })
      .where('id', '=', saved.id)
      .execute();
    const batches = async () => (await store.db.selectFrom('claim_batch').select('id').execute()).length;
    const before = await batches();
    const file = join(dir, 'r1.837');
    const error = await submitClaims(store.db, [saved.id], submission, { by, file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClaimValidationError);
    expect((error as Error).message).toContain(
      'claim R-1 cannot be written as an 837P (005010X222A1); nothing was written',
    );
    expect((error as ClaimValidationError).issues.map((i) => `${i.loop} ${i.path}`)).toEqual([
      '2010AA N403 billingProvider.address.zip',
      '2320 AMT/CAS otherPayers[0]',
    ]);
    expect(existsSync(file)).toBe(false);
    expect(await batches()).toBe(before);
    expect((await getClaim(store.db, saved.id)).status).toBe('validated');
    // Fixed, it goes out: the refused attempt consumed no control number.
    await store.db
      .updateTable('claim')
      .set({ claim: JSON.stringify(saved.claim) })
      .where('id', '=', saved.id)
      .execute();
    const out = await submitClaims(store.db, [saved.id], submission, { by, file });
    expect(existsSync(file)).toBe(true);
    expect(out.interchange).toBe(1);
  });
});

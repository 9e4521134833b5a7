import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveClaim } from '../../src/claims/store.js';
import { Ub04Error } from '../../src/claims/ub04.js';
import { toApiError } from '../../src/server/errors.js';
import { professionalClaim } from '../claims/fixtures.js';
import { inpatientForPrimary } from '../claims/inpatient-fixture.js';
import { boxTitled, checkedIn, dataIn, readPdfPages } from '../claims/pdf-read.js';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/** GET /api/claims/:id/form.pdf: a stored claim on its paper form, chosen by the claim's type. */
describe.each(scratchStores())('the claim form PDF through the API ($name)', (spec) => {
  let t: TestApp;
  let auditor: Session;
  beforeAll(async () => {
    t = await testApp(spec, { today: () => '2024-03-10' });
    auditor = await login(t.app, 'auditor');
  }, 120_000);
  afterAll(async () => t?.close());

  const texts = (page: Awaited<ReturnType<typeof readPdfPages>>[number], title: string) =>
    dataIn(page, boxTitled(page, title)).map((x) => x.text);

  it('answers a professional claim with its CMS-1500 and an institutional one with its UB-04', async () => {
    const pro = await saveClaim(t.store.db, professionalClaim({ otherPayers: [] }), 'test');
    const res = await call(t.app, auditor, 'GET', `/api/claims/${pro.id}/form.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const [cms] = await readPdfPages(res.rawPayload);
    expect(texts(cms!, "1a. INSURED'S")).toEqual(['W1234567']);
    expect(checkedIn(cms!, 'd. IS THERE')).toEqual(['NO']);

    const inst = await saveClaim(t.store.db, inpatientForPrimary(), 'test');
    const ub = await call(t.app, auditor, 'GET', `/api/claims/${inst.id}/form.pdf`);
    expect(ub.statusCode, ub.body).toBe(200);
    const [ub04] = await readPdfPages(ub.rawPayload);
    expect(texts(ub04!, '4 TYPE OF BILL')).toEqual(['0111']);
    expect(texts(ub04!, '3a PAT')).toEqual(['PCN-3001']);
    // Line 23's creation date is the server's today.
    expect(texts(ub04!, '43 DESC')).toEqual(['1', '1', '031024']);
  });

  it('answers 404 for a claim that does not exist, and 401 without a session', async () => {
    const missing = await call(t.app, auditor, 'GET', '/api/claims/999999/form.pdf');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/999999/);
    expect((await call(t.app, null, 'GET', '/api/claims/1/form.pdf')).statusCode).toBe(401);
  });
});

it('maps a claim the form cannot hold to 422 with its one-line reason', () => {
  const reason = 'claim PCN-9 has 4 payers; the UB-04 holds 3 (FL 50 A-C)';
  expect(toApiError(new Ub04Error(reason))).toEqual({ status: 422, code: 'claim_form', message: reason });
});

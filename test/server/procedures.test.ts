import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * The procedure lines through the API: the engine's suggestion carries procedures beside the
 * codes, the coder saves accepted, changed and added lines, the biller reads them for the claim,
 * and roles that do not code are refused.
 */
describe.each(scratchStores())('procedure lines API ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let id: number;
  beforeAll(async () => {
    t = await testApp(spec);
    coder = await login(t.app, 'coder');
    id = (
      await call(t.app, coder, 'POST', '/api/encounters', {
        note: [
          'CHIEF COMPLAINT: Low back pain for 2 weeks.',
          'HPI: Established patient with acute low back pain after lifting. Also follows for hypertension, well controlled on lisinopril.',
          'ASSESSMENT:',
          '1. Acute low back pain.',
          '2. Essential hypertension, stable.',
          'PLAN: Start cyclobenzaprine 10 mg at bedtime (prescription). Continue lisinopril. Follow up 4 weeks.',
        ].join('\n'),
        patient: { displayName: 'Line, Pro', birthDate: '1960-03-03', sex: 'F' },
        visit: { dateOfService: '2025-02-02', setting: 'outpatient', payer: 'Medicare' },
      })
    ).json().id;
    await call(t.app, coder, 'POST', `/api/encounters/${id}/assign`, { userId: coder.userId });
    const saved = await call(t.app, coder, 'PUT', `/api/encounters/${id}/codes`, {
      codes: [{ code: 'I10', sequence: 1, status: 'added', proposed: null }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  const lines = [
    {
      system: 'CPT',
      code: '99213',
      status: 'added',
      proposed: null,
      units: 1,
      modifiers: [],
      pointers: ['I10'],
    },
  ];

  it("the engine's suggestion carries procedure lines beside the codes, and an engine proposal is saved as accepted", async () => {
    const view = await call(t.app, coder, 'POST', `/api/encounters/${id}/suggest`);
    expect(view.statusCode, view.body).toBe(200);
    const procedures = view.json().suggestion.procedures as {
      system: string;
      code: string;
      title?: string;
    }[];
    const em = procedures.find((p) => p.system === 'CPT' && /^992\d\d$/.test(p.code));
    expect(em, JSON.stringify(procedures)).toBeDefined();
    // No CPT descriptor is shipped.
    expect(em?.title).toBeUndefined();
    const put = await call(t.app, coder, 'PUT', `/api/encounters/${id}/procedures`, {
      procedures: [
        {
          system: 'CPT',
          code: em?.code,
          status: 'accepted',
          proposed: em?.code,
          units: 1,
          modifiers: [],
          pointers: ['I10'],
        },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().procedures[0]).toMatchObject({ status: 'accepted', proposed: em?.code });
  });

  it('saves lines for the assignee and shows them to the biller', async () => {
    const put = await call(t.app, coder, 'PUT', `/api/encounters/${id}/procedures`, { procedures: lines });
    expect(put.statusCode, put.body).toBe(200);
    const biller = await login(t.app, 'biller');
    const got = await call(t.app, biller, 'GET', `/api/encounters/${id}/procedures`);
    expect(got.statusCode).toBe(200);
    expect(got.json().procedures).toMatchObject([{ line: 1, code: '99213', pointers: ['I10'], units: 1 }]);
  });

  it('refuses a biller or auditor saving lines (403), a bad line (400) and an unknown encounter (404)', async () => {
    for (const role of ['biller', 'auditor']) {
      const who = await login(t.app, role);
      const res = await call(t.app, who, 'PUT', `/api/encounters/${id}/procedures`, { procedures: lines });
      expect(res.statusCode).toBe(403);
    }
    const bad = await call(t.app, coder, 'PUT', `/api/encounters/${id}/procedures`, {
      procedures: [{ ...lines[0], pointers: ['E11.9'] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/E11.9 is not one of the encounter's final diagnosis codes/);
    const missing = await call(t.app, coder, 'GET', '/api/encounters/999999/procedures');
    expect(missing.statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * Bad input of every kind gets a 4xx with a code, a message and (where it applies) the field —
 * never a 500 — and a refused request leaves nothing behind.
 */
const good = {
  note: 'ASSESSMENT: Essential hypertension.',
  patient: { displayName: 'Bad, Input', birthDate: '1970-05-05', sex: 'M' },
  visit: { dateOfService: '2025-02-02', setting: 'outpatient', payer: 'Medicare' },
};

describe.each(scratchStores())('bad requests ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let encounterId: number;
  const count = async (table: 'encounter' | 'encounter_code' | 'claim' | 'remittance') =>
    Number(
      (
        await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    t = await testApp(spec);
    coder = await login(t.app, 'coder');
    encounterId = (await call(t.app, coder, 'POST', '/api/encounters', good)).json().id;
    await call(t.app, coder, 'POST', `/api/encounters/${encounterId}/suggest`);
  }, 120_000);
  afterAll(async () => t?.close());

  const raw = (method: 'POST' | 'PUT', url: string, body: string, type = 'application/json') =>
    t.app.inject({
      method,
      url,
      headers: { cookie: coder.cookie, 'x-csrf-token': coder.csrf, 'content-type': type },
      payload: body,
    });

  it('malformed JSON → 400 malformed_json', async () => {
    const res = await raw('POST', '/api/encounters', '{"note": "x", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('malformed_json');
    expect(await count('encounter')).toBe(1);
  });

  it('an oversized body → 413 body_too_large', async () => {
    const res = await raw(
      'POST',
      '/api/encounters',
      JSON.stringify({ ...good, note: 'x'.repeat(6 * 1024 * 1024) }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
    expect(await count('encounter')).toBe(1);
  });

  it('a body that is not JSON → 415', async () => {
    const res = await raw('POST', '/api/encounters', 'note=x', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
  });

  it.each([
    ['sex not in F/M/U', { ...good, patient: { ...good.patient, sex: 'X' } }, 'body.patient.sex'],
    ['missing visit', { note: good.note, patient: good.patient }, 'body.visit'],
    ['setting wrong type', { ...good, visit: { ...good.visit, setting: 42 } }, 'body.visit.setting'],
    ['note is an object', { ...good, note: { text: 'x' } }, 'body.note'],
    [
      'impossible date',
      { ...good, visit: { ...good.visit, dateOfService: '2025-02-30' } },
      'visit.dateOfService',
    ],
    [
      'birth after visit',
      { ...good, patient: { ...good.patient, birthDate: '2025-03-01' } },
      'patient.birthDate',
    ],
    [
      'future visit',
      { ...good, visit: { ...good.visit, dateOfService: '2030-01-01' } },
      'visit.dateOfService',
    ],
    [
      'FHIR with no text',
      { ...good, note: '{"resourceType":"DocumentReference","content":[]}' },
      'note.DocumentReference.content',
    ],
    ['unsupported FHIR', { ...good, note: '{"resourceType":"Patient"}' }, 'note.resourceType'],
  ])('import with %s → 400 naming the field, nothing saved', async (_name, body, field) => {
    const res = await call(t.app, coder, 'POST', '/api/encounters', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(res.json().error.message).toBeTruthy();
    expect(await count('encounter')).toBe(1);
  });

  it('a FHIR DocumentReference imports, its date of service taken from the document', async () => {
    const doc = {
      resourceType: 'DocumentReference',
      date: '2025-01-05T10:00:00Z',
      content: [
        {
          attachment: {
            contentType: 'text/plain',
            data: Buffer.from('ASSESSMENT: Acute sinusitis.').toString('base64'),
          },
        },
      ],
    };
    const { visit, ...rest } = good;
    const res = await call(t.app, coder, 'POST', '/api/encounters', {
      ...rest,
      note: JSON.stringify(doc),
      visit: { setting: visit.setting, payer: visit.payer },
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = await call(t.app, coder, 'GET', `/api/encounters/${res.json().id}`);
    expect(view.json().encounter.dateOfService).toBe('2025-01-05');
    expect(view.json().note).toEqual({
      text: 'ASSESSMENT: Acute sinusitis.',
      format: 'fhir-document-reference',
    });
    await t.store.db.deleteFrom('encounter').where('id', '=', res.json().id).execute();
  });

  it('an unknown or non-billable code → 400 with the reason; the earlier codes stay as they were', async () => {
    const view = (await call(t.app, coder, 'GET', `/api/encounters/${encounterId}`)).json();
    const proposed = view.suggestion.codes[0].code as string;
    const first = await call(t.app, coder, 'PUT', `/api/encounters/${encounterId}/codes`, {
      codes: [{ code: proposed, sequence: 1, status: 'accepted', proposed }],
    });
    expect(first.statusCode, first.body).toBe(200);
    for (const [code, reason] of [
      ['Q99.99X', /Q99\.99X/],
      ['E11', /header|billable/i],
      ['not a code', /./],
    ] as const) {
      const res = await call(t.app, coder, 'PUT', `/api/encounters/${encounterId}/codes`, {
        codes: [
          { code: proposed, sequence: 1, status: 'accepted', proposed },
          { code, sequence: 2, status: 'added', proposed: null },
        ],
      });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_code', field: 'codes[1].code' });
      expect(res.json().error.message).toMatch(reason);
    }
    const rows = await t.store.db.selectFrom('encounter_code').selectAll().execute();
    expect(rows.map((r) => r.code)).toEqual([proposed]);
  });

  it.each([
    [
      'sequence as text',
      { codes: [{ code: 'I10', sequence: 'one', status: 'added', proposed: null }] },
      'body.codes.0.sequence',
    ],
    [
      'unknown status',
      { codes: [{ code: 'I10', sequence: 1, status: 'maybe', proposed: null }] },
      'body.codes.0.status',
    ],
    // Fastify's Ajv wraps a lone value in an array (coerceTypes: 'array'), so the item is named.
    ['codes not an array', { codes: 'I10' }, 'body.codes.0'],
    ['codes a number', { codes: 7 }, 'body.codes.0'],
    [
      'accepted code the engine did not propose',
      { codes: [{ code: 'I10', sequence: 1, status: 'accepted', proposed: 'Z00.00' }] },
      'codes[0].proposed',
    ],
  ])('codes with %s → 400', async (_n, body, field) => {
    const res = await call(t.app, coder, 'PUT', `/api/encounters/${encounterId}/codes`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe(field);
  });

  it('ids that are not ids, and unknown ids → 400 / 404', async () => {
    expect((await call(t.app, coder, 'GET', '/api/encounters/abc')).statusCode).toBe(400);
    expect((await call(t.app, coder, 'GET', '/api/encounters/99999999999')).statusCode).toBe(400);
    const missing = await call(t.app, coder, 'GET', '/api/encounters/4242');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect((await call(t.app, coder, 'GET', '/api/no/such/route')).statusCode).toBe(404);
  });

  it('a move the life cycle does not allow → 409, state unchanged', async () => {
    const res = await call(t.app, coder, 'POST', `/api/encounters/${encounterId}/claim`, {
      lines: [{ code: '99213', units: 1, chargeCents: 100 }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('invalid_state');
    expect(await count('claim')).toBe(0);
  });

  it('a claim that fails validation → 400 naming the field; no claim and no state change', async () => {
    await call(t.app, coder, 'POST', `/api/encounters/${encounterId}/complete`);
    const res = await call(t.app, coder, 'POST', `/api/encounters/${encounterId}/claim`, {
      lines: [{ code: '9921', units: 1, chargeCents: 100, pointers: [1] }],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_claim', field: 'lines[0].procedureCode' });
    const pointer = await call(t.app, coder, 'POST', `/api/encounters/${encounterId}/claim`, {
      lines: [{ code: '99213', units: 1, chargeCents: 100, pointers: [5] }],
    });
    expect(pointer.statusCode).toBe(400);
    expect(pointer.json().error.field).toBe('lines[0].pointers');
    expect(await count('claim')).toBe(0);
    const view = await call(t.app, coder, 'GET', `/api/encounters/${encounterId}`);
    expect(view.json().encounter.state).toBe('coded');
  });

  it('a broken or unbalanced 835 → 4xx, nothing posted', async () => {
    const biller = await login(t.app, 'biller');
    const broken = await call(t.app, biller, 'POST', '/api/remits', { x12: 'ISA*this is not an 835~' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_x12');
    const wrongType = await call(t.app, biller, 'POST', '/api/remits', { x12: 12 });
    expect(wrongType.statusCode).toBe(400);
    expect(await count('remittance')).toBe(0);
  });

  it('terminology lookup of an unknown code → 404 with the closest codes in the message', async () => {
    const res = await call(t.app, coder, 'GET', '/api/terminology/lookup/E11.999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('unknown_code');
    const search = await call(t.app, coder, 'GET', '/api/terminology/search?q=type%202%20diabetes&limit=5');
    expect(search.json().results[0].code).toMatch(/^E11/);
    expect((await call(t.app, coder, 'GET', '/api/terminology/search?limit=5')).statusCode).toBe(400);
  });
});

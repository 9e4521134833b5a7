import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/workflow/accounts.js';
import { scratchStores } from '../support/stores.js';
import { call, login, PASSWORD, type Session, type TestApp, testApp } from './harness.js';

const NOTE = `ASSESSMENT:
1. Chronic kidney disease.
2. Essential hypertension.
PLAN: Recheck creatinine.`;

/**
 * Physician queries through the API: a provider account signs in to its own queries and nothing
 * else; the assignee asks, the addressed provider answers, the coder sees the answer on the
 * encounter and the worklist shows who is waiting on a query. Refusals are 403s with audit rows.
 * And the worklist's filters and order: age from the date of service, payer by part of its name
 * in any case, sorting by a column.
 */
describe.each(scratchStores())('physician queries and the worklist through the API ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let provider: Session;
  let otherProvider: Session;
  let id: number;
  let queryId: number;

  const encounter = async (name: string, payer: string, dateOfService: string) =>
    (
      await call(t.app, coder, 'POST', '/api/encounters', {
        note: NOTE,
        patient: { displayName: name, birthDate: '1950-01-02', sex: 'F' },
        visit: { dateOfService, setting: 'outpatient', payer },
      })
    ).json().id as number;
  const lastRefusal = async (userId: number) =>
    (
      await t.store.db
        .selectFrom('audit_log')
        .select(['entity_type', 'entity_id', 'detail'])
        .where('action', '=', 'refused')
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).detail;

  beforeAll(async () => {
    t = await testApp(spec); // today is 2025-06-30
    await createUser(t.store.db, { username: 'drjones', password: PASSWORD, role: 'provider' });
    coder = await login(t.app, 'coder');
    provider = await login(t.app, 'provider');
    otherProvider = await login(t.app, 'drjones');
    id = await encounter('Zed, Ann', 'Acme Health', '2025-03-02');
    await call(t.app, coder, 'POST', `/api/encounters/${id}/suggest`);
    await call(t.app, coder, 'POST', `/api/encounters/${id}/assign`, { userId: coder.userId });
  }, 180_000);
  afterAll(async () => t?.close());

  it('a provider signs in to its queries only: the session lists what it may do, charts and billing are 403', async () => {
    const me = await call(t.app, provider, 'GET', '/api/auth/me');
    expect(me.json().permissions).toEqual(['query.answer']);
    expect((await call(t.app, coder, 'GET', '/api/auth/me')).json().permissions).toContain('encounter.code');
    expect((await call(t.app, provider, 'GET', '/api/queries')).statusCode).toBe(200);
    for (const url of [
      '/api/encounters',
      `/api/encounters/${id}`,
      '/api/claims',
      '/api/dashboard',
      '/api/providers',
    ]) {
      const res = await call(t.app, provider, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.message).toBe('a provider may not do this');
    }
    const auditor = await login(t.app, 'auditor');
    const refused = await call(t.app, auditor, 'POST', `/api/encounters/${id}/suggest`);
    expect(refused.json().error.message).toBe('an auditor may not do this');
    expect((await call(t.app, auditor, 'GET', '/api/auth/me')).json().permissions).toEqual([]);
  });

  it('the assignee asks a provider; the coder may not answer; another provider may not read it', async () => {
    const providers = await call(t.app, coder, 'GET', '/api/providers');
    expect(providers.json().providers.map((p: { username: string }) => p.username)).toEqual([
      'drjones',
      'provider',
    ]);
    const view = (await call(t.app, coder, 'GET', `/api/encounters/${id}`)).json();
    const index = view.suggestion.queries.findIndex(
      (q: { element: string }) => q.element === 'stage of chronic kidney disease',
    );
    const bad = await call(t.app, coder, 'POST', `/api/encounters/${id}/queries`, {
      kind: 'template',
      providerId: provider.userId,
    });
    expect(bad.statusCode).toBe(400);
    const asked = await call(t.app, coder, 'POST', `/api/encounters/${id}/queries`, {
      kind: 'template',
      providerId: provider.userId,
      index,
      element: 'stage of chronic kidney disease',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    queryId = asked.json().id;

    const typed = await call(t.app, coder, 'POST', `/api/queries/${queryId}/answer`, { option: 'Stage 4' });
    expect(typed.statusCode).toBe(403);
    expect(JSON.parse(await lastRefusal(coder.userId))).toMatchObject({
      route: '/api/queries/:id/answer',
      role: 'coder',
      reason: 'role',
    });
    for (const [method, url, body] of [
      ['GET', `/api/queries/${queryId}`, undefined],
      ['POST', `/api/queries/${queryId}/answer`, { option: 'Stage 4' }],
    ] as const) {
      const res = await call(t.app, otherProvider, method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('not_addressee');
    }
    expect(JSON.parse(await lastRefusal(otherProvider.userId))).toEqual({
      tried: 'answer',
      encounterId: id,
      reason: 'not-addressee',
    });
    expect((await call(t.app, otherProvider, 'GET', '/api/queries')).json().queries).toEqual([]);
  });

  it('the worklist shows the encounter waiting on a query; the provider answers; the coder sees it and closes', async () => {
    const waiting = (await call(t.app, coder, 'GET', '/api/encounters?query=open')).json();
    expect(waiting.items.map((e: { id: number }) => e.id)).toEqual([id]);
    expect(waiting.items[0].queries).toEqual({ open: 1, answered: 0 });

    const inbox = (await call(t.app, provider, 'GET', '/api/queries')).json().queries;
    expect(inbox.map((q: { id: number }) => q.id)).toEqual([queryId]);
    expect(inbox[0].excerpts[0].text).toMatch(/kidney disease/i);
    expect(JSON.stringify(inbox)).not.toMatch(/Acme|payer|claim|N18/i);
    const wrong = await call(t.app, provider, 'POST', `/api/queries/${queryId}/answer`, {
      option: 'Stage 9',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('option');
    const answered = await call(t.app, provider, 'POST', `/api/queries/${queryId}/answer`, {
      option: 'Clinically undetermined',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().query).toMatchObject({ status: 'answered', answer: 'Clinically undetermined' });

    const view = (await call(t.app, coder, 'GET', `/api/encounters/${id}`)).json();
    expect(view.queries[0]).toMatchObject({
      status: 'answered',
      answeredBy: 'provider',
      provider: 'provider',
    });
    expect(view.encounter.queries).toEqual({ open: 0, answered: 1 });
    expect((await call(t.app, coder, 'GET', '/api/encounters?query=open')).json().items).toEqual([]);
    expect((await call(t.app, coder, 'POST', `/api/queries/${queryId}/close`)).statusCode).toBe(200);
    expect((await call(t.app, coder, 'GET', '/api/encounters?query=answered')).json().items).toEqual([]);
  });

  it('the worklist ages work from the date of service, finds a payer by part of its name, and sorts', async () => {
    const young = await encounter('Able, Bo', 'BLUE Cross 100%', '2025-06-20');
    const list = async (q: string) =>
      (await call(t.app, coder, 'GET', `/api/encounters?${q}`)).json().items as Array<{
        id: number;
        ageDays: number;
        patient: { displayName: string };
      }>;
    const all = await list('');
    expect(all.find((e) => e.id === id)!.ageDays).toBe(120);
    expect(all.find((e) => e.id === young)!.ageDays).toBe(10);
    expect((await list('minAgeDays=100')).map((e) => e.id)).toEqual([id]);
    expect((await list('minAgeDays=10')).map((e) => e.id).sort()).toEqual([id, young].sort());
    expect((await list('payer=acme')).map((e) => e.id)).toEqual([id]);
    expect((await list('payer=cross%20100%25')).map((e) => e.id)).toEqual([young]);
    // LIKE's wildcards are taken literally.
    expect(await list('payer=%25')).toHaveLength(1);
    expect(await list('payer=_')).toEqual([]);
    expect((await list('sort=patient')).map((e) => e.patient.displayName)).toEqual(['Able, Bo', 'Zed, Ann']);
    expect((await list('sort=patient&desc=true')).map((e) => e.id)).toEqual([id, young]);
    // Age as the column reads it: ascending is the youngest first; descending, the oldest work on top.
    expect((await list('sort=age')).map((e) => e.id)).toEqual([young, id]);
    expect((await list('sort=age&desc=true')).map((e) => e.id)).toEqual([id, young]);
    expect((await call(t.app, coder, 'GET', '/api/encounters?sort=note_text')).statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/workflow/accounts.js';
import { scratchStores } from '../support/stores.js';
import { call, login, PASSWORD, type Session, type TestApp, testApp } from './harness.js';

/**
 * Who works an encounter: the assignee (or a supervisor, the admin role). A second coder may
 * open the chart but every change is a 403, and every 403 leaves an audit row naming who tried
 * what on which encounter.
 */
describe.each(scratchStores())('encounter ownership ($name)', (spec) => {
  let t: TestApp;
  let admin: Session;
  let coder: Session;
  let other: Session;
  let biller: Session;
  let provider: Session;
  let id: number;
  let queryId: number;

  beforeAll(async () => {
    t = await testApp(spec);
    await createUser(t.store.db, { username: 'coder2', password: PASSWORD, role: 'coder' });
    admin = await login(t.app, 'admin');
    coder = await login(t.app, 'coder');
    other = await login(t.app, 'coder2');
    biller = await login(t.app, 'biller');
    provider = await login(t.app, 'provider');
    id = (
      await call(t.app, admin, 'POST', '/api/encounters', {
        note: 'ASSESSMENT: Essential hypertension.',
        patient: { displayName: 'Owner, Test', birthDate: '1960-03-03', sex: 'F' },
        visit: { dateOfService: '2025-02-02', setting: 'outpatient', payer: 'Medicare' },
      })
    ).json().id;
    const assigned = await call(t.app, admin, 'POST', `/api/encounters/${id}/assign`, {
      userId: coder.userId,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const q = await call(t.app, coder, 'POST', `/api/encounters/${id}/queries`, {
      kind: 'free-text',
      providerId: provider.userId,
      topic: 'stage',
      question: 'Which stage?',
    });
    expect(q.statusCode, q.body).toBe(201);
    queryId = q.json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  const refusals = (userId: number) =>
    t.store.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'detail'])
      .where('action', '=', 'refused')
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();

  it('refuses every change by a coder who is not the assignee, 403 and an audit row each', async () => {
    const attempts: Array<[string, string, unknown, string]> = [
      ['POST', `/api/encounters/${id}/suggest`, undefined, 'suggest'],
      ['PUT', `/api/encounters/${id}/codes`, { codes: [] }, 'save-codes'],
      [
        'POST',
        `/api/encounters/${id}/queries`,
        { kind: 'free-text', providerId: provider.userId, question: 'y?' },
        'query',
      ],
      ['POST', `/api/encounters/${id}/complete`, undefined, 'complete'],
      [
        'POST',
        `/api/encounters/${id}/claim`,
        { lines: [{ code: '99213', units: 1, chargeCents: 10000 }] },
        'build-claim',
      ],
      ['POST', `/api/encounters/${id}/assign`, { userId: other.userId }, 'assign'],
      ['POST', `/api/encounters/${id}/assign`, { userId: null }, 'unassign'],
      ['POST', `/api/encounters/${id}/assign`, { userId: admin.userId }, 'assign'],
    ];
    for (const [method, url, body] of attempts) {
      const res = await call(t.app, other, method as 'POST', url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      expect(res.json().error.code).toBe('not_assignee');
    }
    const rows = await refusals(other.userId);
    expect(rows.map((r) => [r.entity_type, r.entity_id, JSON.parse(r.detail).tried])).toEqual(
      attempts.map(([, , , tried]) => ['encounter', String(id), tried]),
    );
    expect(JSON.parse(rows[0]!.detail)).toEqual({
      tried: 'suggest',
      assignee: coder.userId,
      reason: 'not-assignee',
    });
    // Nor may they withdraw the assignee's query (refused on the query, audit-logged).
    const withdraw = await call(t.app, other, 'POST', `/api/queries/${queryId}/withdraw`);
    expect(withdraw.statusCode).toBe(403);
    expect(JSON.parse((await refusals(other.userId)).at(-1)!.detail)).toEqual({
      tried: 'withdraw',
      encounterId: id,
      assignee: coder.userId,
      reason: 'not-assignee',
    });
    // Nothing changed: still assigned to the first coder, no codes, one query, still open.
    const view = await call(t.app, admin, 'GET', `/api/encounters/${id}`);
    expect(view.json().encounter.assignee.id).toBe(coder.userId);
    expect(view.json().queries.map((q: { status: string }) => q.status)).toEqual(['open']);
  });

  it('lets the other coder open the chart (the read is audit-logged as such)', async () => {
    const res = await call(t.app, other, 'GET', `/api/encounters/${id}`);
    expect(res.statusCode).toBe(200);
    const read = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('user_id', '=', other.userId)
      .where('action', '=', 'read')
      .where('entity_id', '=', String(id))
      .execute();
    expect(read.length).toBeGreaterThan(0);
  });

  it('a role the route does not list is refused and audit-logged with the route', async () => {
    const res = await call(t.app, biller, 'PUT', `/api/encounters/${id}/codes`, { codes: [] });
    expect(res.statusCode).toBe(403);
    const [row] = await refusals(biller.userId);
    expect(row!.entity_type).toBe('session');
    expect(JSON.parse(row!.detail)).toEqual({
      method: 'PUT',
      route: '/api/encounters/:id/codes',
      role: 'biller',
      reason: 'role',
    });
    const csrf = await t.app.inject({
      method: 'POST',
      url: `/api/encounters/${id}/suggest`,
      headers: { cookie: biller.cookie },
    });
    expect(csrf.statusCode).toBe(403);
    expect(JSON.parse((await refusals(biller.userId)).at(-1)!.detail).reason).toBe('csrf');
  });

  it('the assignee works it and hands it back; another coder then takes it; a supervisor reassigns', async () => {
    const back = await call(t.app, coder, 'POST', `/api/encounters/${id}/assign`, { userId: null });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().encounter.assignee).toBeNull();
    const take = await call(t.app, other, 'POST', `/api/encounters/${id}/assign`, { userId: other.userId });
    expect(take.statusCode, take.body).toBe(200);
    expect(take.json().encounter.assignee.username).toBe('coder2');
    // Now the first coder is the outsider.
    const refused = await call(t.app, coder, 'POST', `/api/queries/${queryId}/withdraw`);
    expect(refused.statusCode).toBe(403);
    const moved = await call(t.app, admin, 'POST', `/api/encounters/${id}/assign`, { userId: coder.userId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().encounter.assignee.username).toBe('coder');
    const withdrawn = await call(t.app, coder, 'POST', `/api/queries/${queryId}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  });

  it('two coders taking the same unassigned encounter at once: one gets it, the other a 403', async () => {
    const fresh = (
      await call(t.app, admin, 'POST', '/api/encounters', {
        note: 'ASSESSMENT: Essential hypertension.',
        patient: { displayName: 'Race, Test', birthDate: '1961-04-04', sex: 'M' },
        visit: { dateOfService: '2025-02-03', setting: 'outpatient', payer: 'Medicare' },
      })
    ).json().id;
    const [a, b] = await Promise.all([
      call(t.app, coder, 'POST', `/api/encounters/${fresh}/assign`, { userId: coder.userId }),
      call(t.app, other, 'POST', `/api/encounters/${fresh}/assign`, { userId: other.userId }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 403]);
    const winner = a.statusCode === 200 ? coder : other;
    const view = await call(t.app, admin, 'GET', `/api/encounters/${fresh}`);
    expect(view.json().encounter.assignee.id).toBe(winner.userId);
    const loser = winner === coder ? other : coder;
    const refusal = (await refusals(loser.userId)).at(-1)!;
    expect(refusal.entity_id).toBe(String(fresh));
    expect(JSON.parse(refusal.detail)).toMatchObject({ tried: 'assign', assignee: winner.userId });
  });

  it("a supervisor reassigns and hands back a coder's encounter but does not manage accounts", async () => {
    const supervisor = await login(t.app, 'supervisor');
    const moved = await call(t.app, supervisor, 'POST', `/api/encounters/${id}/assign`, {
      userId: other.userId,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().encounter.assignee.username).toBe('coder2');
    const back = await call(t.app, supervisor, 'POST', `/api/encounters/${id}/assign`, { userId: null });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().encounter.assignee).toBeNull();
    const mine = await call(t.app, supervisor, 'POST', `/api/encounters/${id}/assign`, {
      userId: supervisor.userId,
    });
    expect(mine.json().encounter.assignee.username).toBe('supervisor');
    expect((await call(t.app, supervisor, 'GET', '/api/users')).statusCode).toBe(403);
    // Back to the first coder for the tests after this one.
    await call(t.app, supervisor, 'POST', `/api/encounters/${id}/assign`, { userId: coder.userId });
  });

  it('a disabled account cannot be assigned work', async () => {
    const disabled = await call(t.app, admin, 'POST', `/api/users/${other.userId}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    const res = await call(t.app, admin, 'POST', `/api/encounters/${id}/assign`, { userId: other.userId });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('inactive_user');
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * Saving codes makes the encounter's rows what the coder sent: rows left out go, new ones come,
 * changed ones are rewritten, and rows sent unchanged are not written at all (their row version,
 * xmin, stays; `saved_by` names who last changed them).
 */
describe.each(scratchStores())('saving codes ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let admin: Session;
  let id: number;
  let proposed: string[];
  beforeAll(async () => {
    t = await testApp(spec);
    coder = await login(t.app, 'coder');
    admin = await login(t.app, 'admin');
    id = (
      await call(t.app, coder, 'POST', '/api/encounters', {
        note: 'ASSESSMENT: Essential hypertension. Type 2 diabetes mellitus without complications.',
        patient: { displayName: 'Save, Codes', birthDate: '1960-03-03', sex: 'F' },
        visit: { dateOfService: '2025-02-02', setting: 'outpatient', payer: 'Medicare' },
      })
    ).json().id;
    const view = await call(t.app, coder, 'POST', `/api/encounters/${id}/suggest`);
    proposed = view.json().suggestion.codes.map((c: { code: string }) => c.code);
  }, 120_000);
  afterAll(async () => t?.close());

  const rows = () =>
    t.store.db
      .selectFrom('encounter_code')
      .select(['code', 'sequence', 'status', 'saved_by', sql<string>`xmin::text`.as('version')])
      .where('encounter_id', '=', id)
      .orderBy('sequence')
      .orderBy('code')
      .execute();
  const save = (who: Session, codes: unknown[]) =>
    call(t.app, who, 'PUT', `/api/encounters/${id}/codes`, { codes });

  it('writes only what changed, and removes what was left out', async () => {
    expect(proposed).toEqual(expect.arrayContaining(['I10', 'E11.9']));
    const first = await save(coder, [
      { code: 'I10', sequence: 1, status: 'accepted', proposed: 'I10' },
      { code: 'E11.9', sequence: 2, status: 'accepted', proposed: 'E11.9' },
    ]);
    expect(first.statusCode, first.body).toBe(200);
    const before = await rows();
    expect(before.map((r) => [r.code, r.status, r.saved_by])).toEqual([
      ['I10', 'accepted', coder.userId],
      ['E11.9', 'accepted', coder.userId],
    ]);

    const second = await save(admin, [
      { code: 'I10', sequence: 1, status: 'accepted', proposed: 'I10' },
      { code: 'E11.9', sequence: 2, status: 'rejected', proposed: 'E11.9' },
      { code: 'Z79.84', sequence: 3, status: 'added', proposed: null },
    ]);
    expect(second.statusCode, second.body).toBe(200);
    const after = await rows();
    expect(after.map((r) => [r.code, r.status, r.saved_by])).toEqual([
      ['I10', 'accepted', coder.userId],
      ['E11.9', 'rejected', admin.userId],
      ['Z79.84', 'added', admin.userId],
    ]);
    expect(after[0]!.version).toBe(before[0]!.version);
    expect(after[1]!.version).not.toBe(before[1]!.version);
    // The view the save answers with is what the store now holds.
    expect(second.json().codes.map((c: { code: string; status: string }) => [c.code, c.status])).toEqual(
      after.map((r) => [r.code, r.status]),
    );

    const third = await save(coder, [{ code: 'I10', sequence: 1, status: 'accepted', proposed: 'I10' }]);
    expect(third.statusCode, third.body).toBe(200);
    expect((await rows()).map((r) => [r.code, r.version])).toEqual([['I10', before[0]!.version]]);
  });

  it('the same code twice at one sequence number → 400; the rows stay as they were', async () => {
    const before = await rows();
    const res = await save(coder, [
      { code: 'I10', sequence: 1, status: 'accepted', proposed: 'I10' },
      { code: 'I10', sequence: 1, status: 'rejected', proposed: 'I10' },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('duplicate_code_row');
    expect(await rows()).toEqual(before);
  });
});

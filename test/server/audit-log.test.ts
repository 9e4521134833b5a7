import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/workflow/audit.js';
import type { AuditRow } from '../../src/workflow/audit-search.js';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

/**
 * The audit-log viewer's API (filters, pages) and what lands in the log besides changes:
 * refused requests and reads of the log itself.
 */
const today = new Date().toISOString().slice(0, 10);
const dayOffset = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describe.each(scratchStores())('audit log API ($name)', (spec) => {
  let t: TestApp;
  let auditor: Session;
  let admin: Session;
  let coder: Session;

  beforeAll(async () => {
    t = await testApp(spec);
    auditor = await login(t.app, 'auditor');
    admin = await login(t.app, 'admin');
    coder = await login(t.app, 'coder');
  }, 120_000);
  afterAll(async () => t?.close());

  const entries = async (query: string, who: Session = auditor) => {
    const res = await call(t.app, who, 'GET', `/api/audit${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { entries: AuditRow[]; nextBefore: number | null };
  };

  it('a request without a session is logged as refused (path without its query)', async () => {
    const res = await call(t.app, null, 'GET', '/api/encounters?patient=Rivera');
    expect(res.statusCode).toBe(401);
    const { entries: found } = await entries('?action=refused&entity=request');
    expect(found[0]).toMatchObject({
      action: 'refused',
      entityType: 'request',
      username: null,
      detail: { method: 'GET', path: '/api/encounters', status: 401, code: 'unauthenticated' },
    });
    expect(JSON.stringify(found)).not.toContain('Rivera');
  });

  it('a role refused (403) is logged too, and a failed login only once', async () => {
    expect((await call(t.app, coder, 'GET', '/api/audit')).statusCode).toBe(403);
    const refused = await entries('?action=refused&actor=coder');
    expect(refused.entries.length).toBeGreaterThanOrEqual(1);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'wrong password 1' },
    });
    expect(bad.statusCode).toBe(401);
    const byName = await entries('?actor=nobody');
    expect(byName.entries.map((e) => e.action)).toEqual(['login-failed']);
  });

  it('reading the log is itself logged, with the filters used', async () => {
    await entries('?entity=encounter&limit=5', admin);
    const { entries: reads } = await entries('?entity=audit&actor=admin');
    expect(reads[0]).toMatchObject({
      action: 'read',
      entityType: 'audit',
      username: 'admin',
      detail: { filter: { entity: 'encounter', limit: 5 } },
    });
  });

  it('filters by actor, action and day range, and pages newest first without gaps', async () => {
    for (let i = 0; i < 7; i++) await call(t.app, null, 'GET', `/api/encounters/${i}`);
    const all = await entries('?action=refused&entity=request&limit=1000');
    expect(all.nextBefore).toBeNull();
    const ids: number[] = [];
    let before: number | null = null;
    do {
      const page: { entries: AuditRow[]; nextBefore: number | null } = await entries(
        `?action=refused&entity=request&limit=3${before ? `&before=${before}` : ''}`,
      );
      expect(page.entries.length).toBeLessThanOrEqual(3);
      ids.push(...page.entries.map((e) => e.id));
      before = page.nextBefore;
    } while (before !== null);
    expect(ids).toEqual(all.entries.map((e) => e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids.length).toBeGreaterThanOrEqual(8);

    expect((await entries(`?action=refused&entity=request&from=${today}&to=${today}`)).entries).toHaveLength(
      Math.min(ids.length, 100),
    );
    expect((await entries(`?from=${dayOffset(1)}`)).entries).toEqual([]);
    expect((await entries(`?to=${dayOffset(-1)}`)).entries).toEqual([]);
    const coderOnly = await entries('?actor=coder&limit=1000');
    expect(coderOnly.entries.every((e) => e.username === 'coder')).toBe(true);
    const logins = await entries('?action=login&limit=1000');
    expect(logins.entries.map((e) => e.username).sort()).toEqual(['admin', 'auditor', 'coder']);
  });

  it('refuses a non-calendar date and a reversed range, naming the field', async () => {
    const bad = await call(t.app, auditor, 'GET', '/api/audit?from=2025-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_date', field: 'from' });
    const reversed = await call(t.app, auditor, 'GET', '/api/audit?from=2025-03-02&to=2025-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('invalid_range');
  });

  it('everything the server logged keeps the keyed chain intact', async () => {
    const result = await verifyAuditChain(t.store.db);
    expect(result).toMatchObject({ ok: true, unkeyed: 0 });
    expect(result.lastSeq).toBe(result.checked);
  });
});

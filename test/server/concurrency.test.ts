import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/workflow/audit.js';
import { scratchStores } from '../support/stores.js';
import { call, login, testApp } from './harness.js';

const NOTE = `ASSESSMENT:
1. Type 2 diabetes mellitus with hyperglycemia.
2. Essential hypertension.
PLAN: Continue metformin and lisinopril.`;

describe.each(scratchStores())('concurrent coders through the API ($name)', (spec) => {
  it('suggest, save and open in parallel: all succeed, one history row each, the audit chain verifies', async () => {
    const t = await testApp(spec);
    try {
      const s = await login(t.app, 'coder');
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await call(t.app, s, 'POST', '/api/encounters', {
          note: NOTE,
          patient: { displayName: `Test, Pat ${i}`, birthDate: '1960-01-02', sex: 'F' },
          visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Acme Health' },
        });
        ids.push(res.json().id);
      }
      const first = await Promise.all(
        ids.map((id) => call(t.app, s, 'POST', `/api/encounters/${id}/suggest`)),
      );
      const codes = first[0]!.json().suggestion.codes.map((c: { code: string }, k: number) => ({
        code: c.code,
        sequence: k + 1,
        status: 'accepted',
        proposed: c.code,
      }));
      const jobs = Array.from({ length: 36 }, (_, i) => {
        const id = ids[i % ids.length]!;
        if (i % 3 === 0) return call(t.app, s, 'POST', `/api/encounters/${id}/suggest`);
        if (i % 3 === 1) return call(t.app, s, 'PUT', `/api/encounters/${id}/codes`, { codes });
        return call(t.app, s, 'GET', `/api/encounters/${id}`);
      });
      const results = await Promise.all(jobs);
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      // The view returned by a save shows that save's codes (read in its own transaction).
      const saved = results.filter((_, i) => i % 3 === 1);
      for (const r of saved)
        expect(r.json().codes.map((c: { code: string }) => c.code)).toEqual(
          codes.map((c: { code: string }) => c.code),
        );
      const rows = (table: 'encounter_event' | 'audit_log', actions: string[]) =>
        t.store.db.selectFrom(table).select('action').where('action', 'in', actions).execute();
      expect((await rows('encounter_event', ['suggest', 'save-codes'])).length).toBe(4 + 24);
      const chain = await verifyAuditChain(t.store.db);
      expect(chain.ok, JSON.stringify(chain.problem)).toBe(true);
      expect((await rows('audit_log', ['suggest', 'save'])).length).toBe(4 + 24);
    } finally {
      await t.close();
    }
  }, 60_000);
});

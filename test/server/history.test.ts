import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_HISTORY } from '../../src/workflow/encounters.js';
import { scratchStores } from '../support/stores.js';
import { call, login, type Session, type TestApp, testApp } from './harness.js';

const newEncounter = {
  note: 'ASSESSMENT: Essential hypertension. PLAN: Continue lisinopril.',
  patient: { displayName: 'History, Pat', birthDate: '1960-01-02', sex: 'F' },
  visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Acme Health' },
};

type Event = { action: string; at: string; detail: { codes?: Array<{ sequence: number }> } };

/** The view carries the latest events; the history route pages through all of them. */
describe.each(scratchStores())('encounter history ($name)', (spec) => {
  let t: TestApp;
  let coder: Session;
  let auditor: Session;
  let provider: Session;
  beforeAll(async () => {
    t = await testApp(spec);
    coder = await login(t.app, 'coder');
    auditor = await login(t.app, 'auditor');
    provider = await login(t.app, 'provider');
  }, 120_000);
  afterAll(async () => t?.close());

  it('views the latest events with the total, and pages the whole history oldest first', async () => {
    const created = await call(t.app, coder, 'POST', '/api/encounters', newEncounter);
    const id = created.json().id as number;
    const suggested = await call(t.app, coder, 'POST', `/api/encounters/${id}/suggest`);
    const proposed = suggested.json().suggestion.codes[0].code as string;
    const saves = VIEW_HISTORY + 5;
    let view: { history: Event[]; historyTotal: number } | undefined;
    for (let i = 1; i <= saves; i++) {
      const res = await call(t.app, coder, 'PUT', `/api/encounters/${id}/codes`, {
        codes: [{ code: proposed, sequence: i, status: 'accepted', proposed }],
      });
      expect(res.statusCode, res.body).toBe(200);
      view = res.json();
    }
    const total = 2 + saves; // import, suggest, the saves
    expect(view!.historyTotal).toBe(total);
    expect(view!.history).toHaveLength(VIEW_HISTORY);
    // Oldest first, ending with the save just made.
    expect(view!.history.at(-1)!.detail.codes![0]!.sequence).toBe(saves);
    expect(view!.history[0]!.detail.codes![0]!.sequence).toBe(saves - VIEW_HISTORY + 1);

    const first = await call(t.app, auditor, 'GET', `/api/encounters/${id}/history?limit=10`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().total).toBe(total);
    expect(
      first
        .json()
        .events.map((e: Event) => e.action)
        .slice(0, 3),
    ).toEqual(['import', 'suggest', 'save-codes']);
    const rest = await call(t.app, auditor, 'GET', `/api/encounters/${id}/history?offset=10&limit=500`);
    const all = [...first.json().events, ...rest.json().events] as Event[];
    expect(all).toHaveLength(total);
    expect(all.slice(-VIEW_HISTORY)).toEqual(view!.history);

    // The read is audited as a read of the encounter, by the auditor.
    const audit = await call(t.app, auditor, 'GET', `/api/audit?entity=encounter:${id}&limit=100`);
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = audit.json().entries as Array<{ action: string; username: string; detail: unknown }>;
    const historyReads = entries.filter(
      (e) => e.action === 'read' && e.username === 'auditor' && JSON.stringify(e.detail).includes('history'),
    );
    expect(historyReads).toHaveLength(2);
  });

  it('counts every event in the total, whichever change added it', async () => {
    const id = (await call(t.app, coder, 'POST', '/api/encounters', newEncounter)).json().id as number;
    const total = async () => {
      const view = await call(t.app, coder, 'GET', `/api/encounters/${id}`);
      const { n } = await t.store.db
        .selectFrom('encounter_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('encounter_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(view.json().historyTotal).toBe(Number(n));
      return Number(n);
    };
    expect(await total()).toBe(1); // import
    await call(t.app, coder, 'POST', `/api/encounters/${id}/suggest`);
    await call(t.app, coder, 'POST', `/api/encounters/${id}/assign`, { userId: coder.userId });
    const asked = await call(t.app, coder, 'POST', `/api/encounters/${id}/queries`, {
      kind: 'free-text',
      providerId: provider.userId,
      topic: 'blood pressure control',
      question: 'Please document whether the hypertension is controlled.',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const qid = asked.json().id as number;
    const answered = await call(t.app, provider, 'POST', `/api/queries/${qid}/answer`, {
      text: 'Controlled.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await call(t.app, coder, 'POST', `/api/queries/${qid}/close`)).statusCode).toBe(200);
    // import, suggest, assign, query asked, answered and closed: each an event, each counted.
    expect(await total()).toBe(6);
  });

  it('refuses bad pages and unknown encounters with a clear 4xx', async () => {
    const created = await call(t.app, coder, 'POST', '/api/encounters', newEncounter);
    const id = created.json().id as number;
    for (const q of ['limit=0', 'limit=501', 'offset=-1', 'limit=ten']) {
      const res = await call(t.app, coder, 'GET', `/api/encounters/${id}/history?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
    const missing = await call(t.app, coder, 'GET', '/api/encounters/999999/history');
    expect(missing.statusCode).toBe(404);
  });
});

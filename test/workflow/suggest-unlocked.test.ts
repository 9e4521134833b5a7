import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteCoder } from '../../src/coding/engine-threads.js';
import type { Store } from '../../src/store/index.js';
import { createUser, type PublicUser } from '../../src/workflow/accounts.js';
import { verifyAuditChain } from '../../src/workflow/audit.js';
import { saveCodes } from '../../src/workflow/codes.js';
import { type Actor, type WorkflowContext, workflowContext } from '../../src/workflow/context.js';
import { assignEncounter, importEncounter, suggestCodes } from '../../src/workflow/encounters.js';
import { WorkflowError } from '../../src/workflow/errors.js';
import { asWorker } from '../../src/workflow/ownership.js';
import { testEngines } from '../server/harness.js';
import { openScratch, scratchStores } from '../support/stores.js';

const PASSWORD = 'unlocked suggest horse';
const NOTE = `ASSESSMENT:
1. Type 2 diabetes mellitus with hyperglycemia.
2. Essential hypertension.
PLAN: Continue metformin and lisinopril.`;

/**
 * Suggest reads the encounter without a lock, runs the engine, and then writes only if the row
 * is as it read it (state, assignee, history length). These tests change the encounter while the
 * engine runs, as a colleague or supervisor could, and check that the suggestion then goes the
 * locked way: the other change is kept, the view counts the codes it saved, a coder who lost the
 * encounter is refused (and the refusal logged) and the audit chain verifies.
 */
describe.each(scratchStores())('suggest without a lock first ($name)', (spec) => {
  let store: Store;
  let ctx: WorkflowContext;
  let coder: Actor;
  let colleague: Actor;
  let supervisor: Actor;

  const as = (user: PublicUser): Actor => ({ user, ip: '127.0.0.1' });
  const user = (username: string, role: PublicUser['role']) =>
    createUser(store.db, { username, password: PASSWORD, role }).then(as);
  const newEncounter = (name: string) =>
    importEncounter(ctx, coder, {
      note: NOTE,
      patient: { displayName: name, birthDate: '1950-01-02', sex: 'F' },
      visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Medicare' },
    });
  /** The context with an engine that runs `meanwhile` before it codes (a change racing the suggestion). */
  const racing = (meanwhile: () => Promise<unknown>): WorkflowContext => {
    const coderOf: NoteCoder = {
      threads: ctx.coder.threads,
      close: () => ctx.coder.close(),
      code: async (input) => {
        await meanwhile();
        return ctx.coder.code(input);
      },
    };
    return { ...ctx, coder: coderOf };
  };
  const events = (id: number) =>
    store.db
      .selectFrom('encounter_event')
      .select('action')
      .where('encounter_id', '=', id)
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((r) => r.action));

  beforeAll(async () => {
    store = await openScratch(spec);
    ctx = workflowContext(store, await testEngines());
    coder = await user('ucoder', 'coder');
    colleague = await user('ucolleague', 'coder');
    supervisor = await user('usupervisor', 'supervisor');
  }, 180_000);
  afterAll(async () => store?.close());

  it('an unchanged encounter: the suggestion is stored, one history row, the view as the store has it', async () => {
    const id = await newEncounter('Unlocked, Pat');
    const view = (await suggestCodes(ctx, coder, id, { view: true }))!;
    expect(view.encounter.state).toBe('suggested');
    const suggested = view.suggestion!.codes.map((c) => c.code);
    expect(suggested).toEqual(expect.arrayContaining(['E11.65', 'I10']));
    expect(view.history.map((h) => h.action)).toEqual(['import', 'suggest']);
    expect(view.historyTotal).toBe(2);
    expect(await events(id)).toEqual(['import', 'suggest']);
    const stored = await store.db
      .selectFrom('encounter')
      .select(['state', 'event_count', 'suggestion'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.state).toBe('suggested');
    expect(stored.event_count).toBe(2);
    expect((stored.suggestion as { codes: Array<{ code: string }> }).codes.map((c) => c.code)).toEqual(
      suggested,
    );
  });

  it('codes saved while the engine ran: both changes kept, the view shows the codes that save left', async () => {
    const id = await newEncounter('Raced, Pat');
    const code = (c: string, sequence: number) => ({
      code: c,
      sequence,
      status: 'accepted' as const,
      proposed: c,
    });
    await suggestCodes(ctx, coder, id);
    // In review, a save leaves the state as it is: only the history length tells the change.
    await saveCodes(ctx, coder, id, [code('E11.65', 1), code('I10', 2)]);
    const view = (await suggestCodes(
      racing(() => saveCodes(ctx, coder, id, [code('I10', 1)])),
      coder,
      id,
      {
        view: true,
      },
    ))!;
    expect(view.encounter.state).toBe('in_review');
    expect(view.codes.map((c) => c.code)).toEqual(['I10']);
    expect(await events(id)).toEqual(['import', 'suggest', 'save-codes', 'save-codes', 'suggest']);
    expect(view.historyTotal).toBe(5);
    const chain = await verifyAuditChain(store.db);
    expect(chain.ok, JSON.stringify(chain.problem)).toBe(true);
  });

  it('reassigned to a colleague while the engine ran: the coder is refused and the refusal is logged', async () => {
    const id = await newEncounter('Reassigned, Pat');
    await assignEncounter(ctx, supervisor, id, coder.user.id);
    const raced = racing(() => assignEncounter(ctx, supervisor, id, colleague.user.id));
    const e = await asWorker(store.db, coder, id, 'suggest', () =>
      suggestCodes(raced, coder, id, { view: true }),
    ).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(WorkflowError);
    expect((e as WorkflowError).code).toBe('not_assignee');
    expect(await events(id)).toEqual(['import', 'assign', 'assign']);
    const refused = await store.db
      .selectFrom('audit_log')
      .select(['entity_id', 'detail'])
      .where('action', '=', 'refused')
      .where('user_id', '=', coder.user.id)
      .execute();
    expect(refused.map((r) => [Number(r.entity_id), JSON.parse(r.detail as string)])).toEqual([
      [id, { tried: 'suggest', assignee: colleague.user.id, reason: 'not-assignee' }],
    ]);
  });

  it("a colleague's encounter is refused without a race too (the unlocked read does not decide)", async () => {
    const id = await newEncounter('Colleague, Pat');
    await assignEncounter(ctx, supervisor, id, colleague.user.id);
    const e = await asWorker(store.db, coder, id, 'suggest', () =>
      suggestCodes(ctx, coder, id, { view: true }),
    ).then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as WorkflowError).code).toBe('not_assignee');
    expect(await events(id)).toEqual(['import', 'assign']);
  });
});

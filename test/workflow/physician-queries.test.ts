import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { createUser, type PublicUser } from '../../src/workflow/accounts.js';
import { type Actor, type WorkflowContext, workflowContext } from '../../src/workflow/context.js';
import {
  assignEncounter,
  encounterView,
  importEncounter,
  suggestCodes,
} from '../../src/workflow/encounters.js';
import { WorkflowError } from '../../src/workflow/errors.js';
import {
  answerQuery,
  askQuery,
  closeQuery,
  listProviders,
  withdrawQuery,
} from '../../src/workflow/queries.js';
import { excerptOf, providerInbox, providerQuery } from '../../src/workflow/query-inbox.js';
import { checkAnswer, OTHER, queryChoices, UNDETERMINED } from '../../src/workflow/query-templates.js';
import { testEngines } from '../server/harness.js';
import { openScratch, scratchStores } from '../support/stores.js';

const PASSWORD = 'queries correct horse';
const NOTE = `HPI: Follows up for kidney function.
ASSESSMENT:
1. Chronic kidney disease.
2. Essential hypertension.
PLAN: Recheck creatinine in 3 months.`;

/**
 * Physician queries addressed to a provider account, on the store: the assignee asks (the
 * engine's query as a multiple-choice template, or free text quoting the note), only the
 * addressed provider answers, the coder closes or withdraws; every refusal is a 403 with an
 * audit row and leaves the store as it was; the provider's inbox holds their own queries only,
 * with the note excerpts and nothing of the billing.
 */
describe.each(scratchStores())('physician queries ($name)', (spec) => {
  let store: Store;
  let ctx: WorkflowContext;
  let coder: Actor;
  let colleague: Actor;
  let provider: Actor;
  let otherProvider: Actor;
  let id: number;

  const as = (user: PublicUser): Actor => ({ user, ip: '127.0.0.1' });
  const user = (username: string, role: PublicUser['role']) =>
    createUser(store.db, { username, password: PASSWORD, role }).then(as);
  const snapshot = () =>
    Promise.all([
      store.db.selectFrom('physician_query').selectAll().orderBy('id').execute(),
      store.db.selectFrom('encounter_event').select(['id', 'action']).orderBy('id').execute(),
    ]);
  const refusals = (actor: Actor) =>
    store.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'detail'])
      .where('action', '=', 'refused')
      .where('user_id', '=', actor.user.id)
      .orderBy('id')
      .execute();
  const refusedWith = async (work: Promise<unknown>, code: string) => {
    const e = await work.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(WorkflowError);
    expect((e as WorkflowError).code).toBe(code);
    return e as WorkflowError;
  };

  beforeAll(async () => {
    store = await openScratch(spec);
    ctx = workflowContext(store, await testEngines());
    coder = await user('qcoder', 'coder');
    colleague = await user('qcolleague', 'coder');
    provider = await user('drsmith', 'provider');
    otherProvider = await user('drjones', 'provider');
    id = await importEncounter(ctx, coder, {
      note: NOTE,
      patient: { displayName: 'Query, Pat', birthDate: '1950-01-02', sex: 'F' },
      visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Medicare' },
    });
    await suggestCodes(ctx, coder, id);
    await assignEncounter(ctx, coder, id, coder.user.id);
  }, 180_000);
  afterAll(async () => store?.close());

  it('the assignee asks the engine query as a template: its choices end with other and clinically undetermined', async () => {
    const view = await encounterView(ctx, coder, id);
    const index = view.suggestion!.queries.findIndex((q) => q.element === 'stage of chronic kidney disease');
    expect(index, JSON.stringify(view.suggestion!.queries)).toBeGreaterThanOrEqual(0);
    const qid = await askQuery(ctx, coder, id, {
      kind: 'template',
      providerId: provider.user.id,
      index,
      element: 'stage of chronic kidney disease',
    });
    const [q] = (await encounterView(ctx, coder, id)).queries;
    expect(q).toMatchObject({
      id: qid,
      kind: 'template',
      status: 'open',
      provider: 'drsmith',
      askedBy: 'qcoder',
      answer: null,
      answeredAt: null,
    });
    expect(q!.options).toContain('Stage 3a');
    expect(q!.options.slice(-2)).toEqual([OTHER, UNDETERMINED]);
    expect(q!.evidence[0]!.text).toMatch(/kidney disease/i);
    expect(NOTE.slice(q!.evidence[0]!.start, q!.evidence[0]!.end)).toBe(q!.evidence[0]!.text);
    // The same question twice while it is open is refused.
    await refusedWith(
      askQuery(ctx, coder, id, {
        kind: 'template',
        providerId: provider.user.id,
        index,
        element: 'stage of chronic kidney disease',
      }),
      'duplicate_query',
    );
    // An engine query the page no longer matches is refused rather than asked wrong.
    await refusedWith(
      askQuery(ctx, coder, id, {
        kind: 'template',
        providerId: provider.user.id,
        index,
        element: 'laterality',
      }),
      'stale_template',
    );
  });

  it('refuses a query from a coder who is not the assignee (403, audited) and to an account that is not a provider', async () => {
    const before = await snapshot();
    const e = await refusedWith(
      askQuery(ctx, colleague, id, { kind: 'free-text', providerId: provider.user.id, question: 'Stage?' }),
      'not_assignee',
    );
    expect(e.kind).toBe('forbidden');
    expect(
      (await refusals(colleague)).map((r) => [r.entity_type, r.entity_id, JSON.parse(r.detail)]),
    ).toEqual([
      ['encounter', String(id), { tried: 'query', assignee: coder.user.id, reason: 'not-assignee' }],
    ]);
    await refusedWith(
      askQuery(ctx, coder, id, { kind: 'free-text', providerId: colleague.user.id, question: 'Stage?' }),
      'not_a_provider',
    );
    await refusedWith(
      askQuery(ctx, coder, id, {
        kind: 'free-text',
        providerId: provider.user.id,
        question: 'Stage?',
        excerpts: ['Acute kidney injury'],
      }),
      'excerpt_not_in_note',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('only the addressed provider answers, with one of the choices (text for other)', async () => {
    const [q] = (await encounterView(ctx, coder, id)).queries;
    const before = await snapshot();
    // A coder may no longer type the provider's answer, nor may another provider.
    for (const actor of [coder, otherProvider]) {
      const e = await refusedWith(answerQuery(ctx, actor, q!.id, { option: 'Stage 4' }), 'not_addressee');
      expect(e.kind).toBe('forbidden');
      expect(JSON.parse((await refusals(actor)).at(-1)!.detail)).toEqual({
        tried: 'answer',
        encounterId: id,
        reason: 'not-addressee',
      });
    }
    await refusedWith(answerQuery(ctx, provider, q!.id, { option: 'Stage 7' }), 'invalid_answer');
    await refusedWith(answerQuery(ctx, provider, q!.id, { text: 'stage 4' }), 'invalid_answer');
    await refusedWith(answerQuery(ctx, provider, q!.id, { option: OTHER }), 'invalid_answer');
    expect(await snapshot()).toEqual(before);

    await answerQuery(ctx, provider, q!.id, { option: 'Stage 4', text: 'eGFR 22 on two readings' });
    const [answered] = (await encounterView(ctx, coder, id)).queries;
    expect(answered).toMatchObject({
      status: 'answered',
      answerOption: 'Stage 4',
      answer: 'eGFR 22 on two readings',
      answeredBy: 'drsmith',
    });
    expect(Date.parse(answered!.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(answered!.askedAt));
    await refusedWith(answerQuery(ctx, provider, q!.id, { option: 'Stage 3a' }), 'invalid_state');
    // The coder takes the answer in and closes the query; a closed one cannot be withdrawn.
    await refusedWith(closeQuery(ctx, colleague, q!.id), 'not_assignee');
    await closeQuery(ctx, coder, q!.id);
    await refusedWith(withdrawQuery(ctx, coder, q!.id), 'invalid_state');
    const [closed] = (await encounterView(ctx, coder, id)).queries;
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'qcoder' });
    const history = (await encounterView(ctx, coder, id)).history.map((h) => h.action);
    expect(history).toEqual(expect.arrayContaining(['query-asked', 'query-answered', 'query-closed']));
  });

  it('a free-text query quotes the note; withdrawn while open it can no longer be answered', async () => {
    const qid = await askQuery(ctx, coder, id, {
      kind: 'free-text',
      providerId: otherProvider.user.id,
      topic: 'blood pressure control',
      question: 'Is the hypertension controlled on the current regimen?',
      excerpts: ['Essential hypertension'],
    });
    const inbox = await providerInbox(ctx, otherProvider);
    expect(inbox.queries.map((q) => q.id)).toEqual([qid]);
    const [mine] = inbox.queries;
    expect(mine).toMatchObject({ kind: 'free-text', options: [], askedBy: 'qcoder', status: 'open' });
    expect(mine!.excerpts).toEqual([{ before: '2. ', text: 'Essential hypertension', after: '.' }]);
    // What the provider is shown names the patient and visit, and nothing of billing or codes.
    expect(Object.keys(mine!.encounter).sort()).toEqual(['dateOfService', 'id', 'patient', 'setting']);
    expect(JSON.stringify(mine)).not.toMatch(/Medicare|N18|I10|payer|claim/i);
    // The other provider's query is not theirs to read.
    await refusedWith(
      providerQuery(ctx, otherProvider, (await providerInbox(ctx, provider)).queries[0]!.id),
      'not_addressee',
    );

    await withdrawQuery(ctx, coder, qid);
    await refusedWith(answerQuery(ctx, otherProvider, qid, { text: 'Yes.' }), 'invalid_state');
    expect((await encounterView(ctx, coder, id)).queries.find((q) => q.id === qid)).toMatchObject({
      status: 'withdrawn',
      closedBy: 'qcoder',
    });
  });

  it('lists active provider accounts for the coder to choose from', async () => {
    expect((await listProviders(store.db)).map((p) => p.username)).toEqual(['drjones', 'drsmith']);
  });
});

describe('excerptOf', () => {
  it('shows the passage within its own line, bounded either side', () => {
    const note = `line one\nthe patient has ${'x'.repeat(300)} chronic kidney disease today\nnext line`;
    const start = note.indexOf('chronic');
    const e = excerptOf(note, { start, end: start + 22, text: 'chronic kidney disease' });
    expect(e.text).toBe('chronic kidney disease');
    expect(e.after).toBe(' today');
    expect(e.before.length).toBeLessThanOrEqual(160);
    expect(e.before.endsWith('x ')).toBe(true);
    expect(excerptOf(note, { start: 0, end: 4, text: 'nope' })).toEqual({
      before: '',
      text: 'nope',
      after: '',
    });
  });
});

describe('query choices', () => {
  it("lists an element's clinical choices, then other and clinically undetermined; an unknown element has those two", () => {
    expect(queryChoices('new or established patient')).toEqual([
      'New patient',
      'Established patient',
      OTHER,
      UNDETERMINED,
    ]);
    expect(queryChoices('laterality')).toEqual(['Right', 'Left', 'Bilateral', OTHER, UNDETERMINED]);
    expect(queryChoices('dose')).toEqual([OTHER, UNDETERMINED]);
    const choices = queryChoices('laterality');
    expect(checkAnswer(choices, { option: 'Left' })).toEqual({ option: 'Left', text: 'Left' });
    expect(checkAnswer(choices, { option: OTHER, text: ' both, staged ' })).toEqual({
      option: OTHER,
      text: 'both, staged',
    });
    expect(checkAnswer(choices, { option: 'Up' })).toMatchObject({ field: 'option' });
    expect(checkAnswer([], { text: 'Yes.' })).toEqual({ option: null, text: 'Yes.' });
    expect(checkAnswer([], { option: 'Left', text: 'x' })).toMatchObject({ field: 'option' });
    expect(checkAnswer([], { text: '  ' })).toMatchObject({ field: 'text' });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { Actor, WorkflowContext } from '../../src/workflow/context.js';
import { workflowContext } from '../../src/workflow/context.js';
import { WorkflowError } from '../../src/workflow/errors.js';
import { drawSample } from '../../src/workflow/qa/draw.js';
import { findPopulation } from '../../src/workflow/qa/population.js';
import { classifyVariances, itemView, submitRecode } from '../../src/workflow/qa/recode.js';
import { qaReport, qaReportCsv } from '../../src/workflow/qa/report.js';
import { createSample, sampleDetail } from '../../src/workflow/qa/samples.js';
import { testEngines } from '../server/harness.js';
import { ASTHMA_NOTE, DIABETES_NOTE, finishedEncounter, qaUser } from '../support/qa.js';
import { openScratch, scratchStores } from '../support/stores.js';

/**
 * Coding-quality audits against the store: who is in a sample's population, the seeded draw
 * and its reproducibility, the auditor's own charts left out, blind re-coding and its
 * comparison, variance classification, and the report — and that refused or bad requests write
 * nothing but their refusal.
 */
describe.each(scratchStores())('coding quality audits in the store ($name)', (spec) => {
  let store: Store;
  let ctx: WorkflowContext;
  let admin: Actor;
  let ann: Actor;
  let bob: Actor;
  let sue: Actor;
  let audrey: Actor;
  let alex: Actor;
  const enc = {} as Record<
    'annDiabetes' | 'annAsthma' | 'bobDiabetes' | 'bobAsthma' | 'sueDiabetes' | 'annMay' | 'annLate',
    number
  >;
  const MARCH = { from: '2025-03-01', to: '2025-03-31' };

  beforeAll(async () => {
    store = await openScratch(spec);
    ctx = workflowContext(store, await testEngines(), { today: () => '2025-06-30' });
    admin = await qaUser(ctx, 'admin', 'admin');
    ann = await qaUser(ctx, 'ann', 'coder');
    bob = await qaUser(ctx, 'bob', 'coder');
    sue = await qaUser(ctx, 'sue', 'supervisor');
    audrey = await qaUser(ctx, 'audrey', 'auditor');
    alex = await qaUser(ctx, 'alex', 'auditor');
    const chart = (note: string, dateOfService: string, codes: string[], chargeCents?: number) => ({
      note,
      dateOfService,
      codes,
      ...(chargeCents === undefined ? {} : { chargeCents }),
    });
    enc.annDiabetes = await finishedEncounter(
      ctx,
      admin,
      ann,
      chart(DIABETES_NOTE, '2025-03-03', ['E11.65', 'I10'], 15000),
    );
    enc.annAsthma = await finishedEncounter(ctx, admin, ann, chart(ASTHMA_NOTE, '2025-03-04', ['J45.20']));
    enc.bobDiabetes = await finishedEncounter(
      ctx,
      admin,
      bob,
      chart(DIABETES_NOTE, '2025-03-05', ['E11.9', 'I10'], 9000),
    );
    enc.bobAsthma = await finishedEncounter(
      ctx,
      admin,
      bob,
      chart(ASTHMA_NOTE, '2025-03-06', ['J45.20'], 30000),
    );
    enc.sueDiabetes = await finishedEncounter(
      ctx,
      admin,
      sue,
      chart(DIABETES_NOTE, '2025-03-07', ['E11.65', 'I10']),
    );
    enc.annMay = await finishedEncounter(ctx, admin, ann, chart(ASTHMA_NOTE, '2025-05-01', ['J45.20']));
  }, 240_000);
  afterAll(async () => store?.close());

  const counts = async () => {
    const n = (table: 'qa_sample' | 'qa_item' | 'qa_variance' | 'audit_log') =>
      store.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => r.n);
    return {
      samples: await n('qa_sample'),
      items: await n('qa_item'),
      variances: await n('qa_variance'),
      audit: await n('audit_log'),
    };
  };
  const refusals = (actor: Actor) =>
    store.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'detail'])
      .where('action', '=', 'refused')
      .where('user_id', '=', actor.user.id)
      .orderBy('id')
      .execute();
  const ids = (rows: Array<{ encounterId: number }>) => rows.map((r) => r.encounterId).sort((a, b) => a - b);

  it('the population: finished charts in the date range, by coder, code family and charge; the auditor’s own flagged', async () => {
    const all = await findPopulation(store.db, { ...MARCH, size: 1 }, sue.user.id);
    expect(ids(all)).toEqual(
      [enc.annDiabetes, enc.annAsthma, enc.bobDiabetes, enc.bobAsthma, enc.sueDiabetes].sort(
        (a, b) => a! - b!,
      ),
    );
    expect(all.filter((c) => c.auditorsOwn).map((c) => c.encounterId)).toEqual([enc.sueDiabetes]);
    expect(all.find((c) => c.encounterId === enc.annDiabetes)).toMatchObject({
      coderId: ann.user.id,
      chargeCents: 15000,
    });
    const by = (criteria: object) =>
      findPopulation(store.db, { ...MARCH, size: 1, ...criteria }, audrey.user.id);
    expect(ids(await by({ coderId: bob.user.id }))).toEqual([enc.bobDiabetes, enc.bobAsthma]);
    expect(ids(await by({ codeFamily: 'E11' }))).toEqual([enc.annDiabetes, enc.bobDiabetes, enc.sueDiabetes]);
    expect(ids(await by({ codeFamily: 'E116' }))).toEqual([enc.annDiabetes, enc.sueDiabetes]);
    expect(ids(await by({ codeFamily: 'J' }))).toEqual([enc.annAsthma, enc.bobAsthma]);
    expect(ids(await by({ minChargeCents: 10000 }))).toEqual([enc.annDiabetes, enc.bobAsthma]);
    expect(ids(await by({ from: '2025-05-01', to: '2025-05-31' }))).toEqual([enc.annMay]);
  });

  it('an unfinished chart is not in the population', async () => {
    const open = await finishedEncounter(ctx, admin, ann, {
      note: ASTHMA_NOTE,
      dateOfService: '2025-03-10',
      codes: ['J45.20'],
    });
    // Reopened: a save after sign-off puts it back in review.
    await store.db.updateTable('encounter').set({ state: 'in_review' }).where('id', '=', open).execute();
    const all = await findPopulation(store.db, { ...MARCH, size: 1 }, audrey.user.id);
    expect(ids(all)).not.toContain(open);
    await store.db.updateTable('encounter').set({ state: 'coded' }).where('id', '=', open).execute();
    enc.annLate = open;
  });

  it('a draw is reproducible from its seed, recorded with the population and audit-logged', async () => {
    const first = await createSample(ctx, sue, {
      ...MARCH,
      size: 3,
      seed: 'march-2025',
      auditorId: audrey.user.id,
    });
    const again = await createSample(ctx, sue, {
      ...MARCH,
      size: 3,
      seed: 'march-2025',
      auditorId: audrey.user.id,
    });
    expect(first.itemList.map((i) => i.encounterId)).toEqual(again.itemList.map((i) => i.encounterId));
    const population = await findPopulation(store.db, { ...MARCH, size: 3 }, audrey.user.id);
    expect(first.itemList.map((i) => i.encounterId)).toEqual(
      drawSample(
        population.map((c) => c.encounterId),
        3,
        'march-2025',
      ),
    );
    expect(first).toMatchObject({
      auditor: { id: audrey.user.id, username: 'audrey' },
      createdBy: 'sue',
      seed: 'march-2025',
      population: population.length,
      excludedOwn: 0,
      items: 3,
      submitted: 0,
    });
    const logged = await store.db
      .selectFrom('audit_log')
      .select(['detail', 'username'])
      .where('action', '=', 'create')
      .where('entity_type', '=', 'qa')
      .where('entity_id', '=', String(first.id))
      .executeTakeFirstOrThrow();
    expect(logged.username).toBe('sue');
    expect(JSON.parse(logged.detail)).toMatchObject({
      seed: 'march-2025',
      population: population.length,
      populationSha256: first.populationSha256,
      chosen: first.itemList.map((i) => i.encounterId),
    });
    // Without a seed one is chosen and kept.
    const seeded = await createSample(ctx, audrey, { ...MARCH, percent: 50 });
    expect(seeded.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(seeded.items).toBe(Math.ceil(population.length / 2));
  });

  it('the auditor’s own charts are left out of a random draw, and a sample targeted at them is refused', async () => {
    const mine = await createSample(ctx, sue, { ...MARCH, size: 100 });
    expect(mine.excludedOwn).toBe(1);
    expect(mine.itemList.map((i) => i.encounterId)).not.toContain(enc.sueDiabetes);
    const before = await counts();
    const own = createSample(ctx, sue, { ...MARCH, size: 5, coderId: sue.user.id });
    await expect(own).rejects.toMatchObject({ kind: 'forbidden', code: 'own_coding' });
    const after = await counts();
    expect(after).toEqual({ ...before, audit: before.audit + 1 });
    expect((await refusals(sue)).at(-1)).toMatchObject({ entity_type: 'qa', entity_id: null });
  });

  it('an auditor draws for themself only; bad criteria and an empty population write nothing', async () => {
    await expect(
      createSample(ctx, audrey, { ...MARCH, size: 2, auditorId: alex.user.id }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'sample_for_another',
    });
    const before = await counts();
    const bad: Array<[object, string]> = [
      [{ ...MARCH }, 'invalid_size'],
      [{ ...MARCH, size: 2, percent: 5 }, 'invalid_size'],
      [{ from: '2025-02-30', to: '2025-03-31', size: 2 }, 'invalid_date'],
      [{ from: '2025-04-01', to: '2025-03-01', size: 2 }, 'invalid_range'],
      [{ ...MARCH, size: 2, codeFamily: 'E1%' }, 'invalid_code_family'],
      [{ ...MARCH, size: 2, auditorId: ann.user.id }, 'not_an_auditor'],
      [{ ...MARCH, size: 2, coderId: 999999 }, 'unknown_user'],
      [{ ...MARCH, size: 2, seed: 'has space' }, 'invalid_seed'],
      [{ ...MARCH, size: 2, codeFamily: 'Z99' }, 'empty_population'],
    ];
    for (const [input, code] of bad) {
      const err = await createSample(ctx, sue, input as never).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(WorkflowError);
      expect((err as WorkflowError).code, JSON.stringify(input)).toBe(code);
    }
    expect(await counts()).toEqual(before);
  });

  it('blind re-coding: no coder codes before submission; the comparison after; final once submitted', async () => {
    const sample = await createSample(ctx, audrey, { ...MARCH, size: 10, codeFamily: 'E11', seed: 'dm' });
    expect(ids(sample.itemList)).toEqual([enc.annDiabetes, enc.bobDiabetes, enc.sueDiabetes]);
    const item = (encounterId: number) => sample.itemList.find((i) => i.encounterId === encounterId)!.id;

    const blind = await itemView(ctx, audrey, item(enc.bobDiabetes));
    expect(blind.item.status).toBe('pending');
    expect(blind.note.text).toBe(DIABETES_NOTE);
    expect(blind.auditorCodes).toBeNull();
    expect(blind).not.toHaveProperty('coderCodes');
    expect(blind).not.toHaveProperty('comparison');
    expect(JSON.stringify(blind)).not.toMatch(/E11\.9|I10/);

    const before = await counts();
    await expect(
      submitRecode(ctx, audrey, item(enc.bobDiabetes), ['E11.65', 'NOTACODE']),
    ).rejects.toMatchObject({
      code: 'invalid_code',
      field: 'codes[1]',
    });
    await expect(submitRecode(ctx, audrey, item(enc.bobDiabetes), ['I10', 'i10'])).rejects.toMatchObject({
      code: 'duplicate_code',
    });
    await expect(submitRecode(ctx, alex, item(enc.bobDiabetes), ['E11.65', 'I10'])).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'not_sample_auditor',
    });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    expect((await refusals(alex)).at(-1)).toMatchObject({ entity_type: 'qa', entity_id: String(sample.id) });

    const done = await submitRecode(ctx, audrey, item(enc.bobDiabetes), ['e11.65', 'I10']);
    expect(done.item.status).toBe('submitted');
    expect(done.auditorCodes?.map((c) => c.code)).toEqual(['E11.65', 'I10']);
    expect(done.coderCodes?.map((c) => c.code)).toEqual(['E11.9', 'I10']);
    expect(done.comparison).toMatchObject({
      counts: { agree: 1, coderOnly: 1, auditorOnly: 1 },
      principal: { coder: 'E11.9', auditor: 'E11.65', agree: false },
      noVariance: false,
    });
    expect(done.comparison!.variances.map((v) => [v.key, v.suggestedKind, v.kind])).toEqual([
      ['coder-only:E11.9', 'wrong_code', null],
      ['auditor-only:E11.65', 'wrong_code', null],
      ['sequencing', 'wrong_code', null],
    ]);
    await expect(submitRecode(ctx, audrey, item(enc.bobDiabetes), ['E11.9', 'I10'])).rejects.toMatchObject({
      kind: 'conflict',
      code: 'already_submitted',
    });

    await submitRecode(ctx, audrey, item(enc.annDiabetes), ['E11.65', 'I10']);
    await submitRecode(ctx, audrey, item(enc.sueDiabetes), ['E11.65', 'I10', 'Z79.84']);

    // Classifying: only the sample's auditor, only variances the item has; a re-classification replaces.
    await expect(
      classifyVariances(ctx, audrey, item(enc.bobDiabetes), [
        { key: 'auditor-only:N18.3', kind: 'missing_code' },
      ]),
    ).rejects.toMatchObject({ code: 'unknown_variance' });
    await classifyVariances(ctx, audrey, item(enc.bobDiabetes), [
      { key: 'coder-only:E11.9', kind: 'wrong_code', comment: 'first try' },
    ]);
    const classified = await classifyVariances(ctx, audrey, item(enc.bobDiabetes), [
      { key: 'coder-only:E11.9', kind: 'specificity', comment: 'hyperglycemia documented' },
      { key: 'sequencing', kind: 'wrong_code' },
    ]);
    expect(classified.comparison!.variances.map((v) => [v.key, v.kind, v.comment, v.classifiedBy])).toEqual([
      ['coder-only:E11.9', 'specificity', 'hyperglycemia documented', 'audrey'],
      ['auditor-only:E11.65', null, '', null],
      ['sequencing', 'wrong_code', '', 'audrey'],
    ]);
    const detail = await sampleDetail(ctx, audrey, sample.id);
    expect(detail.submitted).toBe(3);
  });

  it('the report: per coder and code family; a coder sees only their own and is refused another’s', async () => {
    const report = await qaReport(ctx, audrey, { ...MARCH, level: 'category' });
    const byCoder = Object.fromEntries(report.byCoder.map((a) => [a.key, a]));
    expect(byCoder.ann).toMatchObject({ records: 1, recordAccuracy: 1, meetsBenchmark: true, f1: 1 });
    expect(byCoder.bob).toMatchObject({ records: 1, recordAccuracy: 0, precision: 0.5, recall: 0.5 });
    expect(byCoder.sue).toMatchObject({ records: 1, recordAccuracy: 0, precision: 1, recall: 2 / 3 });
    expect(report.overall).toMatchObject({ records: 3, recordsWithoutVariance: 1 });
    expect(report.benchmark).toBe(0.95);
    expect(report.byFamily.map((a) => a.key)).toEqual(['E11', 'I10', 'Z79']);
    expect(report.records.find((r) => r.encounterId === enc.bobDiabetes)?.kinds['coder-only:E11.9']).toEqual({
      kind: 'specificity',
      comment: 'hyperglycemia documented',
    });

    const own = await qaReport(ctx, bob, {});
    expect(own.filters.coderId).toBe(bob.user.id);
    expect(own.byCoder.map((a) => a.key)).toEqual(['bob']);
    expect(own.records.every((r) => r.coder.username === 'bob')).toBe(true);
    await expect(qaReport(ctx, bob, { coderId: ann.user.id })).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'other_coder',
    });
    expect((await refusals(bob)).at(-1)?.detail).toContain('other_coder');

    const csv = await qaReportCsv(ctx, audrey, { ...MARCH, view: 'record' });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^item,sample,encounter,date_of_service,coder,auditor,coder_codes,auditor_codes/,
    );
    const bobLine = lines.find((l) => l.includes(',bob,'));
    expect(bobLine).toContain(',E11.9 I10,E11.65 I10,1,1,1,no,no,');
    expect(bobLine).toContain(
      'coder-only:E11.9=specificity; auditor-only:E11.65=unclassified; sequencing=wrong_code',
    );
    expect(bobLine).toContain('hyperglycemia documented');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/remits/csv.js';
import { createUser } from '../../src/workflow/accounts.js';
import type { Actor } from '../../src/workflow/context.js';
import { ASTHMA_NOTE, DIABETES_NOTE, finishedEncounter } from '../support/qa.js';
import { scratchStores } from '../support/stores.js';
import { call, login, PASSWORD, type Session, type TestApp, testApp } from './harness.js';

/**
 * The coding-quality audit API: an auditor draws a sample, re-codes blind (neither the QA item
 * nor the chart's own routes show the coder's codes until the auditor submits), sees the
 * comparison, classifies the variances, and reads the report and its CSV. Refusals are 403s
 * with an audit row each.
 */
describe.each(scratchStores())('coding quality audit API ($name)', (spec) => {
  let t: TestApp;
  let auditor: Session;
  let supervisor: Session;
  let coder: Session;
  let coder2: Session;
  let biller: Session;
  let diabetes: number;
  let asthma: number;
  let claimId: number;
  let sampleId: number;
  let itemId: number;
  const RANGE = { from: '2025-03-01', to: '2025-03-31' };

  beforeAll(async () => {
    t = await testApp(spec);
    await createUser(t.store.db, { username: 'coder2', password: PASSWORD, role: 'coder' });
    auditor = await login(t.app, 'auditor');
    supervisor = await login(t.app, 'supervisor');
    coder = await login(t.app, 'coder');
    coder2 = await login(t.app, 'coder2');
    biller = await login(t.app, 'biller');
    const ctx = t.app.workflow;
    const actor = (s: Session, username: string, role: Actor['user']['role']): Actor => ({
      user: { id: s.userId, username, role },
      ip: '127.0.0.1',
    });
    const admin = actor(await login(t.app, 'admin'), 'admin', 'admin');
    diabetes = await finishedEncounter(ctx, admin, actor(coder, 'coder', 'coder'), {
      note: DIABETES_NOTE,
      dateOfService: '2025-03-03',
      codes: ['E11.9', 'I10'],
      chargeCents: 12000,
    });
    asthma = await finishedEncounter(ctx, admin, actor(coder2, 'coder2', 'coder'), {
      note: ASTHMA_NOTE,
      dateOfService: '2025-03-04',
      codes: ['J45.20'],
    });
    const row = await t.store.db
      .selectFrom('encounter')
      .select('claim_id')
      .where('id', '=', diabetes)
      .executeTakeFirstOrThrow();
    claimId = row.claim_id!;
  }, 180_000);
  afterAll(async () => t?.close());

  const refusals = (userId: number) =>
    t.store.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'detail'])
      .where('action', '=', 'refused')
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) })));

  it('an auditor draws a sample; its audit entry records the seed and the chosen encounters', async () => {
    const res = await call(t.app, auditor, 'POST', '/api/qa/samples', { ...RANGE, size: 5, seed: 'api-1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const sample = res.json();
    expect(sample).toMatchObject({
      seed: 'api-1',
      population: 2,
      items: 2,
      auditor: { username: 'auditor' },
    });
    expect(JSON.stringify(sample)).not.toMatch(/E11\.9|J45/);
    sampleId = sample.id;
    itemId = sample.itemList.find((i: { encounterId: number }) => i.encounterId === diabetes).id;
    const logged = await t.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'create')
      .where('entity_type', '=', 'qa')
      .where('entity_id', '=', String(sampleId))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(logged.detail)).toMatchObject({
      seed: 'api-1',
      population: 2,
      chosen: sample.itemList.map((i: { encounterId: number }) => i.encounterId),
    });
    const list = await call(t.app, supervisor, 'GET', '/api/qa/samples');
    expect(list.json().samples.map((s: { id: number }) => s.id)).toContain(sampleId);
  });

  it('blind: the item shows the note but not the coder’s codes, and the chart and its claim refuse the auditor', async () => {
    const item = await call(t.app, auditor, 'GET', `/api/qa/items/${itemId}`);
    expect(item.statusCode, item.body).toBe(200);
    expect(item.json().note.text).toBe(DIABETES_NOTE);
    expect(item.json().item.status).toBe('pending');
    expect(item.body).not.toMatch(/E11\.9|I10|coderCodes|comparison/);
    for (const url of [
      `/api/encounters/${diabetes}`,
      `/api/encounters/${diabetes}/history`,
      `/api/claims/${claimId}`,
      `/api/claims/${claimId}/form.pdf`,
    ]) {
      const res = await call(t.app, auditor, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code, url).toBe('blind_audit');
      expect(res.body).not.toMatch(/E11\.9/);
    }
    const logged = (await refusals(auditor.userId)).filter((r) => r.detail.reason === 'blind_audit');
    expect(logged).toHaveLength(4);
    expect(logged[0]).toMatchObject({
      entity_type: 'qa',
      entity_id: String(sampleId),
      detail: { item: itemId },
    });
    // Another chart, and other users, are not affected.
    expect((await call(t.app, auditor, 'GET', '/api/encounters/999999')).statusCode).toBe(404);
    expect((await call(t.app, supervisor, 'GET', `/api/encounters/${diabetes}`)).statusCode).toBe(200);
  });

  it('only the sample’s auditor re-codes: others are refused with an audit row', async () => {
    const res = await call(t.app, supervisor, 'POST', `/api/qa/items/${itemId}/recode`, {
      codes: ['E11.65', 'I10'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('not_sample_auditor');
    expect((await refusals(supervisor.userId)).at(-1)).toMatchObject({
      entity_type: 'qa',
      detail: { tried: 'recode', reason: 'not_sample_auditor', item: itemId },
    });
    const coderTry = await call(t.app, coder, 'POST', `/api/qa/items/${itemId}/recode`, {
      codes: ['E11.65'],
    });
    expect(coderTry.statusCode).toBe(403);
    expect((await call(t.app, coder, 'GET', `/api/qa/items/${itemId}`)).statusCode).toBe(403);
  });

  it('after submitting, the comparison; the chart opens; the variances are classified; a second submission is refused', async () => {
    const bad = await call(t.app, auditor, 'POST', `/api/qa/items/${itemId}/recode`, {
      codes: ['E11.65', 'XYZ'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_code', field: 'codes[1]' });

    const res = await call(t.app, auditor, 'POST', `/api/qa/items/${itemId}/recode`, {
      codes: ['E11.65', 'I10'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.coderCodes.map((c: { code: string }) => c.code)).toEqual(['E11.9', 'I10']);
    expect(view.comparison.counts).toEqual({ agree: 1, coderOnly: 1, auditorOnly: 1 });
    expect(view.comparison.principal).toEqual({ coder: 'E11.9', auditor: 'E11.65', agree: false });
    expect((await call(t.app, auditor, 'GET', `/api/encounters/${diabetes}`)).statusCode).toBe(200);
    expect((await call(t.app, auditor, 'GET', `/api/claims/${claimId}`)).statusCode).toBe(200);

    const again = await call(t.app, auditor, 'POST', `/api/qa/items/${itemId}/recode`, {
      codes: ['E11.9', 'I10'],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_submitted');

    const badKind = await call(t.app, auditor, 'PUT', `/api/qa/items/${itemId}/variances`, {
      variances: [{ key: 'coder-only:E11.9', kind: 'typo' }],
    });
    expect(badKind.statusCode).toBe(400);
    const classified = await call(t.app, auditor, 'PUT', `/api/qa/items/${itemId}/variances`, {
      variances: [
        { key: 'coder-only:E11.9', kind: 'specificity', comment: '=hyperglycemia, "documented"' },
        { key: 'auditor-only:E11.65', kind: 'specificity' },
      ],
    });
    expect(classified.statusCode, classified.body).toBe(200);
    expect(classified.json().comparison.variances[0]).toMatchObject({
      kind: 'specificity',
      classifiedBy: 'auditor',
    });
  });

  it('the asthma chart: an agreeing re-coding', async () => {
    const sample = (await call(t.app, auditor, 'GET', `/api/qa/samples/${sampleId}`)).json();
    const item = sample.itemList.find((i: { encounterId: number }) => i.encounterId === asthma);
    const res = await call(t.app, auditor, 'POST', `/api/qa/items/${item.id}/recode`, { codes: ['J45.20'] });
    expect(res.json().comparison.noVariance).toBe(true);
  });

  it('the report: everyone’s scores for the auditor; a coder their own only, refused another’s; a biller refused', async () => {
    const report = (
      await call(t.app, auditor, 'GET', `/api/qa/report?from=${RANGE.from}&to=${RANGE.to}`)
    ).json();
    expect(
      report.byCoder.map((a: { key: string; recordAccuracy: number }) => [a.key, a.recordAccuracy]),
    ).toEqual([
      ['coder', 0],
      ['coder2', 1],
    ]);
    expect(report.overall).toMatchObject({ records: 2, recordsWithoutVariance: 1, recordAccuracy: 0.5 });
    expect(report.benchmark).toBe(0.95);

    const own = await call(t.app, coder, 'GET', '/api/qa/report');
    expect(own.statusCode).toBe(200);
    expect(own.json().byCoder.map((a: { key: string }) => a.key)).toEqual(['coder']);
    expect(own.body).not.toContain('coder2');
    const theirs = await call(t.app, coder, 'GET', `/api/qa/report?coderId=${coder2.userId}`);
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().error.code).toBe('other_coder');
    const theirsCsv = await call(
      t.app,
      coder,
      'GET',
      `/api/qa/report.csv?view=record&coderId=${coder2.userId}`,
    );
    expect(theirsCsv.statusCode).toBe(403);
    expect((await refusals(coder.userId)).filter((r) => r.detail.reason === 'other_coder')).toHaveLength(2);
    expect((await call(t.app, biller, 'GET', '/api/qa/report')).statusCode).toBe(403);
    expect((await call(t.app, biller, 'GET', '/api/qa/report.csv')).statusCode).toBe(403);
  });

  it('CSV: per coder, per family and per record, as text/csv with the figures of the report', async () => {
    const byCoder = await call(t.app, supervisor, 'GET', '/api/qa/report.csv?view=coder');
    expect(byCoder.statusCode).toBe(200);
    expect(byCoder.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byCoder.headers['content-disposition']).toBe('attachment; filename="coding-qa-coder.csv"');
    expect(parseCsv(byCoder.body).map((r) => r.fields)).toEqual([
      [
        'coder',
        'records',
        'records_without_variance',
        'record_accuracy',
        'meets_95_benchmark',
        'agreed_codes',
        'coder_only_codes',
        'auditor_only_codes',
        'precision',
        'recall',
        'f1',
        'principal_records',
        'principal_agreement',
      ],
      ['coder', '1', '0', '0', 'no', '1', '1', '1', '0.5', '0.5', '0.5', '1', '0'],
      ['coder2', '1', '1', '1', 'yes', '1', '0', '0', '1', '1', '1', '1', '1'],
    ]);
    const byFamily = parseCsv(
      (await call(t.app, supervisor, 'GET', '/api/qa/report.csv?view=family&level=letter')).body,
    );
    expect(byFamily.map((r) => r.fields.slice(0, 4))).toEqual([
      ['chapter_letter', 'records', 'records_without_variance', 'record_accuracy'],
      ['E', '1', '0', '0'],
      ['I', '1', '1', '1'],
      ['J', '1', '1', '1'],
    ]);
    const records = parseCsv((await call(t.app, supervisor, 'GET', '/api/qa/report.csv?view=record')).body);
    const row = records.find((r) => r.fields[2] === String(diabetes))!.fields;
    expect(row.slice(4, 13)).toEqual([
      'coder',
      'auditor',
      'E11.9 I10',
      'E11.65 I10',
      '1',
      '1',
      '1',
      'no',
      'no',
    ]);
    expect(row[13]).toBe(
      'coder-only:E11.9=specificity; auditor-only:E11.65=specificity; sequencing=unclassified',
    );
    // The comment starts with "=": written so a spreadsheet shows it rather than runs it.
    expect(row[14]).toBe(`'=hyperglycemia, "documented"`);
    const mine = parseCsv((await call(t.app, coder2, 'GET', '/api/qa/report.csv?view=record')).body);
    expect(mine.slice(1).map((r) => r.fields[4])).toEqual(['coder2']);
  });

  it('no one audits their own coding; an auditor draws for themself; an empty draw is a 409', async () => {
    const own = await call(t.app, supervisor, 'POST', '/api/qa/samples', {
      ...RANGE,
      size: 1,
      coderId: supervisor.userId,
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('own_coding');
    const forOther = await call(t.app, auditor, 'POST', '/api/qa/samples', {
      ...RANGE,
      size: 1,
      auditorId: supervisor.userId,
    });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().error.code).toBe('sample_for_another');
    const none = await call(t.app, auditor, 'POST', '/api/qa/samples', {
      from: '2024-01-01',
      to: '2024-01-31',
      size: 3,
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('empty_population');
    const both = await call(t.app, auditor, 'POST', '/api/qa/samples', { ...RANGE });
    expect(both.statusCode).toBe(400);
    expect((await call(t.app, coder, 'POST', '/api/qa/samples', { ...RANGE, size: 1 })).statusCode).toBe(403);
  });
});

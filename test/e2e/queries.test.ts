import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/workflow/accounts.js';
import { scratchStores } from '../support/stores.js';
import { inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { apiAs, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * Physician queries and the coder's small comforts in a real browser. The provider signs in to
 * their own page, reads the question with the note's passage marked, picks a choice and sends
 * the answer; the coder sees it on the encounter and the worklist says who waits on a query.
 * Refusals: a coder has no answer form and the server refuses a typed answer; a provider who
 * opens a colleague's query is refused on screen; both audit-logged. Part 7: accept moves on to
 * the next code, "Next chart" opens the next one, the worklist sorts and finds a payer by part of
 * its name, the history reads as words, and an auditor sees no button it may not use.
 */
const STEP = 240_000;
const NOTE = `OFFICE VISIT

ASSESSMENT:
1. Chronic kidney disease.
2. Essential hypertension.

PLAN: Recheck creatinine in 3 months.
`;

describe.each(scratchStores())('physician queries end to end (Chromium, $name)', (spec) => {
  let wb: Workbench;
  let first: number;
  let second: number;
  let templateQuery: number;
  let freeQuery: number;

  const auditRefusals = (username: string) =>
    wb.store.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'detail'])
      .where('action', '=', 'refused')
      .where('username', '=', username)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    wb = await startWorkbench(spec);
    for (const [username, role] of [
      ['drsmith', 'provider'],
      ['drjones', 'provider'],
      ['auditor', 'auditor'],
    ] as const)
      await createUser(wb.store.db, { username, password: PASSWORD, role });
    const admin = await apiAs(wb.baseUrl, 'admin');
    const coder = await apiAs(wb.baseUrl, 'coder');
    const me = (await coder<{ user: { id: number } }>('GET', '/api/auth/me')).user.id;
    const providers = (
      await coder<{ providers: Array<{ id: number; username: string }> }>('GET', '/api/providers')
    ).providers;
    const providerId = (name: string) => providers.find((p) => p.username === name)!.id;
    const encounter = async (displayName: string, payer: string, dateOfService: string) => {
      const { id } = await admin<{ id: number }>('POST', '/api/encounters', {
        note: NOTE,
        patient: { displayName, birthDate: '1952-02-03', sex: 'F' },
        visit: { dateOfService, setting: 'outpatient', payer },
      });
      await admin('POST', `/api/encounters/${id}/suggest`);
      await admin('POST', `/api/encounters/${id}/assign`, { userId: me });
      return id;
    };
    first = await encounter('Queried, Ada', 'Blue Cross Blue Shield', '2025-03-10');
    second = await encounter('Next, Bea', 'Medicare', '2025-04-01');
    const view = await coder<{ suggestion: { queries: Array<{ element: string }> } }>(
      'GET',
      `/api/encounters/${first}`,
    );
    const index = view.suggestion.queries.findIndex((q) => q.element === 'stage of chronic kidney disease');
    templateQuery = (
      await coder<{ id: number }>('POST', `/api/encounters/${first}/queries`, {
        kind: 'template',
        providerId: providerId('drsmith'),
        index,
        element: 'stage of chronic kidney disease',
      })
    ).id;
    freeQuery = (
      await coder<{ id: number }>('POST', `/api/encounters/${second}/queries`, {
        kind: 'free-text',
        providerId: providerId('drjones'),
        topic: 'blood pressure control',
        question: 'Is the hypertension controlled on the current regimen?',
        excerpts: ['Essential hypertension'],
      })
    ).id;
  }, 300_000);
  afterAll(async () => wb?.close());

  it(
    'the provider answers on their own page; the coder sees the answer and the worklist who waits',
    async () => {
      await inBrowser(`${spec.name}/queries-coder-waiting`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.getByLabel('Physician queries').selectOption('open');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        const rows = page.locator('table.grid tbody tr');
        await expect.poll(() => rows.count()).toBe(2);
        expect(await rows.first().textContent()).toContain('waiting on provider (1)');
        await screenshot(page, `${spec.name}/queries-01-worklist-waiting`);
      });

      await inBrowser(`${spec.name}/queries-provider`, async (page) => {
        await signIn(page, wb.baseUrl, 'drsmith', PASSWORD);
        await page.getByRole('heading', { name: 'My queries' }).waitFor();
        // A provider's navigation holds their queries only: no worklist, claims or dashboard.
        const nav = page.getByRole('navigation', { name: 'Main' });
        expect(await nav.getByRole('link').allTextContents()).toEqual(['My queries']);
        const query = page.locator(`article[data-query="${templateQuery}"]`);
        await query.waitFor();
        expect(await page.locator('article.provider-query').count()).toBe(1);
        expect(await query.locator('mark').first().textContent()).toMatch(/kidney disease/i);
        const text = (await query.textContent()) ?? '';
        expect(text).toContain('Queried, Ada');
        expect(text).not.toMatch(/Blue Cross|N18|claim/i);
        expect(await query.getByRole('radio').count()).toBeGreaterThan(3);
        await query.getByRole('radio', { name: 'Clinically undetermined' }).waitFor();
        expect(await unlabelledControls(page)).toEqual([]);
        await screenshot(page, `${spec.name}/queries-02-provider-inbox`);

        await query.getByRole('radio', { name: 'Stage 4' }).check();
        await query.getByLabel('Comment (optional)').fill('eGFR 22 twice, three months apart');
        await query.getByRole('button', { name: 'Send answer' }).click();
        await expect
          .poll(() => page.getByRole('status').textContent())
          .toContain(`Answer to query ${templateQuery} sent`);
        await page.getByText('No open queries').waitFor();
        await page.getByLabel('Show answered and closed queries too').check();
        await expect.poll(() => query.textContent()).toContain('eGFR 22 twice');
        await screenshot(page, `${spec.name}/queries-03-provider-answered`);
      });
      const stored = await wb.store.db
        .selectFrom('physician_query as q')
        .innerJoin('app_user as u', 'u.id', 'q.answered_by')
        .select(['q.status', 'q.answer_option', 'u.username'])
        .where('q.id', '=', templateQuery)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ status: 'answered', answer_option: 'Stage 4', username: 'drsmith' });

      await inBrowser(`${spec.name}/queries-coder-answer`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${first}`);
        const queries = page.getByRole('region', { name: 'Physician queries' });
        await queries.getByText('Stage 4: eGFR 22 twice, three months apart').waitFor();
        expect(await queries.getByText('answered', { exact: true }).count()).toBe(1);
        // The coder has no form to type a provider's answer.
        expect(await page.getByRole('button', { name: 'Send answer' }).count()).toBe(0);
        await queries.getByRole('button', { name: `Close query ${templateQuery}` }).click();
        await queries.getByText('closed', { exact: true }).waitFor();
        await screenshot(page, `${spec.name}/queries-04-coder-sees-answer`);
      });
    },
    STEP,
  );

  it(
    "refusals: a coder's typed answer, a provider opening a colleague's query (on screen); both audit-logged",
    async () => {
      const coder = await apiAs(wb.baseUrl, 'coder');
      await expect(
        coder('POST', `/api/queries/${freeQuery}/answer`, { text: 'Controlled.' }),
      ).rejects.toThrow(/403/);
      expect(JSON.parse((await auditRefusals('coder')).at(-1)!.detail)).toMatchObject({
        route: '/api/queries/:id/answer',
        reason: 'role',
      });

      await inBrowser(`${spec.name}/queries-refused`, async (page) => {
        await signIn(page, wb.baseUrl, 'drsmith', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/queries/${freeQuery}`);
        await expect
          .poll(() => page.getByRole('alert').textContent())
          .toContain(`query ${freeQuery} is not addressed to you`);
        expect(await page.getByText('Is the hypertension controlled').count()).toBe(0);
        // Nor may the provider open a chart.
        await page.goto(`${wb.baseUrl}/#/encounters/${second}`);
        await expect
          .poll(() => page.getByRole('alert').textContent())
          .toContain('a provider may not do this');
        expect(await page.getByText('Essential hypertension').count()).toBe(0);
        await screenshot(page, `${spec.name}/queries-05-refused`);
      });
      const refused = (await auditRefusals('drsmith')).map((r) => [r.entity_type, JSON.parse(r.detail)]);
      expect(refused).toEqual(
        expect.arrayContaining([
          ['query', { tried: 'read', encounterId: second, reason: 'not-addressee' }],
          ['session', expect.objectContaining({ route: '/api/encounters/:id', reason: 'role' })],
        ]),
      );
    },
    STEP,
  );

  it(
    'accept moves to the next code, "Next chart" opens the next one, the worklist sorts and finds a payer by part of its name',
    async () => {
      await inBrowser(`${spec.name}/coder-small-items`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.getByLabel('Payer').fill('cross');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        const rows = page.locator('table.grid tbody tr');
        await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Queried, Ada')]);
        await page.getByLabel('Payer').fill('');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await expect.poll(() => rows.count()).toBe(2);
        await page.getByRole('button', { name: 'Patient' }).click();
        await expect.poll(() => rows.first().textContent()).toContain('Next, Bea');
        expect(await page.getByRole('columnheader', { name: /Patient/ }).getAttribute('aria-sort')).toBe(
          'ascending',
        );
        await page.getByRole('button', { name: /Patient/ }).click();
        await expect.poll(() => rows.first().textContent()).toContain('Queried, Ada');
        await screenshot(page, `${spec.name}/small-01-worklist-sorted`);

        await page.goto(`${wb.baseUrl}/#/encounters/${first}`);
        const selected = page.locator('.code-list > li[aria-current="true"]');
        await selected.waitFor();
        const before = await selected.getAttribute('data-code');
        await selected.getByRole('button', { name: /^Accept / }).click();
        await expect.poll(() => selected.getAttribute('data-code')).not.toBe(before);
        expect(await selected.getAttribute('data-status')).toBe('pending');
        // The history reads as words, not JSON.
        await page.locator('details.history summary').click();
        const history = (await page.locator('details.history').textContent()) ?? '';
        expect(history).toContain('ran the coding engine');
        expect(history).not.toMatch(/[{}"]/);

        await page.getByRole('button', { name: 'Next chart' }).click();
        await expect.poll(() => page.url()).toContain(`#/encounters/${second}`);
        await screenshot(page, `${spec.name}/small-02-next-chart`);
      });
    },
    STEP,
  );

  it(
    'an auditor reads a chart and sees no button it may not use',
    async () => {
      await inBrowser(`${spec.name}/auditor-chart`, async (page: Page) => {
        await signIn(page, wb.baseUrl, 'auditor', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${first}`);
        await page.locator('.code-list > li').first().waitFor();
        const buttons = (await page.locator('main button').allTextContents()).map((b) => b.trim());
        for (const forbidden of [
          /^Accept/,
          /^Reject/,
          /^Replace/,
          /^Assign/,
          /^Unassign/,
          /^Run coding/,
          /^Add code/,
          /^Finish/,
          /^Next chart/,
          /^Send/,
          /^Close query/,
          /^Withdraw/,
          /^Build claim/,
        ])
          expect(
            buttons.filter((b) => forbidden.test(b)),
            String(forbidden),
          ).toEqual([]);
        // It still reads everything: the codes, the queries and their answers.
        await page
          .getByRole('region', { name: 'Physician queries' })
          .getByText('closed', { exact: true })
          .waitFor();
        await screenshot(page, `${spec.name}/auditor-01-read-only-chart`);
      });
    },
    STEP,
  );
});

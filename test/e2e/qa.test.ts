import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/remits/csv.js';
import { createUser } from '../../src/workflow/accounts.js';
import type { Actor } from '../../src/workflow/context.js';
import { ASTHMA_NOTE, DIABETES_NOTE, finishedEncounter } from '../support/qa.js';
import { scratchStores } from '../support/stores.js';
import { ARTIFACTS, inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * The auditor's path through coding QA in a real browser: draw a sample, re-code a chart blind
 * (the coder's codes nowhere on the page, the chart itself closed), submit, see the comparison,
 * classify a variance, and read the report with its charts and CSV; then a coder sees their own
 * scores and nothing else. Screenshots land in test-artifacts/e2e/<store>/qa-*.png.
 */
const STEP = 180_000;

describe.each(scratchStores())('coding QA in the browser (Chromium, real server, $name)', (spec) => {
  let wb: Workbench;
  let diabetes: number;
  let asthma: number;

  beforeAll(async () => {
    rmSync(join(ARTIFACTS, spec.name, 'qa'), { recursive: true, force: true });
    wb = await startWorkbench(spec);
    const auditor = await createUser(wb.store.db, {
      username: 'auditor',
      password: PASSWORD,
      role: 'auditor',
    });
    const users = await wb.store.db.selectFrom('app_user').select(['id', 'username', 'role']).execute();
    const actor = (name: string): Actor => ({
      user: users.find((u) => u.username === name)!,
      ip: '127.0.0.1',
    });
    const ctx = wb.app.workflow;
    diabetes = await finishedEncounter(ctx, actor('admin'), actor('coder'), {
      note: DIABETES_NOTE,
      dateOfService: '2025-03-03',
      codes: ['E11.9', 'I10'],
      chargeCents: 15000,
    });
    asthma = await finishedEncounter(ctx, actor('admin'), actor('coder'), {
      note: ASTHMA_NOTE,
      dateOfService: '2025-03-04',
      codes: ['J45.20'],
    });
    expect(auditor.role).toBe('auditor');
  }, 240_000);

  afterAll(async () => {
    await wb?.close();
  });

  it(
    'an auditor draws a sample, re-codes blind, sees the comparison, classifies, and reads the report',
    async () => {
      await inBrowser(`${spec.name}/qa/auditor`, async (page) => {
        await signIn(page, wb.baseUrl, 'auditor', PASSWORD);
        await page.getByRole('link', { name: 'Coding QA' }).click();
        await page.getByRole('heading', { name: 'Coding quality' }).waitFor();
        expect(await unlabelledControls(page)).toEqual([]);

        const form = page.getByRole('form', { name: 'New audit sample' });
        await form.getByLabel('Service from').fill('2025-03-01');
        await form.getByLabel('to', { exact: true }).fill('2025-03-31');
        await form.getByLabel('How many').fill('5');
        await form.getByLabel('Seed').fill('e2e-march');
        await form.getByRole('button', { name: 'Draw sample' }).click();
        await page.getByRole('heading', { name: /^Audit sample \d+$/ }).waitFor();
        await expect.poll(() => page.getByTestId('qa-seed').textContent()).toBe('e2e-march');
        await expect.poll(() => page.locator('tr[data-item]').count()).toBe(2);
        await screenshot(page, `${spec.name}/qa/01-sample`);

        // Blind: the chart is closed to the auditor until they submit.
        const sampleUrl = page.url();
        await page.goto(`${wb.baseUrl}/#/encounters/${diabetes}`);
        await page.getByRole('alert').filter({ hasText: 'awaits your blind re-coding' }).waitFor();
        await page.goto(sampleUrl);

        await page.locator(`tr[data-encounter="${diabetes}"] a`).click();
        await page.getByRole('heading', { name: /^QA item \d+: encounter/ }).waitFor();
        await expect.poll(() => page.getByTestId('note').textContent()).toContain('Type 2 diabetes');
        expect(await page.locator('main').textContent()).not.toMatch(/E11\.9/);
        expect(await unlabelledControls(page)).toEqual([]);
        for (const code of ['E11.65', 'I10']) {
          await page.getByLabel('Code', { exact: true }).fill(code);
          await page.getByRole('button', { name: 'Add', exact: true }).click();
        }
        await expect.poll(() => page.locator('ol.code-list > li').count()).toBe(2);
        await screenshot(page, `${spec.name}/qa/02-blind-recode`);
        await page.getByRole('button', { name: 'Submit codes (final)' }).click();

        // The comparison: E11.9 coder-only, E11.65 auditor-only, I10 agreed; the principal differs.
        await page.getByRole('heading', { name: 'Comparison' }).waitFor();
        await expect
          .poll(() => page.locator('tr[data-code="E11.9"]').getAttribute('data-result'))
          .toBe('coder-only');
        expect(await page.locator('tr[data-code="E11.65"]').getAttribute('data-result')).toBe('auditor-only');
        expect(await page.locator('tr[data-code="I10"]').getAttribute('data-result')).toBe('agree');
        expect(await page.getByTestId('qa-verdict').textContent()).toMatch(
          /3 variance\(s\).*coder E11\.9, auditor E11\.65 \(\s*differ\)/,
        );
        await page.getByLabel('Kind of coder-only:E11.9').selectOption('specificity');
        await page.getByLabel('Comment on coder-only:E11.9').fill('hyperglycemia is documented');
        await page.getByRole('button', { name: 'Save classifications' }).click();
        await page.getByRole('status').filter({ hasText: 'Classifications saved.' }).waitFor();
        expect(await unlabelledControls(page)).toEqual([]);
        await screenshot(page, `${spec.name}/qa/03-comparison`);

        // The second chart agrees.
        await page.goto(sampleUrl);
        await page.locator(`tr[data-encounter="${asthma}"] a`).click();
        await page.getByLabel('Code', { exact: true }).fill('J45.20');
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.getByRole('button', { name: 'Submit codes (final)' }).click();
        await page.getByTestId('qa-verdict').filter({ hasText: 'No variance' }).waitFor();

        // The report: 1 of 2 records without variance, charts, tables and the CSV.
        await page.getByRole('link', { name: 'Coding QA' }).click();
        await expect.poll(() => page.getByTestId('qa-records').textContent()).toBe('2');
        expect(await page.getByTestId('qa-record-accuracy').textContent()).toBe('50%');
        for (const title of [
          'Record accuracy by coder',
          'Code-level F1 by coder',
          'Record accuracy by code family',
        ])
          await page.getByRole('img', { name: title }).waitFor();
        const coderRow = page
          .getByRole('table', { name: 'By coder', exact: true })
          .locator('tr[data-key="coder"]');
        expect(await coderRow.textContent()).toContain('below 95%');
        const csvHref = await page.getByRole('link', { name: 'by record' }).getAttribute('href');
        const csv = await page.context().request.get(`${wb.baseUrl}${csvHref}`);
        expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
        const rows = parseCsv(await csv.text()).map((r) => r.fields);
        expect(rows[0]!.slice(0, 5)).toEqual(['item', 'sample', 'encounter', 'date_of_service', 'coder']);
        expect(rows.find((r) => r[2] === String(diabetes))?.[13]).toMatch(/^coder-only:E11\.9=specificity;/);
        expect(await unlabelledControls(page)).toEqual([]);
        await screenshot(page, `${spec.name}/qa/04-report`);
      });
    },
    STEP,
  );

  it(
    'a coder sees their own scores, and no samples',
    async () => {
      await inBrowser(`${spec.name}/qa/coder`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.getByRole('link', { name: 'Coding QA' }).click();
        await expect.poll(() => page.getByTestId('qa-records').textContent()).toBe('2');
        const keys = await page
          .getByRole('table', { name: 'By coder', exact: true })
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
        expect(keys).toEqual(['coder']);
        expect(await page.getByRole('heading', { name: 'New audit sample' }).count()).toBe(0);
        expect(await page.getByRole('heading', { name: 'Samples' }).count()).toBe(0);
        await screenshot(page, `${spec.name}/qa/05-coder`);
      });
    },
    STEP,
  );
});

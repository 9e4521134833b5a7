import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchStores } from '../support/stores.js';
import { inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { apiAs, demoNote, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * The encoder in a real browser against the real server: Add code never adds a result the coder
 * did not choose, the Tabular browser from a chapter down to a code and its notes, the Index
 * browser from a main term to a code, and the code-set transitions report.
 */
const STEP = 180_000;

/** Presses ↓ until the highlighted result is `code` (at most once per result). */
async function highlight(page: Page, code: string): Promise<void> {
  const options = page.getByRole('option');
  const n = await options.count();
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('ArrowDown');
    const selected = page.locator('[role=option][aria-selected=true]');
    if ((await selected.getAttribute('data-code')) === code) return;
  }
  throw new Error(`${code} is not among the ${n} results`);
}

describe.each(scratchStores())('encoder in the browser (Chromium, real server, $name)', (spec) => {
  let wb: Workbench;
  let encounterId: number;
  let expandedId: number;

  beforeAll(async () => {
    wb = await startWorkbench(spec);
    const admin = await apiAs(wb.baseUrl, 'admin');
    const created = await admin<{ id: number }>('POST', '/api/encounters', {
      note: demoNote(),
      patient: { displayName: 'Okafor, Ade', birthDate: '1961-02-03', sex: 'M' },
      visit: { dateOfService: '2023-03-01', setting: 'outpatient', payer: 'Medicare' },
    });
    encounterId = created.id;
    await admin('POST', `/api/encounters/${encounterId}/suggest`);

    // An encounter coded R05 (Cough) when R05 was billable; on its FY2023 date of service R05 is
    // a header (R05.1–R05.9). Written to the store directly: the codes API would refuse it today.
    const other = await admin<{ id: number }>('POST', '/api/encounters', {
      note: 'ASSESSMENT: cough.',
      patient: { displayName: 'Expanded, Ann', birthDate: '1970-01-01', sex: 'F' },
      visit: { dateOfService: '2023-02-01', setting: 'outpatient', payer: 'Aetna' },
    });
    expandedId = other.id;
    const { id: userId } = await wb.store.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO encounter_code (encounter_id, code, sequence, status, proposed, title, evidence, saved_by)
              VALUES (${expandedId}, 'R05', 1, 'accepted', 'R05', 'Cough', '[]'::jsonb, ${userId})`.execute(
      wb.store.db,
    );
  }, 240_000);

  afterAll(async () => {
    await wb?.close();
  });

  it(
    'Add code: Enter with nothing highlighted adds nothing; the chosen result is added',
    async () => {
      await inBrowser(`${spec.name}/encoder-add-code`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${encounterId}`);
        await page.getByRole('button', { name: 'Assign to me' }).click();
        await page.getByText('Assigned to coder').waitFor();
        const rows = page.locator('.code-list > li');
        const before = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));

        await page.getByRole('button', { name: /^Add code/ }).click();
        const box = page.getByRole('combobox', { name: 'Add a code' });
        await box.fill('Z90.49');
        await page.getByRole('option').filter({ hasText: 'Z90.49' }).waitFor();
        await expect.poll(() => page.getByTestId('search-status').textContent()).toMatch(/none highlighted/);
        expect(await page.locator('[role=option][aria-selected=true]').count()).toBe(0);
        await screenshot(page, `${spec.name}/encoder-01-add-code-typed`);

        // Enter with nothing highlighted: nothing added, and the page says why.
        await box.press('Enter');
        await page.getByTestId('search-hint').filter({ hasText: 'nothing was added' }).waitFor();
        expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(before);
        expect(await box.isVisible()).toBe(true);

        // Moving to the result highlights it; Enter adds exactly that code.
        await highlight(page, 'Z90.49');
        await expect
          .poll(() => page.getByTestId('search-status').textContent())
          .toMatch(/highlighted Z90\.49/);
        await screenshot(page, `${spec.name}/encoder-02-add-code-highlighted`);
        await box.press('Enter');
        await expect
          .poll(() => page.locator('.code-list > li[data-code="Z90.49"]').getAttribute('data-status'))
          .toBe('added');
        expect(await page.locator('.code-list > li[data-code="Q97.1"]').count()).toBe(0);
        expect(await rows.count()).toBe(before.length + 1);

        // Each result says where it matched: words reach I21.9 through the Index path.
        await page.getByRole('button', { name: /^Add code/ }).click();
        await page.getByRole('combobox', { name: 'Add a code' }).fill('heart attack');
        const i219 = page.getByRole('option').filter({ hasText: 'I21.9' });
        await i219.waitFor();
        expect(await i219.textContent()).toMatch(/billable/);
        expect(await i219.locator('.matched-via').textContent()).toMatch(/^Index: Attack.*heart/);
        expect(await unlabelledControls(page)).toEqual([]);
        await page.keyboard.press('Escape');
      });
    },
    STEP,
  );

  it(
    'Tabular browser: chapter → section → category → code, with the notes in effect',
    async () => {
      await inBrowser(`${spec.name}/encoder-tabular`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Tabular', exact: true })
          .click();
        await page.getByRole('heading', { name: 'ICD-10-CM Tabular List' }).waitFor();
        await page.getByRole('link', { name: /^Chapter 4 Endocrine/ }).click();
        await page.getByRole('link', { name: /^E08-E13 Diabetes mellitus/ }).click();
        await page.getByRole('link', { name: /^E11 Type 2 diabetes mellitus/ }).click();
        await page.getByRole('heading', { name: /E11 Type 2 diabetes mellitus/ }).waitFor();
        // E11's own notes: what it includes and excludes.
        const own = page.getByRole('region', { name: 'Notes at E11' });
        await own.getByText('Excludes1').first().waitFor();
        await page
          .getByRole('link', { name: /^E11\.9 Type 2 diabetes mellitus without complications/ })
          .click();

        await page.getByRole('heading', { name: /E11\.9 Type 2 diabetes mellitus without/ }).waitFor();
        expect(await page.getByTestId('code-flags').textContent()).toMatch(/billable/);
        const path = page.getByRole('navigation', { name: 'Tabular path' });
        expect(await path.textContent()).toMatch(/Chapter 4.*E08-E13.*E11/);
        // Inherited from E11: the Excludes1 note, with its code linked into the Tabular.
        const inherited = page.getByRole('region', { name: 'Notes that apply from above' });
        const note = inherited.getByRole('definition').filter({ hasText: 'type 1 diabetes mellitus' });
        expect(await note.textContent()).toMatch(/from E11/);
        await screenshot(page, `${spec.name}/encoder-03-tabular-code`);
        expect(await unlabelledControls(page)).toEqual([]);
        await note.getByRole('link', { name: 'E10.-' }).click();
        await page.getByRole('heading', { name: /E10 Type 1 diabetes mellitus/ }).waitFor();

        // Straight to a code with 7th characters.
        await page.getByLabel('Go to code').fill('s72.001');
        await page.getByRole('button', { name: 'Go' }).click();
        const seventh = page.getByRole('region', { name: /7th characters/ });
        await seventh.getByText('initial encounter for closed fracture').first().waitFor();
      });
    },
    STEP,
  );

  it(
    'Index browser: from a main term through a see reference to a code in the Tabular',
    async () => {
      await inBrowser(`${spec.name}/encoder-index`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Index', exact: true })
          .click();
        await page.getByRole('heading', { name: /^Alphabetic Index: A/ }).waitFor();
        await page.getByLabel('Main terms starting with').fill('attack');
        await page.getByRole('button', { name: 'Show' }).click();
        await page.getByRole('link', { name: 'Attack, attacks' }).click();

        await page.getByTestId('index-term').filter({ hasText: 'Attack, attacks' }).waitFor();
        // The subterm tree: "heart" carries a see reference; a subterm with subterms opens in place.
        const heart = page
          .locator('.index-tree > li')
          .filter({ has: page.getByRole('link', { name: 'heart', exact: true }) });
        const termId = await page
          .locator('.index-tree > li')
          .filter({ has: page.locator(':scope > .tree-toggle') })
          .first()
          .getAttribute('data-term-id');
        const item = page.locator(`.index-tree > li[data-term-id="${termId}"]`);
        const opener = item.locator(':scope > .tree-toggle');
        expect(await opener.getAttribute('aria-expanded')).toBe('false');
        await opener.click();
        await expect.poll(() => opener.getAttribute('aria-expanded')).toBe('true');
        await item.locator(':scope > .index-tree > li').first().waitFor();
        await screenshot(page, `${spec.name}/encoder-04-index-term`);
        expect(await unlabelledControls(page)).toEqual([]);

        await heart.getByRole('button', { name: /infarct, myocardium/i }).click();
        await page.getByTestId('index-term').filter({ hasText: 'myocardium, myocardial' }).waitFor();
        expect(await page.getByRole('navigation', { name: 'Index path' }).textContent()).toMatch(
          /Infarct, infarction/,
        );
        await page.getByTestId('index-term').getByRole('link', { name: 'I21.9' }).click();
        await page
          .getByRole('heading', { name: /I21\.9 Acute myocardial infarction, unspecified/ })
          .waitFor();

        // A path typed as the Index reads goes to the same term.
        await page.goto(`${wb.baseUrl}/#/index/a`);
        await page.getByLabel('Look up').fill('Attack, heart');
        await page.getByRole('button', { name: 'Look up' }).click();
        await page.getByTestId('index-term').filter({ hasText: 'myocardium, myocardial' }).waitFor();
      });
    },
    STEP,
  );

  it(
    'transitions report: an encounter whose code became a header on its date of service',
    async () => {
      await inBrowser(`${spec.name}/encoder-transitions`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Transitions', exact: true })
          .click();
        const row = page.locator(`tr[data-encounter="${expandedId}"]`);
        await row.waitFor();
        expect(await row.textContent()).toMatch(/Expanded, Ann.*2023-02-01.*FY2023/);
        const problem = row.locator('li[data-code="R05"]');
        expect(await problem.textContent()).toMatch(/header/);
        expect(await problem.getByRole('link', { name: 'R05.9' }).count()).toBe(1);
        expect(await page.locator(`tr[data-encounter="${encounterId}"]`).count()).toBe(0);
        await screenshot(page, `${spec.name}/encoder-05-transitions`);
        expect(await unlabelledControls(page)).toEqual([]);
        await row.getByRole('link', { name: `Encounter ${expandedId}` }).click();
        await page.getByTestId('encounter-state').waitFor();
      });
    },
    STEP,
  );
});

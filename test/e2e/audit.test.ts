import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchStores } from '../support/stores.js';
import { inBrowser, openBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { apiAs, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * The audit-log page in a real browser under the server's Content-Security-Policy: an admin
 * filters the log by actor and action and pages through it; an inline script injected into the
 * page is refused by the browser (the policy is enforced, not just sent).
 */
const STEP = 180_000;

describe.each(scratchStores())('audit log in the browser (Chromium, real server, $name)', (spec) => {
  let wb: Workbench;

  beforeAll(async () => {
    wb = await startWorkbench(spec);
    // Entries by someone else than the viewer: a coder logs in and is refused an admin route.
    const coder = await apiAs(wb.baseUrl, 'coder');
    await coder('GET', '/api/users').catch(() => undefined);
  }, 240_000);

  afterAll(async () => {
    await wb?.close();
  });

  it(
    'filters by actor and action, pages, and every control is labelled',
    async () => {
      await inBrowser(`${spec.name}/audit-log`, async (page) => {
        await signIn(page, wb.baseUrl, 'admin', PASSWORD);
        await page.getByRole('link', { name: 'Audit log' }).click();
        await page.getByRole('heading', { name: 'Audit log' }).waitFor();
        await page.locator('tr[data-action=login]').first().waitFor();
        expect(await unlabelledControls(page)).toEqual([]);

        await page.getByLabel('Actor').fill('coder');
        await page.getByRole('button', { name: 'Apply' }).click();
        // The unfiltered page already shows the coder's refusal, so wait for the filtered rows
        // themselves rather than for a row that both pages share.
        const actors = () => page.locator('tbody tr td:nth-child(2)').allTextContents();
        await expect.poll(async () => [...new Set(await actors())]).toEqual(['coder']);
        await page.locator('tr[data-action=refused]').first().waitFor();
        expect((await actors()).length).toBeGreaterThanOrEqual(2);

        await page.getByLabel('Action').fill('login');
        await page.getByLabel('Entity', { exact: true }).selectOption('session');
        await page.getByRole('button', { name: 'Apply' }).click();
        await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
        await expect.poll(() => page.locator('tbody tr').getAttribute('data-action')).toBe('login');
        await screenshot(page, `${spec.name}/audit-log`);

        // The admin's own reads of the log were logged: filtering for them finds them.
        await page.getByRole('button', { name: 'Clear' }).click();
        await page.getByLabel('Actor').fill('admin');
        await page.getByLabel('Entity', { exact: true }).selectOption('audit');
        await page.getByRole('button', { name: 'Apply' }).click();
        // As above: wait for the filtered page, not for a row the unfiltered one also shows.
        await expect.poll(async () => [...new Set(await actors())]).toEqual(['admin']);
        await page.locator('tr[data-action=read]').first().waitFor();
        await expect.poll(() => page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
      });
    },
    STEP,
  );

  it(
    'the Content-Security-Policy is enforced: an injected inline script does not run',
    async () => {
      const b = await openBrowser();
      try {
        const response = await b.page.goto(wb.baseUrl);
        expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
        await b.page.getByLabel('Username').waitFor();
        // A string, run in the page (this file is compiled without the DOM's types).
        const ran = await b.page.evaluate(`(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__injected = true';
          document.body.append(s);
          return window.__injected === true;
        })()`);
        expect(ran).toBe(false);
        await expect.poll(() => b.errors.join('\n')).toMatch(/Content Security Policy/);
      } finally {
        await b.close();
      }
    },
    STEP,
  );
});

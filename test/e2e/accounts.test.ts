import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/workflow/accounts.js';
import { scratchStores } from '../support/stores.js';
import { inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { apiAs, demoNote, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * Accounts and ownership in a real browser: the admin manages accounts on the Accounts page
 * (the password policy's refusal shown, then create, role change, disable), a user changes
 * their own password, and a coder's attempt on a colleague's encounter is refused on screen and
 * audit-logged. Screenshots land in test-artifacts/e2e/<store>/.
 */
const STEP = 180_000;

describe.each(scratchStores())('accounts and ownership end to end (Chromium, $name)', (spec) => {
  let wb: Workbench;
  let encounterId: number;

  beforeAll(async () => {
    wb = await startWorkbench(spec);
    const colleague = await createUser(wb.store.db, {
      username: 'colleague',
      password: PASSWORD,
      role: 'coder',
    });
    const admin = await apiAs(wb.baseUrl, 'admin');
    encounterId = (
      await admin<{ id: number }>('POST', '/api/encounters', {
        note: demoNote(),
        patient: { displayName: 'Okafor, Ben', birthDate: '1950-05-05', sex: 'M' },
        visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Medicare' },
      })
    ).id;
    await admin('POST', `/api/encounters/${encounterId}/suggest`);
    await admin('POST', `/api/encounters/${encounterId}/assign`, { userId: colleague.id });
  }, 240_000);
  afterAll(async () => wb?.close());

  const audit = (action: string) =>
    wb.store.db
      .selectFrom('audit_log')
      .select(['username', 'entity_id', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  it(
    'the admin creates an account (after the policy refuses a weak password), changes its role and disables it',
    async () => {
      await inBrowser(`${spec.name}/accounts-admin`, async (page) => {
        await signIn(page, wb.baseUrl, 'admin', PASSWORD);
        await page.getByRole('link', { name: 'Accounts' }).click();
        const table = page.getByRole('table', { name: 'Accounts' });
        await table.locator('tr[data-username=coder]').waitFor();

        const form = page.getByRole('form', { name: 'New account' });
        await form.getByLabel('Username').fill('newcoder');
        await form.getByLabel('Password').fill('1234567890123');
        await form.getByRole('button', { name: 'Create account' }).click();
        await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/sequence/);

        await form.getByLabel('Password').fill('tidal marble orchard');
        await form.getByRole('button', { name: 'Create account' }).click();
        const row = table.locator('tr[data-username=newcoder]');
        await row.waitFor();
        expect(await row.getByLabel('Role of newcoder').inputValue()).toBe('coder');

        await row.getByLabel('Role of newcoder').selectOption('biller');
        await expect.poll(() => page.getByRole('status').textContent()).toMatch(/newcoder is now biller/);
        await row.getByRole('button', { name: 'Disable newcoder' }).click();
        await expect.poll(() => row.locator('td').nth(2).textContent()).toMatch(/disabled/);
        await expect.poll(() => row.getByRole('button', { name: 'Enable newcoder' }).count()).toBe(1);
        expect(await unlabelledControls(page)).toEqual([]);
        await screenshot(page, `${spec.name}/accounts-01-users-page`);
      });
      const { id } = await wb.store.db
        .selectFrom('app_user')
        .select(['id', 'role', 'active'])
        .where('username', '=', 'newcoder')
        .executeTakeFirstOrThrow();
      const stored = await wb.store.db
        .selectFrom('app_user')
        .select(['role', 'active'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ role: 'biller', active: false });
      for (const action of ['create', 'role-change', 'disable'])
        expect(
          (await audit(action)).some((r) => r.entity_id === String(id) && r.username === 'admin'),
          action,
        ).toBe(true);
      // The disabled account cannot sign in.
      const login = await fetch(`${wb.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'newcoder', password: 'tidal marble orchard' }),
      });
      expect(login.status).toBe(401);
    },
    STEP,
  );

  it(
    "a coder's change to a colleague's encounter is refused on screen and audit-logged; the accounts page is refused too",
    async () => {
      await inBrowser(`${spec.name}/accounts-coder`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        // The coder may open the chart (the queue is shared) ...
        await page.goto(`${wb.baseUrl}/#/encounters/${encounterId}`);
        const accept = page.getByRole('button', { name: /^Accept / }).first();
        await accept.waitFor();
        // ... but not take it over (only a supervisor reassigns) ...
        expect(await page.getByRole('button', { name: 'Assign to me' }).count()).toBe(0);
        // ... nor change it.
        await accept.click();
        await expect
          .poll(() => page.getByRole('alert').first().textContent())
          .toMatch(/assigned to another coder/);
        await screenshot(page, `${spec.name}/accounts-02-refused-save`);
        await page.goto(`${wb.baseUrl}/#/users`);
        await expect
          .poll(() => page.getByRole('alert').first().textContent())
          .toMatch(/a coder may not do this/);
        expect(await page.getByRole('link', { name: 'Accounts' }).count()).toBe(0);
      });
      const refused = (await audit('refused')).filter((r) => r.username === 'coder');
      expect(refused.map((r) => JSON.parse(r.detail))).toEqual([
        expect.objectContaining({ tried: 'save-codes', reason: 'not-assignee' }),
        expect.objectContaining({ route: '/api/users', reason: 'role' }),
      ]);
      expect(refused[0]!.entity_id).toBe(String(encounterId));
    },
    STEP,
  );

  it(
    'a user changes their own password on the Password page',
    async () => {
      await inBrowser(`${spec.name}/accounts-password`, async (page) => {
        await signIn(page, wb.baseUrl, 'biller', PASSWORD);
        await page.getByRole('link', { name: 'Password' }).click();
        await page.getByLabel('Current password').fill(PASSWORD);
        await page.getByLabel('New password', { exact: true }).fill('biller2025');
        await page.getByLabel('New password again').fill('biller2025');
        await page.getByRole('button', { name: 'Change password' }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/at least 12/);
        await page.getByLabel('New password', { exact: true }).fill('quiet harbour lamplight');
        await page.getByLabel('New password again').fill('quiet harbour lamplight');
        await page.getByRole('button', { name: 'Change password' }).click();
        await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Password changed/);
        expect(await unlabelledControls(page)).toEqual([]);
        await screenshot(page, `${spec.name}/accounts-03-password`);
      });
      const login = await fetch(`${wb.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'biller', password: 'quiet harbour lamplight' }),
      });
      expect(login.status).toBe(200);
    },
    STEP,
  );
});

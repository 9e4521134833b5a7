import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/workflow/accounts.js';
import { scratchStores } from '../support/stores.js';
import { inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { apiAs, demoNote, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * The supervisor's main path: an encounter a coder holds is moved to another coder from the
 * encounter page; the move is audited, the new assignee works it, and a coder sees no
 * reassignment control.
 */
const STEP = 240_000;

describe.each(scratchStores())('supervisor reassigns work (Chromium, $name)', (spec) => {
  let wb: Workbench;
  let id: number;

  beforeAll(async () => {
    wb = await startWorkbench(spec);
    await createUser(wb.store.db, { username: 'lead', password: PASSWORD, role: 'supervisor' });
    await createUser(wb.store.db, { username: 'coder2', password: PASSWORD, role: 'coder' });
    const admin = await apiAs(wb.baseUrl, 'admin');
    const coder = await apiAs(wb.baseUrl, 'coder');
    const me = await coder<{ user: { id: number } }>('GET', '/api/auth/me');
    id = (
      await admin<{ id: number }>('POST', '/api/encounters', {
        note: demoNote(),
        patient: { displayName: 'Moss, Ida', birthDate: '1950-02-02', sex: 'F' },
        visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Medicare' },
      })
    ).id;
    await admin('POST', `/api/encounters/${id}/assign`, { userId: me.user.id });
  }, STEP);

  afterAll(async () => {
    await wb?.close();
  });

  it(
    'moves an encounter from one coder to another; the move is audited and the new assignee can work it',
    async () => {
      await inBrowser(`${spec.name}/supervisor`, async (page) => {
        await signIn(page, wb.baseUrl, 'lead', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${id}`);
        await page.getByText('Assigned to coder', { exact: true }).waitFor();
        expect(await unlabelledControls(page)).toEqual([]);
        await page.getByLabel('Reassign to coder').selectOption({ label: 'coder2' });
        await page.getByRole('button', { name: 'Reassign' }).click();
        await page.getByText('Assigned to coder2', { exact: true }).waitFor();
        await page.getByText('Reassigned to coder2').waitFor();
        await screenshot(page, `${spec.name}/supervisor-reassigned`);
      });
      const moves = await wb.store.db
        .selectFrom('audit_log')
        .select(['username', 'action', 'entity_id'])
        .where('entity_id', '=', String(id))
        .where('username', '=', 'lead')
        .execute();
      expect(moves.length).toBeGreaterThan(0);

      // The new assignee works it; the coder it was taken from sees no reassignment control.
      const coder2 = await apiAs(wb.baseUrl, 'coder2');
      await coder2('POST', `/api/encounters/${id}/suggest`);
      await inBrowser(`${spec.name}/supervisor-old-coder`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${id}`);
        await page.getByText('Assigned to coder2', { exact: true }).waitFor();
        expect(await page.getByLabel('Reassign to coder').count()).toBe(0);
      });
    },
    STEP,
  );
});

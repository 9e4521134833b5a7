import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHcpcs } from '../../src/codesets/hcpcs/import.js';
import { codesetFile, scratchStores } from '../support/stores.js';
import { inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { acceptPending, apiAs, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * Procedure lines in the workbench: the engine proposes the E/M level, the drug with its units
 * and the administration; the coder reads why (MDM grid, units arithmetic), changes a line,
 * accepts the rest and saves; the claim builder then starts from the saved lines.
 */
const STEP = 240_000;

const NOTE = `CHIEF COMPLAINT: Low back pain for 2 weeks.
HPI: Established patient with acute low back pain after lifting, no radiation. Also follows for hypertension, well controlled on lisinopril.
ASSESSMENT:
1. Acute low back pain.
2. Essential hypertension, stable.
PLAN: Ketorolac 30 mg IM administered in clinic. Start cyclobenzaprine 10 mg at bedtime (prescription). Continue lisinopril. Follow up 4 weeks.
`;

describe.each(scratchStores())('procedure lines in the workbench (Chromium, $name)', (spec) => {
  let wb: Workbench;
  let id: number;

  beforeAll(async () => {
    wb = await startWorkbench(spec);
    // The workbench checks saved HCPCS lines against the store's own HCPCS release.
    await importHcpcs(wb.store, codesetFile('hcpcs/2019/2019-Alpha-Numeric-HCPCS-File.zip'), {
      progress: false,
    });
    const admin = await apiAs(wb.baseUrl, 'admin');
    const coder = await apiAs(wb.baseUrl, 'coder');
    const me = await coder<{ user: { id: number } }>('GET', '/api/auth/me');
    id = (
      await admin<{ id: number }>('POST', '/api/encounters', {
        note: NOTE,
        patient: { displayName: 'Okafor, Ben', birthDate: '1975-06-01', sex: 'M' },
        visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Acme Health' },
      })
    ).id;
    await admin('POST', `/api/encounters/${id}/assign`, { userId: me.user.id });
    await admin('POST', `/api/encounters/${id}/suggest`);
  }, STEP);

  afterAll(async () => {
    await wb?.close();
  });

  it(
    'a coder reviews the proposed lines, changes one, saves, and the claim builder starts from them',
    async () => {
      await inBrowser(`${spec.name}/procedures`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${id}`);
        const lines = page.locator('.procedure-list > li');
        await lines.first().waitFor();
        const codes = await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
        expect(codes).toEqual(expect.arrayContaining(['J1885', '96372']));
        expect(codes.some((c) => /^992\d\d$/.test(c ?? ''))).toBe(true);
        const drug = page.locator('.procedure-list > li[data-code="J1885"]');
        await expect.poll(() => drug.locator('.units').textContent()).toBe('× 2');
        // Why: the units arithmetic from the dose and the code's own "per 15 mg".
        await drug.getByText('Why J1885').click();
        await drug.getByText(/30 mg ÷ 15 mg = 2/).waitFor();
        // The E/M line shows the grid it read; CPT lines carry no descriptor.
        const em = lines.filter({ has: page.locator('.mdm-grid') });
        expect(await em.count()).toBe(1);
        await em.getByText(/^Why 992/).click();
        await em
          .locator('.mdm-grid caption')
          .getByText(/Medical decision making/)
          .waitFor();
        await screenshot(page, `${spec.name}/procedures-01-proposed`);
        expect(await unlabelledControls(page)).toEqual([]);

        await acceptPending(page);
        // Change the E/M line's level by hand (a coder's decision), accept the rest.
        const emRow = page
          .locator('.procedure-list > li')
          .filter({ hasText: /^CPT\s*992/ })
          .first();
        const emIndex = codes.findIndex((c) => /^992\d\d$/.test(c ?? '')) + 1;
        const emCode = page.getByLabel(`Procedure line ${emIndex} code`);
        await emCode.fill('99212');
        await emCode.press('Enter');
        await expect.poll(() => emRow.getAttribute('data-status')).toBe('replaced');
        for (const code of ['J1885', '96372'])
          await page
            .locator(`.procedure-list > li[data-code="${code}"]`)
            .getByRole('button', { name: /^Accept/ })
            .click();
        // A pointer to a diagnosis that is not reported is named, not saved.
        const drugPointers = page.getByLabel(`Procedure line ${codes.indexOf('J1885') + 1} diagnoses`);
        await drugPointers.fill('E11.9');
        await drugPointers.press('Enter');
        await page.getByText('diagnosis E11.9 is not among the reported codes').waitFor();
        await page.getByRole('button', { name: 'Save procedures' }).click();
        await page.getByText('Procedure lines saved').waitFor();
        await screenshot(page, `${spec.name}/procedures-02-saved`);

        const saved = await (await apiAs(wb.baseUrl, 'biller'))<{
          procedures: { code: string; status: string; units: number; pointers: string[] }[];
        }>('GET', `/api/encounters/${id}/procedures`);
        expect(saved.procedures.map((p) => [p.code, p.status, p.units])).toEqual(
          expect.arrayContaining([
            ['99212', 'replaced', 1],
            ['J1885', 'accepted', 2],
            ['96372', 'accepted', 1],
          ]),
        );

        // Finish coding: the claim builder starts from the saved lines, charges left to the biller.
        await page.getByRole('button', { name: 'Finish coding' }).click();
        await page.getByLabel('Line 1 procedure code').waitFor();
        const claimCodes: string[] = [];
        for (let i = 1; i <= saved.procedures.length; i++)
          claimCodes.push(await page.getByLabel(`Line ${i} procedure code`).inputValue());
        expect(claimCodes).toEqual(saved.procedures.map((p) => p.code));
        expect(await page.getByLabel('Line 1 charge in dollars').inputValue()).toBe('');
        const drugLine = claimCodes.indexOf('J1885') + 1;
        expect(await page.getByLabel(`Line ${drugLine} units`, { exact: true }).inputValue()).toBe('2');
        await screenshot(page, `${spec.name}/procedures-03-claim-lines`);
      });
    },
    STEP,
  );
});

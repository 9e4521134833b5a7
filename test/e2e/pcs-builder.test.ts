import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPcs } from '../../src/codesets/icd10pcs/import.js';
import { codesLines, orderLines, writeRelease } from '../codesets/icd10pcs/fixture.js';
import { scratchStores } from '../support/stores.js';
import { inBrowser, signIn, unlabelledControls } from './browser.js';
import { PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * The ICD-10-PCS builder page in a real browser: a coder steps from the section to a whole code,
 * each step offering only the values the imported tables allow, and checks a typed code.
 */
const STEP = 180_000;

describe.each(scratchStores())('PCS builder in the browser (Chromium, real server, $name)', (spec) => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await startWorkbench(spec);
    await importPcs(wb.store, writeRelease({ order: orderLines(), codes: codesLines() }), {
      progress: false,
    });
  }, STEP);
  afterAll(async () => {
    await wb?.close();
  });

  it(
    'steps through the seven axes to 0FT44ZZ and checks a mistyped code',
    async () => {
      await inBrowser('pcs-builder', async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.getByRole('link', { name: 'PCS builder' }).click();
        await page.getByLabel('Date of service').fill('2026-02-01');
        const choices = page.getByRole('list', { name: /valid values for/ });
        for (const [axis, choice] of [
          ['Section', 'Medical and Surgical'],
          ['Body System', 'Hepatobiliary System and Pancreas'],
          ['Operation', 'Resection'],
          ['Body Part', 'Gallbladder'],
          ['Approach', 'Percutaneous Endoscopic'],
          ['Device', 'No Device'],
          ['Qualifier', 'No Qualifier'],
        ] as const) {
          await page.getByRole('heading', { name: new RegExp(`: ${axis}$`) }).waitFor();
          if (axis === 'Body Part') {
            // Only the body parts some Resection code of this body system has.
            expect(await choices.getByRole('link').allTextContents()).toEqual([
              '4 Gallbladder',
              'G Pancreas',
            ]);
          }
          await choices
            .getByRole('link', { name: new RegExp(choice) })
            .first()
            .click();
        }
        await expect
          .poll(() => page.getByTestId('pcs-code').textContent())
          .toBe('0FT44ZZ Resection of Gallbladder, Percutaneous Endoscopic Approach');
        expect(await page.getByRole('navigation', { name: 'Characters chosen' }).textContent()).toContain(
          'Approach: 4 Percutaneous Endoscopic',
        );
        expect(await unlabelledControls(page)).toEqual([]);

        await page.getByLabel('Code', { exact: true }).fill('0FT4Q');
        await page.getByRole('button', { name: 'Check' }).click();
        await expect
          .poll(() => page.getByTestId('pcs-check-result').textContent())
          .toContain('character 5 (approach): no valid code has approach "Q" after 0FT4 (valid there: 0 4)');
      });
    },
    STEP,
  );
});

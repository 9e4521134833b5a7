import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReasonCodes } from '../../src/remits/carc-rarc.js';
import { interchange } from '../remits/interchange.js';
import { codesetsDir, scratchStores } from '../support/stores.js';
import { ARTIFACTS, inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { apiAs, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * The biller's main path in a real browser against the real server: two claims come back denied
 * in one 835 (the lab line bundled, CO-97 with remark N115). The biller reads the remittance,
 * takes the first claim, downloads an appeal letter built from the CARC/RARC texts, corrects the
 * claim (modifier 59 on the lab line) and downloads the replacement's 837 (frequency 7, REF*F8 =
 * the payer's claim number); then writes off the second claim's denied amount, which closes it.
 */
const STEP = 240_000;

const lines = [
  { code: '99213', modifiers: [], units: 1, chargeCents: 10000, pointers: [1] },
  { code: '36415', modifiers: [], units: 1, chargeCents: 5000, pointers: [1] },
];

/** The 835 claim loop paying the visit ($80, CO-45 $20) and denying the lab line (CO-97, N115). */
const denied = (pcn: string, icn: string) => [
  `CLP*${pcn}*1*150*80**MB*${icn}`,
  'NM1*QC*1*RIVERA*ANA****MI*W123',
  'SVC*HC:99213*100*80**1',
  'DTM*472*20250310',
  'CAS*CO*45*20',
  `REF*6R*${pcn}-1`,
  'SVC*HC:36415*50*0**1',
  'DTM*472*20250310',
  'CAS*CO*97*50',
  `REF*6R*${pcn}-2`,
  'LQ*HE*N115',
];

/** Clicks a button that downloads a file; returns its name and text. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe.each(scratchStores())('the biller works denials in the workbench (Chromium, $name)', (spec) => {
  let wb: Workbench;
  const claims: { id: number; pcn: string; icn: string }[] = [];
  let remittanceId: number;

  beforeAll(async () => {
    rmSync(join(ARTIFACTS, spec.name, 'billing'), { recursive: true, force: true });
    const reasonCodes = await loadReasonCodes(join(codesetsDir(), 'other', 'x12-carc-rarc'));
    wb = await startWorkbench(spec, { reasonCodes });
    const admin = await apiAs(wb.baseUrl, 'admin');
    const coder = await apiAs(wb.baseUrl, 'coder');
    const biller = await apiAs(wb.baseUrl, 'biller');
    for (const name of ['Rivera, Ana', 'Okafor, Chidi']) {
      const { id } = await admin<{ id: number }>('POST', '/api/encounters', {
        note: 'ASSESSMENT: Type 2 diabetes mellitus without complications. PLAN: A1c today.',
        patient: { displayName: name, birthDate: '1957-11-20', sex: 'F' },
        visit: { dateOfService: '2025-03-10', setting: 'outpatient', payer: 'Medicare' },
      });
      await coder('PUT', `/api/encounters/${id}/codes`, {
        codes: [{ code: 'E11.9', sequence: 1, status: 'added', proposed: null }],
      });
      await coder('POST', `/api/encounters/${id}/complete`);
      const { claimId } = await coder<{ claimId: number }>('POST', `/api/encounters/${id}/claim`, { lines });
      await biller('POST', `/api/claims/${claimId}/submit`);
      const { patientControlNumber } = await biller<{ patientControlNumber: string }>(
        'GET',
        `/api/claims/${claimId}`,
      );
      claims.push({ id: claimId, pcn: patientControlNumber, icn: `ICN-E2E-${claimId}` });
    }
    const x12 = interchange('835', 'HP', '005010X221A1', [
      'BPR*I*160*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20250415',
      'TRN*1*EFT-E2E-1*1512345678',
      'N1*PR*MEDICARE*XV*MEDICARE',
      'N1*PE*MEDCODER DEMO CLINIC*XX*1234567893',
      'LX*1',
      ...claims.flatMap((c) => denied(c.pcn, c.icn)),
    ]);
    const posted = await biller<{ posted: number }>('POST', '/api/remits', { x12 });
    expect(posted.posted).toBe(2);
    const list = await biller<{ items: { id: number }[] }>('GET', '/api/remits');
    remittanceId = list.items[0]!.id;
  }, STEP);

  afterAll(async () => {
    await wb?.close();
  });

  it(
    'reads the remittance, appeals and corrects a denied claim, downloads its 837 (frequency 7), and writes off another',
    async () => {
      const [first, second] = claims as [(typeof claims)[0], (typeof claims)[0]];
      await inBrowser(`${spec.name}/billing/biller`, async (page) => {
        await signIn(page, wb.baseUrl, 'biller', PASSWORD);

        // The remittance list and the remittance as the payer sent it.
        await page.getByRole('link', { name: 'Remittances' }).click();
        const list = page.getByRole('table', { name: 'Posted remittances' });
        await expect.poll(() => list.textContent()).toContain('EFT-E2E-1');
        expect(await list.textContent()).toContain('2025-04-15');
        expect(await list.textContent()).toContain('$160.00');
        await page.getByRole('link', { name: `Remittance ${remittanceId}` }).click();
        const claim = page.locator(`section[data-pcn="${first.pcn}"]`);
        await claim.waitFor();
        const text = (await claim.textContent()) ?? '';
        expect(text).toContain(first.icn);
        expect(text).toContain('CO-97');
        expect(text).toContain('The benefit for this service is included');
        expect(text).toContain('N115');
        expect(text).toContain('Local Coverage Determination');
        await screenshot(page, `${spec.name}/billing/01-remittance`);
        expect(await unlabelledControls(page)).toEqual([]);

        // The worklist: take the first claim, then see it under "Me".
        await page.getByRole('link', { name: 'Denials' }).click();
        await page
          .getByRole('button', { name: `Work claim ${first.id}` })
          .first()
          .click();
        const panel = page.getByTestId('denial-actions');
        await panel.locator('summary', { hasText: 'Assign' }).click();
        await panel.getByLabel('Assign to').selectOption({ label: 'biller (biller)' });
        await panel.getByRole('button', { name: 'Assign', exact: true }).click();
        await expect.poll(() => panel.textContent()).toContain('assigned to biller');
        await page.getByRole('form', { name: 'Filters' }).getByLabel('Assignee').selectOption('me');
        await expect.poll(() => page.getByRole('button', { name: /^Work claim/ }).count()).toBe(1);
        await page.getByRole('form', { name: 'Filters' }).getByLabel('Assignee').selectOption('');
        await expect.poll(() => page.getByRole('button', { name: /^Work claim/ }).count()).toBe(2);

        // The appeal letter, from the CARC/RARC texts.
        await panel.locator('summary', { hasText: 'Appeal letter' }).click();
        await panel
          .getByLabel('Argument for the payer')
          .fill('The venipuncture was a separate, distinct service.');
        await panel.getByLabel('Format').selectOption('text');
        await screenshot(page, `${spec.name}/billing/02-appeal-letter`);
        expect(await unlabelledControls(page)).toEqual([]);
        const letter = await download(page, () =>
          panel.getByRole('button', { name: 'Download appeal letter' }).click(),
        );
        expect(letter.name).toBe(`appeal-claim-${first.id}.txt`);
        const words = letter.text.replace(/\s+/g, ' ');
        expect(words).toContain(`Payer claim control number: ${first.icn}`);
        expect(words).toContain('CO-97: The benefit for this service is included');
        expect(words).toContain('Remark N115: This decision was based on a Local Coverage Determination');
        expect(words).toContain('Amount appealed: $50.00');
        expect(words).toContain('The venipuncture was a separate, distinct service.');

        // The corrected claim: modifier 59 on the lab line, then the replacement's 837.
        await panel.getByLabel('Line 2 modifiers').fill('59');
        await panel.getByLabel('Why the claim is corrected').fill('Modifier 59: separate venipuncture');
        await screenshot(page, `${spec.name}/billing/03-corrected-claim-form`);
        await panel.getByRole('button', { name: 'Create corrected claim' }).click();
        await expect
          .poll(() => page.getByTestId('claim-frequency').textContent())
          .toBe('replacement (corrected)');
        const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
        const replacementId = Number(/Claim (\d+)/.exec(title)?.[1]);
        expect(replacementId).toBeGreaterThan(second.id);
        expect(await page.getByRole('link', { name: `Claim ${first.id}` }).count()).toBe(1);
        const lineTable = (await page.getByRole('table', { name: 'Service lines' }).textContent()) ?? '';
        expect(lineTable).toContain('59');
        const file = await download(page, () => page.getByRole('button', { name: 'Download 837' }).click());
        expect(file.name).toMatch(new RegExp(`^claim-${replacementId}-\\d{9}\\.x12$`));
        expect(file.text).toContain(`CLM*${first.pcn}*150***11:B:7`);
        expect(file.text).toContain(`REF*F8*${first.icn}`);
        expect(file.text).toMatch(/SV1\*HC:36415:59\*50\*/);
        await screenshot(page, `${spec.name}/billing/04-replacement-claim`);
        expect(await unlabelledControls(page)).toEqual([]);

        // The second claim: write off the bundled lab line; it closes and leaves the worklist.
        await page.getByRole('link', { name: 'Denials' }).click();
        await page
          .getByRole('button', { name: `Work claim ${second.id}` })
          .first()
          .click();
        await panel.locator('summary', { hasText: 'Write off' }).click();
        expect(await panel.getByLabel('Amount to write off ($)').inputValue()).toBe('50.00');
        await panel.getByLabel('Write-off reason').selectOption({ label: 'Bundled into another service' });
        await screenshot(page, `${spec.name}/billing/05-write-off`);
        await panel.getByRole('button', { name: 'Write off', exact: true }).click();
        await expect.poll(() => panel.textContent()).toContain('written off');
        await expect.poll(() => page.getByRole('button', { name: /^Work claim/ }).count()).toBe(0);
        await page.goto(`${wb.baseUrl}/#/claims/${second.id}`);
        await expect
          .poll(() => page.getByRole('table', { name: 'Write-offs' }).textContent())
          .toContain('$50.00');
        expect(await page.getByTestId('open-balance').textContent()).toMatch(/^\$0\.00/);
        await screenshot(page, `${spec.name}/billing/06-written-off`);
      });
    },
    STEP,
  );
});

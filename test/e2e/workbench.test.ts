import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/workflow/accounts.js';
import { remit835 } from '../remits/interchange.js';
import { scratchStores } from '../support/stores.js';
import { ARTIFACTS, inBrowser, screenshot, signIn, unlabelledControls } from './browser.js';
import { acceptPending, apiAs, demoNote, PASSWORD, startWorkbench, type Workbench } from './workbench.js';

/**
 * The workbench in a real browser against the real server: a coder codes an encounter from the
 * note's highlighted evidence and builds the claim; a biller submits it, posts the payer's 835
 * denying it, and finds the denial on the worklist. Screenshots land in test-artifacts/e2e/.
 */
const STEP = 180_000;

/** Line 1 of the claim form: an office visit, $150.00, pointing at the given diagnoses. */
async function fillOfficeVisit(page: Page, pointers: string): Promise<void> {
  await page.getByLabel('Line 1 procedure code').fill('99214');
  await page.getByLabel('Line 1 charge in dollars').fill('150.00');
  await page.getByLabel('Line 1 diagnosis pointers').fill(pointers);
}

describe.each(scratchStores())('workbench end to end (Chromium, real server, $name)', (spec) => {
  let wb: Workbench;
  let encounterId: number;
  let claimId: string;

  beforeAll(async () => {
    // A fresh set of screenshots per run and store, so none is left from an older run.
    rmSync(join(ARTIFACTS, spec.name), { recursive: true, force: true });
    wb = await startWorkbench(spec);
    const admin = await apiAs(wb.baseUrl, 'admin');
    const created = await admin<{ id: number }>('POST', '/api/encounters', {
      note: demoNote(),
      patient: { displayName: 'Rivera, Ana', birthDate: '1957-11-20', sex: 'F' },
      visit: { dateOfService: '2025-03-02', setting: 'outpatient', payer: 'Medicare' },
    });
    encounterId = created.id;
    await admin('POST', `/api/encounters/${encounterId}/suggest`);
  }, 240_000);

  afterAll(async () => {
    await wb?.close();
  });

  it(
    'a coder sees highlighted evidence, accepts and fixes codes, and builds a claim',
    async () => {
      await inBrowser(`${spec.name}/coder`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);

        // Worklist: the suggested encounter with its count, then open it.
        await expect.poll(() => page.getByRole('link', { name: 'Rivera, Ana' }).count()).toBe(1);
        const suggested = page.getByRole('button', { name: /^suggested/ });
        await expect.poll(() => suggested.textContent()).toMatch(/suggested\s*1/);
        await screenshot(page, `${spec.name}/01-worklist`);
        expect(await unlabelledControls(page)).toEqual([]);
        // From the keyboard: j focuses the first encounter, Enter opens it.
        await page.keyboard.press('j');
        await page.keyboard.press('Enter');

        // The note: evidence highlighted per code, each highlight titled with its code.
        const marks = page.locator('[data-testid=note] mark.evidence');
        await marks.first().waitFor();
        const rows = page.locator('.code-list > li');
        const codeCount = await rows.count();
        expect(codeCount).toBeGreaterThanOrEqual(3);
        const titles = await marks.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
        expect(titles.every((t) => /^Evidence for [A-Z]\d/.test(t))).toBe(true);
        const backgrounds = new Set(
          await marks.evaluateAll((els) =>
            els.map((e) => e.ownerDocument.defaultView!.getComputedStyle(e).backgroundColor),
          ),
        );
        expect(backgrounds.size).toBeGreaterThanOrEqual(2);
        const firstCode = (await rows.nth(0).getAttribute('data-code'))!;
        expect(titles.some((t) => t.includes(firstCode))).toBe(true);
        await screenshot(page, `${spec.name}/02-encounter-evidence`);
        expect(await unlabelledControls(page)).toEqual([]);

        await page.getByRole('button', { name: 'Assign to me' }).click();
        await page.getByText('Assigned to coder').waitFor();

        // Keyboard: help, accept the first code (a: the selection moves on), replace the second (e).
        await page.keyboard.press('?');
        await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
        await screenshot(page, `${spec.name}/03-shortcut-help`);
        await page.keyboard.press('Escape');
        await page.keyboard.press('a');
        await expect.poll(() => rows.nth(0).getAttribute('data-status')).toBe('accepted');
        await page.getByText(`Accepted ${firstCode}`).waitFor();

        // Accepting moved the selection on to the next code to review.
        await expect.poll(() => rows.nth(1).getAttribute('aria-current')).toBe('true');
        const secondKey = (await rows.nth(1).getAttribute('data-code'))!;
        await page.keyboard.press('e');
        const search = page.getByRole('combobox', { name: `Replace ${secondKey} with` });
        await search.fill('hyperlipidemia');
        const option = page.getByRole('option').filter({ hasText: 'E78.5' });
        await option.waitFor();
        await screenshot(page, `${spec.name}/04-replace-search`);
        await option.click();
        const replaced = page.locator('.code-list > li[data-code="E78.5"]');
        await expect.poll(() => replaced.getAttribute('data-status')).toBe('replaced');
        await expect.poll(() => replaced.textContent()).toContain(`Engine proposed ${secondKey}`);

        // Reject the third code from the keyboard; accept the rest with the buttons.
        await page.keyboard.press('j');
        const thirdCode = (await rows.nth(2).getAttribute('data-code'))!;
        await page.keyboard.press('r');
        await expect
          .poll(() => page.locator(`.code-list > li[data-code="${thirdCode}"]`).getAttribute('data-status'))
          .toBe('rejected');
        await acceptPending(page);

        // The server kept exactly these decisions (engine proposal vs coder's final code).
        const coder = await apiAs(wb.baseUrl, 'coder');
        await expect
          .poll(async () => {
            const v = await coder<{ codes: { code: string; status: string; proposed: string | null }[] }>(
              'GET',
              `/api/encounters/${encounterId}`,
            );
            return v.codes.length;
          })
          .toBe(codeCount);
        const view = await coder<{ codes: { code: string; status: string; proposed: string | null }[] }>(
          'GET',
          `/api/encounters/${encounterId}`,
        );
        expect(view.codes).toContainEqual(
          expect.objectContaining({ code: 'E78.5', status: 'replaced', proposed: secondKey }),
        );
        expect(view.codes).toContainEqual(
          expect.objectContaining({ code: thirdCode, status: 'rejected', proposed: thirdCode }),
        );
        expect(view.codes).toContainEqual(
          expect.objectContaining({ code: firstCode, status: 'accepted', proposed: firstCode }),
        );

        // Finish coding, scrub the office-visit line, and build the claim.
        await page.getByRole('button', { name: 'Finish coding' }).click();
        await expect.poll(() => page.getByTestId('encounter-state').textContent()).toBe('coded');
        await fillOfficeVisit(page, '1, 2, 9');
        await page.getByRole('button', { name: 'Scrub lines' }).click();
        // A pointer past the reported codes is caught in the form, before the server sees it.
        await page
          .getByText(/^Line 1: diagnosis pointer 9: only \d+ diagnosis code\(s\) are reported$/)
          .waitFor();
        await page.getByLabel('Line 1 diagnosis pointers').fill('1, 2');
        await page.getByRole('button', { name: 'Scrub lines' }).click();
        await page.getByText(/^Scrubber ran: \d+ findings?$/).waitFor();
        await screenshot(page, `${spec.name}/05-claim-lines-scrubbed`);
        expect(await unlabelledControls(page)).toEqual([]);
        await page.getByRole('button', { name: 'Build claim' }).click();
        const claimLink = page.getByRole('link', { name: /^Claim \d+$/ });
        await claimLink.waitFor();
        claimId = ((await claimLink.textContent()) ?? '').replace('Claim ', '');
        await expect.poll(() => page.getByTestId('encounter-state').textContent()).toBe('claim built');
        await screenshot(page, `${spec.name}/06-claim-built`);

        // Worklist filters reach the server: mine has the encounter, unassigned is empty.
        await page.getByRole('link', { name: 'Worklist' }).click();
        const filters = page.getByRole('form', { name: 'Filters' });
        await filters.getByLabel('Assignee').selectOption('me');
        await filters.getByRole('button', { name: 'Apply filters' }).click();
        await expect.poll(() => page.locator('.summary').textContent()).toBe('1 encounter');
        await filters.getByLabel('Assignee').selectOption('none');
        await filters.getByRole('button', { name: 'Apply filters' }).click();
        await expect.poll(() => page.locator('.summary').textContent()).toBe('0 encounters');
        await filters.getByLabel('Assignee').selectOption('');
        await filters.getByLabel('State').selectOption('claim_built');
        await filters.getByRole('button', { name: 'Apply filters' }).click();
        await expect.poll(() => page.getByRole('link', { name: 'Rivera, Ana' }).count()).toBe(1);
      });
    },
    STEP,
  );

  it(
    'a biller submits the claim, posts an 835 denying it, and sees the denial on the worklist',
    async () => {
      expect(claimId, 'the coder test built a claim').toMatch(/^\d+$/);
      await inBrowser(`${spec.name}/biller`, async (page) => {
        await signIn(page, wb.baseUrl, 'biller', PASSWORD);

        await page.getByRole('link', { name: 'Claims' }).click();
        await page.getByRole('link', { name: `Claim ${claimId}` }).click();
        await page.getByRole('button', { name: 'Submit claim' }).click();
        const history = page.getByRole('table', { name: 'Status history' });
        await expect.poll(() => history.textContent()).toContain('submitted');
        const pcn = await page.getByTestId('pcn').textContent();
        expect(pcn).toMatch(/^[A-Za-z0-9-]{1,20}$/);
        const lines = (await page.getByRole('table', { name: 'Service lines' }).textContent()) ?? '';
        expect(lines).toContain('99214');
        expect(lines).toContain('$150.00');
        await screenshot(page, `${spec.name}/07-claim-submitted`);

        // The payer denies the office visit: CO-50 (not medically necessary) with remark N115.
        const x12 = remit835('0', [
          `CLP*${pcn}*4*150*0**MB*PAYER-E2E-1`,
          'NM1*QC*1*RIVERA*ANA****MI*W123',
          'SVC*HC:99214*150*0**1',
          'DTM*472*20250302',
          'CAS*CO*50*150',
          'LQ*HE*N115',
        ]);
        await page.getByRole('link', { name: 'Remittances' }).click();
        await page.getByLabel('835 text').fill(x12);
        await screenshot(page, `${spec.name}/08-remit-pasted`);
        expect(await unlabelledControls(page)).toEqual([]);
        await page.getByRole('button', { name: 'Post remittance' }).click();
        const result = page.getByTestId('remit-result');
        await expect.poll(() => result.textContent()).toMatch(/Posted 1 claim payment\b/);
        const posted = page.getByRole('table', { name: 'Claims in this remittance' });
        expect(await posted.textContent()).toContain('denied');
        // Posting the same file again changes nothing, and says so.
        await page.getByRole('button', { name: 'Post remittance' }).click();
        await expect.poll(() => result.textContent()).toContain('already posted');

        await page.getByRole('link', { name: 'Open the denials worklist' }).click();
        const reason = page.locator('.denial-reason[data-carc="50"]');
        await reason.waitFor();
        const group = page.getByRole('region', { name: /^CO — Contractual obligation/ });
        expect(await group.count()).toBe(1);
        const text = (await reason.textContent()) ?? '';
        expect(text).toContain('99214');
        expect(text).toContain('$150.00');
        expect(text).toContain('N115');
        expect(text).toContain(`Claim ${claimId}`);
        await screenshot(page, `${spec.name}/09-denials-worklist`);

        // The claim's history now ends in the denial.
        await page
          .getByRole('link', { name: `Claim ${claimId}` })
          .first()
          .click();
        await expect
          .poll(() => page.getByRole('table', { name: 'Status history' }).textContent())
          .toContain('denied');

        await page.getByRole('link', { name: 'Dashboard' }).click();
        await page.getByRole('img', { name: 'Denial rate by reason (CARC)' }).waitFor();
        await screenshot(page, `${spec.name}/10-dashboard`);

        // Logging out ends the session on the server: the app is back at the login form, and the
        // old page's requests are refused.
        await page.getByRole('button', { name: 'Log out' }).click();
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        const status = await page.evaluate(async () => (await fetch('/api/claims')).status);
        expect(status).toBe(401);
      });
    },
    STEP,
  );

  it(
    'a coder adds a code, asks a provider a physician query, cannot finish until the provider answers, then finishes',
    async () => {
      const admin = await apiAs(wb.baseUrl, 'admin');
      await createUser(wb.store.db, { username: 'drlee', password: PASSWORD, role: 'provider' });
      const { id } = await admin<{ id: number }>('POST', '/api/encounters', {
        note: 'OFFICE VISIT\n\nASSESSMENT:\n1. Depression.\n2. Chronic kidney disease.\n\nPLAN: Follow up in 4 weeks.\n',
        patient: { displayName: 'Nguyen, Bao', birthDate: '1970-05-05', sex: 'M' },
        visit: { dateOfService: '2025-04-01', setting: 'outpatient', payer: 'Aetna' },
      });
      await admin('POST', `/api/encounters/${id}/suggest`);

      await inBrowser(`${spec.name}/coder-queries`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        // A deep link opens the encounter directly.
        await page.goto(`${wb.baseUrl}/#/encounters/${id}`);
        await page.getByRole('button', { name: 'Assign to me' }).click();
        await page.getByText('Assigned to coder').waitFor();

        // The engine asks about the unspecified elements; send the first to the provider.
        const queries = page.getByRole('region', { name: 'Physician queries' });
        await queries.getByLabel('Ask provider').selectOption({ label: 'drlee' });
        await queries.getByRole('button', { name: 'Send to provider' }).first().click();
        await queries.getByText('open', { exact: true }).waitFor();

        // "/" opens the code search to add a code the engine did not propose.
        await page.locator('body').click({ position: { x: 5, y: 300 } });
        await page.keyboard.press('/');
        await page.getByRole('combobox', { name: 'Add a code' }).fill('headache');
        await page.getByRole('option').filter({ hasText: 'R51.9' }).click();
        await expect
          .poll(() => page.locator('.code-list > li[data-code="R51.9"]').getAttribute('data-status'))
          .toBe('added');
        await acceptPending(page);

        // The server refuses to finish while a query is open, and the page says why.
        await page.getByRole('button', { name: 'Finish coding' }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/quer/i);
        expect(await page.getByTestId('encounter-state').textContent()).toBe('in review');
        await screenshot(page, `${spec.name}/11-open-query-blocks`);
        expect(await unlabelledControls(page)).toEqual([]);

        // The provider answers (on their own page: see queries.test.ts); the coder sees it.
        const provider = await apiAs(wb.baseUrl, 'drlee');
        const [asked] = (
          await provider<{ queries: Array<{ id: number; options: string[] }> }>('GET', '/api/queries')
        ).queries;
        await provider('POST', `/api/queries/${asked!.id}/answer`, {
          option: asked!.options[0],
          text: 'Recurrent, moderate.',
        });
        await page.reload();
        await queries.getByText('Recurrent, moderate.').waitFor();
        await page.getByRole('button', { name: 'Finish coding' }).click();
        await expect.poll(() => page.getByTestId('encounter-state').textContent()).toBe('coded');
        await screenshot(page, `${spec.name}/12-query-answered-coded`);
      });
    },
    STEP,
  );

  it(
    'a long history shows its latest events, and "Show all" pages in the rest',
    async () => {
      const admin = await apiAs(wb.baseUrl, 'admin');
      const { id } = await admin<{ id: number }>('POST', '/api/encounters', {
        note: 'ASSESSMENT: Essential hypertension. PLAN: Continue lisinopril.',
        patient: { displayName: 'Okafor, Chidi', birthDate: '1962-08-14', sex: 'M' },
        visit: { dateOfService: '2025-04-02', setting: 'outpatient', payer: 'Aetna' },
      });
      const view = await admin<{ suggestion: { codes: Array<{ code: string }> } }>(
        'POST',
        `/api/encounters/${id}/suggest`,
      );
      const proposed = view.suggestion.codes[0]!.code;
      for (let i = 1; i <= 24; i++)
        await admin('PUT', `/api/encounters/${id}/codes`, {
          codes: [{ code: proposed, sequence: i, status: 'accepted', proposed }],
        });
      const total = 26; // import, suggest, 24 saves

      await inBrowser(`${spec.name}/coder-history`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${id}`);
        const panel = page.locator('details.history');
        await panel.locator('summary').click();
        await expect.poll(() => panel.locator('summary').textContent()).toBe(`History (${total})`);
        await panel.getByText(`Latest 20 of ${total}.`).waitFor();
        expect(await panel.locator('ol > li').count()).toBe(20);
        await panel.getByRole('button', { name: 'Show all' }).click();
        await expect.poll(() => panel.locator('ol > li').count()).toBe(total);
        expect(await panel.locator('ol > li').first().textContent()).toMatch(/import/);
        await screenshot(page, `${spec.name}/13-history-show-all`);
      });
    },
    STEP,
  );

  it(
    'the coder corrects the denied encounter and builds a new claim',
    async () => {
      expect(claimId, 'the biller test denied a claim').toMatch(/^\d+$/);
      await inBrowser(`${spec.name}/coder-correct`, async (page) => {
        await signIn(page, wb.baseUrl, 'coder', PASSWORD);
        await page.goto(`${wb.baseUrl}/#/encounters/${encounterId}`);
        await expect.poll(() => page.getByTestId('encounter-state').textContent()).toBe('denied');
        await page.getByText('Denied: change the codes').waitFor();

        // Take back the rejected code: the encounter becomes corrected.
        const rejected = page.locator('.code-list > li[data-status=rejected]').first();
        const code = await rejected.getAttribute('data-code');
        await rejected.getByRole('button', { name: 'Accept' }).click();
        await expect.poll(() => page.getByTestId('encounter-state').textContent()).toBe('corrected');
        await expect
          .poll(() => page.locator(`.code-list > li[data-code="${code}"]`).getAttribute('data-status'))
          .toBe('accepted');

        await page.getByRole('button', { name: 'Finish coding' }).click();
        await expect.poll(() => page.getByTestId('encounter-state').textContent()).toBe('coded');
        await fillOfficeVisit(page, '1, 2, 3');
        await page.getByRole('button', { name: 'Build claim' }).click();
        await expect.poll(() => page.getByTestId('encounter-state').textContent()).toBe('claim built');
        const link = page.getByRole('link', { name: /^Claim \d+$/ });
        expect(await link.textContent()).not.toBe(`Claim ${claimId}`);
        await screenshot(page, `${spec.name}/13-corrected-claim`);
      });
    },
    STEP,
  );
});

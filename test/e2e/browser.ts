import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, installed by `.ci/run`; the tests fail (never skip) when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots from the run, kept as test artifacts (the folder is git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors, console errors and 5xx answers seen by the page: a test fails on any. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile (its own user-data-dir, so no cookies or cache
 * carry over between roles) at the workbench's target size, 1366×768. Everything that would
 * reach out to the network on its own is switched off.
 */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'medcoder-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  // A 4xx is often expected (GET /api/auth/me before login is 401); a 5xx never is.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      errors.push(`console error: ${msg.text()}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 500) errors.push(`${res.status()} from ${res.request().method()} ${res.url()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves `test-artifacts/e2e/<name>.png`; `name` may hold a folder (one per store). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Signs in through the login form and waits for the signed-in header. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').filter({ hasText: username }).waitFor();
}

/**
 * Runs one role's session in a fresh browser: fails on any page error or 5xx the page saw, and
 * keeps a screenshot of the moment a step failed.
 */
export async function inBrowser(name: string, run: (page: Page) => Promise<void>): Promise<void> {
  const b = await openBrowser();
  try {
    await run(b.page);
    expect(b.errors).toEqual([]);
  } catch (err) {
    await screenshot(b.page, `${name}-failure`).catch(() => undefined);
    if (b.errors.length) console.error(b.errors.join('\n'));
    throw err;
  } finally {
    await b.close();
  }
}

/**
 * Form controls and buttons on the page that a screen reader could not name: no <label>, no
 * aria-label / aria-labelledby, and (for buttons and links) no text. Returns a short description of each.
 */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.locator('input, select, textarea, button, a[href]').evaluateAll((els) =>
    els
      .filter((el) => {
        const labels = (el as unknown as { labels?: ArrayLike<unknown> | null }).labels;
        const named = el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby');
        const text = (el.tagName === 'BUTTON' || el.tagName === 'A') && el.textContent?.trim();
        return !named && !text && (labels?.length ?? 0) === 0;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

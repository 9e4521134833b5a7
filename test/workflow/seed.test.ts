import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { workflowContext } from '../../src/workflow/context.js';
import { attemptLogin } from '../../src/workflow/login.js';
import { seedReportLines, seedWorkbench } from '../../src/workflow/seed.js';
import { testEngines } from '../server/harness.js';
import { openScratch, scratchStores } from '../support/stores.js';

/**
 * The demo seed as `medcoder start` runs it: the first start creates the four accounts and shows
 * each password once; a later start shows none (they are kept nowhere) and says how to set one.
 */
describe.each(scratchStores())('demo seed passwords ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  }, 120_000);
  afterAll(async () => store?.close());

  it('are shown on the start that creates the accounts, and never again', async () => {
    const ctx = workflowContext(store, await testEngines());
    const first = await seedWorkbench(ctx);
    expect(first.accounts.map((a) => a.username)).toEqual(['admin', 'coder', 'biller', 'auditor']);
    for (const a of first.accounts) {
      expect(a.password, a.username).toBeDefined();
      expect((await attemptLogin(store.db, a.username, a.password!, null)).ok, a.username).toBe(true);
    }
    const firstLines = seedReportLines(first.accounts);
    expect(firstLines).toHaveLength(4);
    expect(firstLines[0]).toContain(`password: ${first.accounts[0]!.password}`);

    const again = await seedWorkbench(ctx);
    expect(again.accounts.every((a) => a.password === undefined)).toBe(true);
    expect(again.encountersCreated).toBe(0);
    const lines = seedReportLines(again.accounts).join('\n');
    for (const a of first.accounts) expect(lines).not.toContain(a.password!);
    expect(lines).toMatch(/admin\s+admin\s+\(existing account\)/);
    expect(lines).toContain('medcoder user password <username>');
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLines } from '../../src/edits/claim.js';
import type { DiagnosisFacts } from '../../src/edits/diagnosis-facts.js';
import { icd10cmClaimEdits } from '../../src/edits/icd10cm-claim.js';
import { terminologyDiagnosisFacts } from '../../src/edits/terminology-facts.js';
import { openStore, type Store } from '../../src/store/index.js';
import { loadTerminology } from '../../src/terminology/index.js';
import { importedStores, openScratch, scratchStores } from '../support/stores.js';
import { seedFixture } from '../terminology/fixture.js';
import { claimOf, line } from './helpers.js';

describe('DiagnosisFacts from the terminology service', () => {
  const spec = scratchStores()[0]!;
  let store: Store;
  let facts: DiagnosisFacts;
  beforeAll(async () => {
    store = await openScratch(spec);
    await seedFixture(store.db);
    facts = terminologyDiagnosisFacts(await loadTerminology(store.db, { date: '2023-03-15' }));
  });
  afterAll(async () => {
    await store?.close();
  });

  it.each([
    ['E11.9', 'billable'],
    ['E11', 'header'],
    ['S72.001', 'needs-seventh'],
    ['S72.001A', 'billable'],
    ['E11.99', 'unknown'],
  ])('%s is %s', (code, status) => {
    expect(facts.lookup(code, '2023-03-15').status).toBe(status);
  });

  it('carries inherited Excludes1 and code-first notes', () => {
    const e119 = facts.lookup('E11.9', '2023-03-15');
    expect('fact' in e119 && e119.fact.excludes1).toContain('type 1 diabetes mellitus (E10.-)');
    const i509 = facts.lookup('I50.9', '2023-03-15');
    expect('fact' in i509 && i509.fact.codeFirst.join(' ')).toContain('(I11.0)');
  });

  it('answers no-release outside the loaded release window', () => {
    expect(facts.lookup('E11.9', '2024-01-01').status).toBe('no-release');
  });

  it('drives the claim edits', () => {
    const claim = claimOf({
      diagnoses: ['E11.9', 'E10.9', 'E11'],
      lines: [line('99213', { pointers: [1, 2, 3] })],
    });
    expect(icd10cmClaimEdits(claim, resolveLines(claim), facts).map((f) => [f.rule, f.codes])).toEqual([
      ['ICD-HEADER', ['E11']],
      ['ICD-EXCLUDES1', ['E11.9', 'E10.9']],
      ['ICD-EXCLUDES1', ['E10.9', 'E11']],
    ]);
  });
});

describe.each(importedStores())(
  'DiagnosisFacts by date of service on the imported releases ($name)',
  (spec) => {
    let store: Store;
    let facts: DiagnosisFacts;
    beforeAll(async () => {
      store = await openStore(spec.options);
      facts = terminologyDiagnosisFacts(await loadTerminology(store.db));
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it('checks a FY2026 claim against the FY2026 codes, with notes from the newest Tabular', () => {
      const ea = facts.lookup('E11.A', '2026-03-01');
      expect(ea.status).toBe('billable');
      if ('fact' in ea) {
        expect(ea.fact).toMatchObject({ code: 'E11.A', chapter: 4 });
        expect(ea.fact.title).toBe('Type 2 diabetes mellitus without complications in remission');
        expect(ea.fact.excludes1.join(' ')).toMatch(/type 1 diabetes mellitus/i);
      }
      // Billable in FY2023, a header since FY2025.
      expect(facts.lookup('C83.39', '2023-03-01').status).toBe('billable');
      expect(facts.lookup('C83.39', '2026-03-01').status).toBe('header');
      expect(facts.lookup('E11.A', '2023-03-01').status).toBe('unknown');
    });

    it('answers no-release for a date after every imported release', () => {
      expect(facts.lookup('E11.9', '2026-12-06').status).toBe('no-release');
    });
  },
);

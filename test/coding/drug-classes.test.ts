/**
 * The drug-class table (src/coding/drug-classes.ts) against the imported Table of Drugs and
 * Chemicals: every class query reaches a Table row with codes, and every drug listed is one the
 * Table does not name itself (otherwise its own row must win). Then whole notes that name a drug
 * only its class codes.
 */
import { describe, expect, it } from 'vitest';
import { DRUG_CLASSES } from '../../src/coding/icd10cm/drug-classes.js';
import { openStore } from '../../src/store/index.js';
import { loadTerminology } from '../../src/terminology/index.js';
import { importedStores } from '../support/stores.js';
import { engineFor } from './fixtures.js';

const base = { setting: 'outpatient', dateOfService: '2023-03-02', age: 54, sex: 'M' } as const;

describe.each(importedStores())('drug classes ($name)', (spec) => {
  it('every class query names a Table row, and no listed drug has a row of its own', async () => {
    const store = await openStore(spec.options);
    try {
      const t = await loadTerminology(store.db, { fiscalYear: 2023 });
      for (const query of new Set(DRUG_CLASSES.values())) {
        const r = t.drugLookup(query);
        expect(r?.matched, query).toBe(true);
        expect(r?.codes.underdosing, query).toMatch(/^T\d\d\.\w+6$/);
        expect(r?.codes.adverseEffect, query).toMatch(/^T\d\d\.\w+5$/);
      }
      for (const drug of DRUG_CLASSES.keys()) {
        const own = t.drugLookup(drug);
        const named = own?.matched && own.path[0]!.title.toLowerCase().startsWith(drug);
        expect(named, `${drug} has its own Table row`).toBeFalsy();
      }
    } finally {
      await store.close();
    }
  });

  const engine = engineFor(spec);
  const cases: Array<[string, string, string[]]> = [
    [
      'underdosing of an atypical antipsychotic',
      'Assessment: Psychosis. Underdosing of quetiapine, stopped taking it two weeks ago.',
      ['T43.596A'],
    ],
    ['adverse effect of an antineoplastic', 'Assessment: Diarrhea due to capecitabine.', ['T45.1X5A']],
    [
      'adverse effect of a direct oral anticoagulant',
      'Assessment: Hematuria secondary to apixaban.',
      ['T45.515A'],
    ],
    [
      'underdosing of an SSRI',
      'Assessment: Depression worse; ran out of sertraline last month.',
      ['T43.226A'],
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const result = engine().code({ ...base, text });
    const codes = result.codes.map((c) => c.code);
    for (const c of expected) expect(codes).toContain(c);
    const t = result.codes.find((c) => c.code === expected[0]);
    expect(t?.rationale.indexPath.join(' > ')).toMatch(/coded by its class/);
  });
});

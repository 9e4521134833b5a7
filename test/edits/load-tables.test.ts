import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCpt } from '../../src/codesets/cpt/import.js';
import { importHcpcs } from '../../src/codesets/hcpcs/import.js';
import { importMue } from '../../src/codesets/mue/import.js';
import { importPtp } from '../../src/codesets/ncci/ptp-import.js';
import { loadScrubTables } from '../../src/edits/load-tables.js';
import { scrubJson } from '../../src/edits/scrub.js';
import type { Store } from '../../src/store/index.js';
import { codesetFile, openScratch, scratchStores } from '../support/stores.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'ncci');

describe.each(scratchStores())('scrub tables from the store ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
    await importHcpcs(store, codesetFile('hcpcs/2019/2019-Alpha-Numeric-HCPCS-File.zip'), {
      progress: false,
    });
    await importMue(
      store,
      codesetFile('mue/2024-07-01-derived/MCR_MUE_PractitionerServices_Eff_07-01-2024.DERIVED.csv'),
      {
        progress: false,
      },
    );
    await importPtp(store, join(fixtures, 'SYNTHETIC-ccipra-v311r0-f1.txt'), {
      progress: false,
      effective: '2024-07-01',
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('loads only the claim codes, from the releases in effect on the date of service', async () => {
    const { tables, releases } = await loadScrubTables(store.db, {
      date: '2024-08-01',
      codes: ['11042', '97597', 'A0425'],
    });
    expect(releases).toMatchObject({
      hcpcs: '2019-01-01',
      mue: { practitioner: '2024-07-01' },
      ptp: { practitioner: '2024-07-01' },
    });
    expect([...tables.ptp.practitioner].map(([c1, m]) => [c1, [...m.keys()]])).toEqual([
      ['11042', ['97597']],
    ]);
    expect([...tables.mue.practitioner.keys()].sort()).toEqual(['11042', '97597', 'A0425']);
    expect([...tables.hcpcs.keys()]).toEqual(['A0425']);
    expect(tables.modifiers.has('RT')).toBe(true);
    expect(tables.cpt).toBeNull();
  });

  it('uses no MUE or PTP release before their effective date', async () => {
    const { tables, releases } = await loadScrubTables(store.db, { date: '2024-06-30', codes: ['11042'] });
    expect(releases.mue.practitioner).toBeNull();
    expect(releases.ptp.practitioner).toBeNull();
    expect(tables.mue.practitioner.size).toBe(0);
  });

  it('scrubs a claim end to end from the store', async () => {
    const claim = {
      patient: { birthDate: '1950-01-01', sex: 'M' },
      dateOfService: '2024-08-01',
      submissionDate: '2024-08-02',
      placeOfService: '11',
      diagnoses: ['L97.412'],
      lines: [
        { code: '11042', chargeCents: 30000, pointers: [1], units: 2 },
        { code: '97597', chargeCents: 15000, pointers: [1] },
      ],
    };
    const { tables, releases } = await loadScrubTables(store.db, {
      date: '2024-08-01',
      codes: ['11042', '97597'],
    });
    const result = scrubJson(claim, { tables, today: '2024-08-02', hcpcsEffective: releases.hcpcs! });
    expect(result.findings.map((f) => [f.rule, f.lines])).toEqual([
      ['MUE-DOS-POLICY', [1]],
      ['NCCI-PTP-1', [1, 2]],
    ]);
    expect(result.skipped).toEqual(['icd10cm-claim: no ICD-10-CM release loaded']);
  });

  it('checks CPT codes against an imported CPT file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpt-'));
    const file = join(dir, 'cpt-2024.csv');
    writeFileSync(file, 'code,short_descriptor,long_descriptor\n11042,TEST A,Test A\n');
    await importCpt(store, file);
    const { tables } = await loadScrubTables(store.db, { date: '2024-08-01', codes: ['11042', '97597'] });
    expect([...(tables.cpt?.keys() ?? [])]).toEqual(['11042']);
  });
});

import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodingEngine } from '../../src/coding/engine.js';
import { inlineCoder, startEngineThreads } from '../../src/coding/engine-threads.js';
import type { CodingEngine, NoteInput } from '../../src/coding/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import { importedStores } from '../support/stores.js';

const INPATIENT: NoteInput = {
  text: 'PROCEDURE: Laparoscopic cholecystectomy. The gallbladder was removed intact.',
  setting: 'inpatient',
  dateOfService: '2026-01-15',
  age: 54,
  sex: 'F',
};
const OUTPATIENT: NoteInput = {
  text: 'Assessment: acute low back pain.\nPlan: Ketorolac 30 mg IM given in the right gluteus.',
  setting: 'outpatient',
  dateOfService: '2026-02-10',
  age: 40,
  sex: 'M',
};

/** The store, with a count of the statements that read each of the given tables. */
function counting(store: Store, tables: readonly string[]): { store: Store; reads: Map<string, number> } {
  const reads = new Map(tables.map((t) => [t, 0]));
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const node = JSON.stringify(args.node);
      for (const t of tables) if (node.includes(`"name":"${t}"`)) reads.set(t, (reads.get(t) ?? 0) + 1);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { store: { ...store, db: store.db.withPlugin(plugin) }, reads };
}

describe.each(importedStores())('coding engine loading procedure code sets on demand ($name)', (spec) => {
  let store: Store;
  let eager: CodingEngine;
  beforeAll(async () => {
    store = await openStore(spec.options);
    eager = await createCodingEngine(store);
  }, 180_000);
  afterAll(async () => {
    await store?.close();
  });

  it('reads no PCS code or HCPCS record at start-up; the first note of each setting loads its release once, shared by callers at the same time; results as the eager engine', async () => {
    const { store: watched, reads } = counting(store, ['icd10pcs_code', 'icd10pcs_label', 'hcpcs_code']);
    const engine = await createCodingEngine(watched, { procedureData: 'on-demand' });
    expect(Object.fromEntries(reads)).toEqual({ icd10pcs_code: 0, icd10pcs_label: 0, hcpcs_code: 0 });

    await Promise.all([engine.prepare!(INPATIENT), engine.prepare!(INPATIENT), engine.prepare!(INPATIENT)]);
    expect(Object.fromEntries(reads)).toEqual({ icd10pcs_code: 1, icd10pcs_label: 1, hcpcs_code: 0 });
    const inpatient = engine.code(INPATIENT);
    expect(inpatient.procedures?.map((p) => p.code)).toContain('0FT44ZZ');
    expect(inpatient).toEqual(eager.code(INPATIENT));

    await Promise.all([engine.prepare!(OUTPATIENT), engine.prepare!(OUTPATIENT)]);
    expect(Object.fromEntries(reads)).toEqual({ icd10pcs_code: 1, icd10pcs_label: 1, hcpcs_code: 1 });
    const outpatient = engine.code(OUTPATIENT);
    expect(outpatient.procedures?.map((p) => p.code)).toEqual(expect.arrayContaining(['J1885', '96372']));
    expect(outpatient).toEqual(eager.code(OUTPATIENT));

    // Loaded once: later notes of the same releases read nothing more.
    await engine.prepare!(INPATIENT);
    await engine.prepare!(OUTPATIENT);
    expect(Object.fromEntries(reads)).toEqual({ icd10pcs_code: 1, icd10pcs_label: 1, hcpcs_code: 1 });
  }, 120_000);

  it('the async coder loads before coding; code() alone on a note whose release is not loaded says so', async () => {
    const engine = await createCodingEngine(store, { procedureData: 'on-demand' });
    const early = engine.code(INPATIENT);
    expect(early.procedures?.map((p) => p.system)).not.toContain('ICD-10-PCS');
    expect(early.warnings.join('\n')).toMatch(/pcs procedure coding failed: .* is not loaded yet/);
    const coder = inlineCoder(engine);
    expect(await coder.code(INPATIENT)).toEqual(eager.code(INPATIENT));
    expect(await coder.code(OUTPATIENT)).toEqual(eager.code(OUTPATIENT));
  }, 120_000);

  it('on an engine thread: notes arriving together share the loads and code as the eager engine', async () => {
    const threads = await startEngineThreads(store, { threads: 1, procedureData: 'on-demand' });
    try {
      const notes = [INPATIENT, OUTPATIENT, INPATIENT, OUTPATIENT];
      const results = await Promise.all(notes.map((n) => threads.code(n)));
      for (const [i, r] of results.entries()) expect(r).toEqual(eager.code(notes[i]!));
    } finally {
      await threads.close();
    }
  }, 180_000);
});

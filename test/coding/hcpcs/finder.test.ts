import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHcpcs } from '../../../src/codesets/hcpcs/import.js';
import { createHcpcsFinder, type HcpcsFinderOptions } from '../../../src/coding/hcpcs/index.js';
import type { ProcedureFinder } from '../../../src/coding/procedure-finder.js';
import type { NoteInput } from '../../../src/coding/types.js';
import { analyzeNote } from '../../../src/nlp/index.js';
import type { Store } from '../../../src/store/index.js';
import { openStore } from '../../../src/store/index.js';
import { codesetFile, importedStores, openScratch, scratchStores } from '../../support/stores.js';

function run(finder: ProcedureFinder, text: string, input: Partial<NoteInput> = {}) {
  const note: NoteInput = {
    text,
    setting: 'outpatient',
    dateOfService: '2026-02-10',
    age: 50,
    sex: 'F',
    ...input,
  };
  return finder.find({ input: note, analysis: analyzeNote(text), diagnoses: [] });
}

const lines = (r: ReturnType<typeof run>) => r.procedures.map((p) => `${p.system} ${p.code} x${p.units}`);

describe.each(importedStores())(
  'HCPCS finder on the imported HCPCS 2019 and January 2026 files ($name)',
  (spec) => {
    let store: Store;
    let finder: ProcedureFinder;
    const make = (options?: HcpcsFinderOptions) => createHcpcsFinder(store, options);
    beforeAll(async () => {
      store = await openStore(spec.options);
      finder = await make();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('ketorolac 30 mg IM: J1885 (per 15 mg) x2 with its CMS title and arithmetic, and 96372 as a bare CPT number', () => {
      const text = 'Assessment: acute low back pain.\nPlan: Ketorolac 30 mg IM given in the right gluteus.';
      const r = run(finder, text);
      expect(lines(r)).toEqual(['HCPCS J1885 x2', 'CPT 96372 x1']);
      const [drug, admin] = r.procedures;
      expect(drug).toMatchObject({
        title: 'Injection, ketorolac tromethamine, per 15 mg',
        rationale: {
          units: {
            dose: { value: 30, unit: 'mg' },
            perUnit: { value: 15, unit: 'mg' },
            arithmetic: '30 mg ÷ 15 mg = 2 → 2 units',
          },
        },
      });
      expect(drug?.evidence.map((e) => e.text)).toEqual(['Ketorolac', '30 mg', 'IM']);
      for (const e of drug?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(admin?.title).toBeUndefined();
      expect(r.queries).toEqual([]);
    });

    it('ceftriaxone 1 g IM: J0696 (per 250 mg) x4, the gram converted', () => {
      const r = run(finder, 'Gonococcal urethritis. Ceftriaxone 1 g IM administered in clinic today.');
      expect(lines(r)).toEqual(['HCPCS J0696 x4', 'CPT 96372 x1']);
      expect(r.procedures[0]?.rationale.units?.arithmetic).toBe(
        '1 g ÷ 0.25 g (250 mg = 0.25 g) = 4 → 4 units',
      );
    });

    it('two intramuscular injections are two units of 96372', () => {
      const r = run(finder, 'Toradol 60 mg IM and Rocephin 500 mg IM were given.');
      expect(lines(r)).toEqual(['HCPCS J1885 x4', 'HCPCS J0696 x2', 'CPT 96372 x2']);
    });

    it('a drug given without a dose: a query for the dose and no guessed units', () => {
      const r = run(finder, 'Plan: ketorolac IM given for pain.');
      expect(r.procedures).toEqual([]);
      expect(r.queries).toHaveLength(1);
      expect(r.queries[0]).toMatchObject({ element: 'dose', affectedCodes: ['J1885'] });
      expect(r.queries[0]?.question).toContain('per 15 mg');
    });

    it('a drug given without a route: a query for the route', () => {
      const r = run(finder, 'Ceftriaxone 1 g given.');
      expect(r.procedures).toEqual([]);
      expect(r.queries.map((q) => q.element)).toEqual(['route']);
    });

    it('never suggests a code terminated before the date of service (J1030 ended 2024-03-31)', () => {
      const text = 'Depo-Medrol 40 mg IM given.';
      expect(lines(run(finder, text, { dateOfService: '2026-02-10' }))).toEqual([
        'HCPCS J1010 x40',
        'CPT 96372 x1',
      ]);
      // 2023 is answered by the 2019 file, where J1030 (40 mg) was the code.
      expect(lines(run(finder, text, { dateOfService: '2023-02-10' }))).toEqual([
        'HCPCS J1030 x1',
        'CPT 96372 x1',
      ]);
    });

    it('asks for the form when the note names the drug but not which of its coded forms', () => {
      const r = run(finder, 'Methylprednisolone 40 mg IM given.');
      expect(r.procedures).toEqual([]);
      expect(r.queries[0]).toMatchObject({ element: 'drug form', affectedCodes: ['J1010', 'J2919'] });
    });

    it('bills nothing for oral drugs, prescriptions, plans and refusals', () => {
      for (const text of [
        'Ondansetron 4 mg PO given in clinic.',
        'Prescribed ketorolac 10 mg PO q6h for 5 days.',
        'Will give ceftriaxone 1 g IM at the next visit.',
        'Medications: ketorolac 30 mg IM monthly.',
        'Patient declined the ketorolac 30 mg IM injection.',
      ]) {
        const r = run(finder, text);
        expect(r.procedures, text).toEqual([]);
      }
    });

    it("bills no drug or vaccine lines for an inpatient stay (they are the hospital's, within the stay)", () => {
      const r = run(finder, 'Ceftriaxone 1 g IV infused over 30 minutes. Hepatitis B vaccine given.', {
        setting: 'inpatient',
        age: 70,
      });
      expect(r).toEqual({ procedures: [], queries: [] });
    });

    it('chemotherapy: the drug by its amount, a dose per m2 asked for in total, no admin code derived, past cycles not billed', () => {
      // 2026: the not-otherwise-specified code (per 5 mg) among the manufacturers' codes.
      expect(lines(run(finder, 'Cyclophosphamide 1,200 mg IV infused over 60 minutes.'))).toEqual([
        'HCPCS J9075 x240',
      ]);
      const perArea = run(finder, 'Cyclophosphamide 600 mg/m2 IV infused over 60 minutes.');
      expect(perArea.procedures).toEqual([]);
      expect(perArea.queries[0]?.question).toContain('600 mg/m2');
      expect(
        run(finder, 'On FOLFOX-bevacizumab (cycle 8 given 1/3); here to review restaging CT.').procedures,
      ).toEqual([]);
      // A blood pressure is not a date.
      expect(lines(run(finder, 'Ketorolac 30 mg IM given, BP 150/90 at the time.'))).toEqual([
        'HCPCS J1885 x2',
        'CPT 96372 x1',
      ]);
    });

    it('intravenous push and infusion administration codes', () => {
      const push = run(finder, 'Ondansetron 4 mg IV push given, then famotidine 20 mg IV push given.');
      expect(lines(push)).toEqual(['HCPCS J2405 x4', 'HCPCS J1308 x80', 'CPT 96374 x1', 'CPT 96375 x1']);
      const infusion = run(finder, 'Vancomycin 1 g IV infused over 100 minutes.');
      expect(lines(infusion)).toEqual(['HCPCS J3373 x100', 'CPT 96365 x1', 'CPT 96366 x1']);
      const untimed = run(finder, 'Vancomycin 1 g IV infusion given.');
      expect(lines(untimed)).toEqual(['HCPCS J3373 x100']);
      expect(untimed.queries.map((q) => q.element)).toEqual(['infusion time']);
    });

    it('a joint injection: the drug by its brand, 20610 for the knee, the local anesthetic not billed', () => {
      const text =
        'Procedure: right knee injected with Kenalog 40 mg and lidocaine 1% 3 mL under sterile conditions.';
      const r = run(finder, text);
      expect(lines(r)).toEqual(['HCPCS J3301 x4', 'CPT 20610 x1']);
      expect(r.procedures[1]?.evidence.map((e) => e.text)).toContain('knee');
      expect(r.queries).toEqual([]);
    });

    it('vaccines for a Medicare patient: G0008 and G0009 from the file', () => {
      const r = run(finder, 'Flu vaccine administered today. Prevnar 20 given in left deltoid.', { age: 70 });
      expect(lines(r)).toEqual(['HCPCS G0008 x1', 'HCPCS G0009 x1']);
      expect(r.procedures[0]).toMatchObject({ title: 'Administration of influenza virus vaccine' });
      expect(r.procedures[0]?.rationale.details).toContain(
        'Medicare assumed: patient aged 70 (no payer given)',
      );
    });

    it('vaccines for another payer: 90471 and 90472; a refused vaccine is not billed', async () => {
      const r = run(
        finder,
        'Immunizations today: Tdap, flu shot - VIS given. Declined the pneumococcal vaccine.',
        { age: 40 },
      );
      expect(lines(r)).toEqual(['CPT 90471 x1', 'CPT 90472 x1']);
      const medicare = await make({ payer: 'medicare' });
      expect(lines(run(medicare, 'Hepatitis B vaccine #2 given.', { age: 40 }))).toEqual(['HCPCS G0010 x1']);
      const none = await make({ administrationCodes: false });
      expect(lines(run(none, 'Ketorolac 30 mg IM given.'))).toEqual(['HCPCS J1885 x2']);
    });
  },
);

describe.each(scratchStores())('HCPCS finder on the January 2026 file alone ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
    await importHcpcs(store, codesetFile('hcpcs/2026/january-2026-alpha-numeric-hcpcs-file.zip'), {
      progress: false,
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('uses the termination date of a record: J1030 before 2024-04-01, J1010 (added then) after', async () => {
    const finder = await createHcpcsFinder(store);
    const text = 'Depo-Medrol 40 mg IM given.';
    const before = run(finder, text, { dateOfService: '2024-02-01' });
    expect(lines(before)).toEqual(['HCPCS J1030 x1', 'CPT 96372 x1']);
    // The file is older than the date it answers for: the rationale says so.
    expect(before.procedures[0]?.rationale.details.join(' ')).toContain(
      'codes added or ended since are not known',
    );
    expect(lines(run(finder, text, { dateOfService: '2024-06-01' }))).toEqual([
      'HCPCS J1010 x40',
      'CPT 96372 x1',
    ]);
  });
});

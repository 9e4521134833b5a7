import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPcsFinder } from '../../../src/coding/pcs/index.js';
import type { ProcedureFinder, ProcedureFindings } from '../../../src/coding/procedure-finder.js';
import { analyzeNote } from '../../../src/nlp/index.js';
import { openStore } from '../../../src/store/index.js';
import { PcsNotImportedError } from '../../../src/terminology/pcs/index.js';
import { importedStores, openScratch, scratchStores } from '../../support/stores.js';

const DOS = '2026-01-15';

describe.each(importedStores())('ICD-10-PCS finder on the FY2026 tables ($name)', (spec) => {
  let finder: ProcedureFinder;
  beforeAll(async () => {
    const store = await openStore(spec.options);
    try {
      finder = await createPcsFinder(store);
    } finally {
      await store.close();
    }
  }, 120_000);

  const find = (text: string, setting: 'inpatient' | 'outpatient' = 'inpatient'): ProcedureFindings =>
    finder.find({
      input: { text, setting, dateOfService: DOS, age: 54, sex: 'F' },
      analysis: analyzeNote(text),
      diagnoses: [],
    });
  const codes = (f: ProcedureFindings) => f.procedures.map((p) => p.code);

  it('laparoscopic cholecystectomy: Resection of Gallbladder, Percutaneous Endoscopic, every axis explained', () => {
    const text = 'PROCEDURE: Laparoscopic cholecystectomy. The gallbladder was removed intact.';
    const found = find(text);
    expect(codes(found)).toEqual(['0FT44ZZ']);
    const p = found.procedures[0]!;
    expect(p).toMatchObject({
      system: 'ICD-10-PCS',
      title: 'Resection of Gallbladder, Percutaneous Endoscopic Approach',
      units: 1,
      modifiers: [],
    });
    expect(p.rationale.rule).toMatch(/^ICD-10-PCS Official Guidelines B3\.8: /);
    expect(p.rationale.pcs!.map((a) => `${a.position} ${a.name} ${a.value} ${a.label}`)).toEqual([
      '1 Section 0 Medical and Surgical',
      '2 Body System F Hepatobiliary System and Pancreas',
      '3 Operation T Resection',
      '4 Body Part 4 Gallbladder',
      '5 Approach 4 Percutaneous Endoscopic',
      '6 Device Z No Device',
      '7 Qualifier Z No Qualifier',
    ]);
    const approach = p.rationale.pcs!.find((a) => a.name === 'Approach')!;
    expect(approach.evidence?.map((e) => e.text)).toEqual(['Laparoscopic']);
    for (const e of p.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(p.rationale.details.join('\n')).toContain(
      'Device Z No Device: the only device this table allows here',
    );
  });

  it('open appendectomy: Resection of Appendix, Open; a device left unsaid is No Device (B6.1a)', () => {
    expect(codes(find('Open appendectomy was performed through a McBurney incision.'))).toEqual(['0DTJ0ZZ']);
    expect(codes(find('Open sigmoid colectomy was performed.'))).toEqual(['0DTN0ZZ']);
    const dilation = find('Endoscopic dilation of the esophagus was performed.');
    expect(codes(dilation)).toEqual(['0D758ZZ']);
    expect(dilation.procedures[0]!.rationale.details.join('\n')).toContain(
      'Device Z No Device: no device documented as remaining after the procedure (B6.1a)',
    );
  });

  it('asks for the approach when the note does not give it, instead of guessing', () => {
    const found = find('The patient underwent appendectomy without complications.');
    expect(found.procedures).toEqual([]);
    expect(found.queries).toHaveLength(1);
    const q = found.queries[0]!;
    expect(q.element).toBe('ICD-10-PCS approach');
    expect(q.question).toContain('Open, Percutaneous Endoscopic');
    expect(q.affectedCodes).toEqual(expect.arrayContaining(['0DTJ0ZZ', '0DTJ4ZZ']));
    expect(q.evidence[0]?.text).toBe('appendectomy');
  });

  it('asks which side when a paired organ is removed without one', () => {
    const found = find('An open nephrectomy was performed.');
    expect(found.procedures).toEqual([]);
    expect(found.queries[0]?.element).toBe('ICD-10-PCS laterality');
    expect(found.queries[0]?.affectedCodes).toEqual(expect.arrayContaining(['0TT00ZZ', '0TT10ZZ']));
    expect(codes(find('A right open nephrectomy was performed.'))).toEqual(['0TT00ZZ']);
  });

  it('part of a body part, or a tumour of it, is Excision (B3.8); a biopsy is Diagnostic (B3.4a)', () => {
    expect(codes(find('Open partial gastrectomy was performed.'))).toEqual(['0DB60ZZ']);
    expect(codes(find('Transurethral resection of the bladder tumor was performed.'))).toEqual(['0TBB8ZZ']);
    const biopsy = find('Open biopsy of the liver was obtained.');
    expect(codes(biopsy)).toEqual(['0FB00ZX']);
    expect(biopsy.procedures[0]!.rationale.rule).toMatch(/B3\.4a/);
  });

  it('endoscopies inspect through a natural opening; imaging takes its type and region', () => {
    expect(codes(find('Colonoscopy showed diverticula.'))).toEqual(['0DJD8ZZ']);
    expect(codes(find('Cystoscopy was performed.'))).toEqual(['0TJB8ZZ']);
    expect(codes(find('Chest X-ray showed no infiltrate.'))).toEqual(['BW03ZZZ']);
    const ct = find('CT of the abdomen and pelvis revealed a mass.');
    expect(ct.procedures).toEqual([]);
    expect(ct.queries[0]?.element).toBe('ICD-10-PCS contrast');
    expect(ct.queries[0]?.affectedCodes.every((c) => c.startsWith('BW21'))).toBe(true);
  });

  it('leaves out what was not done in this stay, and outpatient encounters', () => {
    expect(find('History of appendectomy. Denies cholecystectomy.')).toEqual({ procedures: [], queries: [] });
    expect(find('PAST SURGICAL HISTORY: laparoscopic cholecystectomy.')).toEqual({
      procedures: [],
      queries: [],
    });
    expect(find('Laparoscopic cholecystectomy.', 'outpatient')).toEqual({ procedures: [], queries: [] });
  });

  it('codes one procedure once however often the note names it', () => {
    const found = find('Laparoscopic cholecystectomy. The laparoscopic cholecystectomy was uneventful.');
    expect(codes(found)).toEqual(['0FT44ZZ']);
    expect(found.procedures[0]!.evidence.filter((e) => e.text === 'cholecystectomy')).toHaveLength(2);
  });
});

describe.each(scratchStores())('ICD-10-PCS finder without PCS tables ($name)', (spec) => {
  let store: Awaited<ReturnType<typeof openScratch>>;
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });
  it('fails at construction, saying how to import', async () => {
    await expect(createPcsFinder(store)).rejects.toThrow(PcsNotImportedError);
    await expect(createPcsFinder(store)).rejects.toThrow(/medcoder import/);
  });
});

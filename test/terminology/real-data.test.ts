import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { loadTerminology } from '../../src/terminology/index.js';
import type { Icd10cmTerminology, InvalidCode } from '../../src/terminology/types.js';
import { importedStores } from '../support/stores.js';

/**
 * The terminology over the official files as `npm test`'s setup imports them: FY2021 (tabular +
 * order), FY2023 (tabular + index), FY2025 (drug, neoplasm, eindex). Expected codes are the ones
 * a coder would reach in the FY2023 Tabular and Index.
 */
for (const spec of importedStores()) {
  describe(`terminology on the imported releases (${spec.name})`, () => {
    let store: Store;
    let t: Icd10cmTerminology;
    beforeAll(async () => {
      store = await openStore(spec.options);
      t = await loadTerminology(store.db);
    }, 120_000);
    afterAll(async () => store?.close());

    const codes = (q: string, limit = 5) => t.search(q, { limit }).map((h) => h.code);
    const problem = (code: string, date?: string): InvalidCode | undefined =>
      t.validate([code], date ? { date } : {})[0]?.problem;

    it('reports how long loading took', () => {
      const timings = t.loadTimings;
      expect(timings).toBeDefined();
      for (const ms of [timings?.totalMs, timings?.queryMs, timings?.buildMs]) {
        expect(Number.isFinite(ms)).toBe(true);
      }
      console.log(`terminology load on ${spec.name}: ${JSON.stringify(timings)}`);
    });

    it('chooses FY2023 for codes and index, FY2025 for the tables', () => {
      expect(t.selection.codes.release.fiscalYear).toBe(2023);
      expect(t.selection.index?.release.fiscalYear).toBe(2023);
      expect(t.selection.eindex?.release.fiscalYear).toBe(2025);
      expect(t.selection.drug?.release.fiscalYear).toBe(2025);
      expect(t.selection.neoplasm?.release.fiscalYear).toBe(2025);
    });

    it('ranks E11.65 first for "type 2 diabetes with hyperglycemia", in any word order', () => {
      expect(codes('type 2 diabetes with hyperglycemia')[0]).toBe('E11.65');
      expect(codes('hyperglycemia diabetes type 2')[0]).toBe('E11.65');
      expect(codes('T2DM with hyperglycemia')[0]).toBe('E11.65');
    });

    it('expands clinical abbreviations', () => {
      expect(codes('htn')[0]).toBe('I10');
      expect(codes('chf', 3)).toContain('I50.9');
      const first: Array<[string, string]> = [
        ['copd', 'J44.9'],
        ['afib', 'I48.91'],
        ['osa', 'G47.33'],
        ['ckd', 'N18.9'],
        ['uti', 'N39.0'],
        ['mi', 'I21.9'],
        ['dm2', 'E11.9'],
      ];
      for (const [q, code] of first) expect(codes(q)[0], q).toBe(code);
      expect(codes('copd exacerbation')[0]).toBe('J44.1');
      expect(codes('ckd stage 3', 2)).toContain('N18.30');
    });

    it('reads the letter A of "hepatitis A", "vitamin A", "type A" (not the article)', () => {
      expect(codes('hepatitis a')[0]).toBe('B15.9');
      expect(codes('hepatitis A', 3)).toEqual(['B15.9', 'B15', 'B15.0']);
      expect(codes('vitamin a deficiency', 3)).toEqual(['E50.9', 'E64.1', 'E50']);
      expect(codes('type a behavior')[0]).toBe('Z73.1');
      expect(codes('influenza a')[0]).toBe('J10');
      // Without the letter, the general code still leads; the article "a" still says nothing.
      expect(codes('hepatitis')[0]).toBe('K75.9');
      expect(codes('a history of hepatitis')[0]).toBe(codes('history of hepatitis')[0]);
      expect(codes('a')).toEqual([]);
    });

    it('tolerates typos', () => {
      const dm = codes('diabetis mellitus type 2', 3);
      expect(dm).toContain('E11.9');
      expect(dm.every((c) => c.startsWith('E11'))).toBe(true);
      expect(codes('hypertenson')[0]).toBe('I10');
      expect(codes('diabetis mellitus type 2 hyperglycemia')[0]).toBe('E11.65');
    });

    it('finds femur neck fractures under S72.0', () => {
      for (const q of ['femur neck fracture', 'fracture of neck of femur']) {
        const hits = codes(q, 3);
        expect(hits).toHaveLength(3);
        expect(
          hits.every((c) => c.startsWith('S72.0')),
          q,
        ).toBe(true);
      }
    });

    it('goes straight to a code or code prefix, with or without the dot, in any case', () => {
      for (const q of ['E11.22', 'e1122', ' e11.22 ']) expect(codes(q, 3), q).toEqual(['E11.22']);
      expect(codes('I10')[0]).toBe('I10');
      expect(codes('J18.9')).toEqual(['J18.9']);
      // A category, then its children level by level (E11.0 … E11.9 before E11.00).
      const e11 = t.search('E11', { limit: 12 });
      expect(e11[0]).toMatchObject({ code: 'E11', source: 'code' });
      expect(e11.slice(1, 11).map((h) => h.code)).toEqual([
        'E11.0',
        'E11.1',
        'E11.2',
        'E11.3',
        'E11.4',
        'E11.5',
        'E11.6',
        'E11.8',
        'E11.9',
        'E11.00',
      ]);
      expect(codes('s720', 3)).toEqual(['S72.0', 'S72.00', 'S72.01']);
      expect(codes('E11.65', 5)).toEqual(['E11.65']);
      expect(t.search('E11', { billableOnly: true, limit: 3 }).every((h) => h.billable)).toBe(true);
      // A code only in a newer release's codes file (FY2026 E11.A) is still found by code.
      expect(t.search('E11.A')[0]).toMatchObject({
        code: 'E11.A',
        source: 'code',
        release: 'ICD-10-CM FY2026',
      });
      // Not a code in this release: words again ("B12" is a vitamin, not a category).
      expect(codes('B12', 10)).toContain('D51.9');
    });

    it('searches the Index with its "see" references and lay words, showing the Index path', () => {
      const attack = t.search('heart attack', { limit: 3 });
      expect(attack[0]?.code).toBe('I21.9');
      expect(attack[0]?.path).toMatch(/^Attack, attacks › heart › see infarct, myocardium$/i);
      const hip = t.search('broken hip', { limit: 5 });
      expect(hip[0]?.code).toBe('S72.00');
      expect(hip[0]?.path).toMatch(/Fracture, traumatic › hip/);
      expect(hip.slice(0, 3).some((h) => h.code.startsWith('T84'))).toBe(false);
      const colon = t.search('acquired absence of colon', { limit: 3 });
      expect(colon[0]?.code).toBe('Z90.49');
      expect(colon[0]?.path).toBe('Absence › intestine › large');
      expect(codes('acquired absence of large intestine', 1)).toEqual(['Z90.49']);
    });

    it('looks up E11.22 in any spelling with its own and inherited notes', () => {
      for (const input of ['E11.22', 'e1122', ' e11.22 ']) expect(t.lookup(input)?.code).toBe('E11.22');
      const d = t.lookup('E11.22');
      expect(d).toMatchObject({
        billable: true,
        header: false,
        chapter: { num: 4 },
        section: { id: 'E08-E13' },
      });
      expect(d?.ancestors.map((a) => a.code)).toEqual(['E11', 'E11.2']);
      const additional = d?.notes.filter((n) => n.kind === 'useAdditionalCode') ?? [];
      expect(additional.find((n) => !n.inherited)?.text).toMatch(/stage of chronic kidney disease \(N18/);
      expect(additional.some((n) => n.inherited && n.from.id === 'E11' && /Z79\.4/.test(n.text))).toBe(true);
      expect(d?.notes.some((n) => n.kind === 'excludes1' && n.from.id === 'E11')).toBe(true);
    });

    it('gives the S72 7th characters with the notes listed under them', () => {
      const d = t.lookup('S72.001');
      expect(d?.seventh?.definedOn).toBe('S72');
      expect(d?.seventh?.characters.map((c) => c.char).join('')).toBe('ABCDEFGHJKMNPQRS');
      const b = d?.seventh?.characters.find((c) => c.char === 'B');
      expect(b?.meaning).toBe('initial encounter for open fracture type I or II');
      expect(b?.notes).toEqual(['initial encounter for open fracture NOS']);
      expect(d?.notes.some((n) => n.text.includes('open fracture NOS'))).toBe(false);
      expect(d?.children.map((c) => c.code)).toContain('S72.001A');
    });

    it('validates headers, missing 7th characters, placeholders and unknown codes', () => {
      expect(t.validate(['S93402A', 'e11.65'])).toMatchObject([
        { code: 'S93.402A', valid: true },
        { code: 'E11.65', valid: true },
      ]);
      const header = problem('E11');
      expect(header?.reason).toBe('header');
      if (header?.reason === 'header') {
        expect(header.billableDescendantCount).toBeGreaterThan(50);
        expect(header.billableDescendants).toHaveLength(10);
        expect(header.billableDescendants.every((c) => c.billable && c.code.startsWith('E11.'))).toBe(true);
      }
      const seventh = problem('T51.3X1');
      expect(seventh?.reason).toBe('missing-seventh');
      if (seventh?.reason === 'missing-seventh') {
        expect(seventh.options.map((o) => o.code)).toEqual(['T51.3X1A', 'T51.3X1D', 'T51.3X1S']);
      }
      expect(problem('T51.31A')).toMatchObject({
        reason: 'missing-placeholder',
        suggestion: { code: 'T51.3X1A', billable: true },
      });
      const unknown = problem('Z99.999');
      expect(unknown?.reason).toBe('unknown');
      if (unknown?.reason === 'unknown') {
        expect(unknown.closest.map((c) => c.code)).toContain('Z99.89');
        expect(unknown.closest.every((c) => c.code.startsWith('Z99'))).toBe(true);
      }
      expect(problem('E11.6Q5')?.reason).toBe('unknown');
      expect(problem('11.65')?.reason).toBe('malformed');
    });

    it('agrees with lookup on every 25th code of the release', () => {
      const all: string[] = [];
      const visit = (target?: string) => {
        for (const c of t.browse(target)?.children ?? []) {
          if (c.type === 'code') all.push(c.id);
          if (c.hasChildren) visit(c.ref);
        }
      };
      visit();
      expect(all.length).toBeGreaterThan(90_000);
      const sample = all.filter((_, i) => i % 25 === 0);
      const results = t.validate(sample);
      results.forEach((r, i) => {
        expect(r.valid, sample[i]).toBe(t.lookup(sample[i] as string)?.billable);
      });
    });

    it('says a FY2023-new code is not valid on a FY2021 date', () => {
      expect(t.validate(['Z91.A10'])[0]?.valid).toBe(true);
      const [v] = t.validate(['Z91.A10'], { date: '2021-05-01' });
      expect(v?.release).toMatchObject({
        reason: 'date',
        outsideWindow: false,
        release: { fiscalYear: 2021 },
      });
      expect(v?.problem).toMatchObject({
        reason: 'not-in-release',
        foundIn: [
          { fiscalYear: 2023, billable: true },
          { fiscalYear: 2026, billable: true },
        ],
      });
      expect(t.validate(['I10'], { date: '2021-05-01' })[0]?.valid).toBe(true);
    });

    it('answers a FY2026 date of service from the FY2026 codes file', () => {
      const [ea] = t.validate(['E11.A'], { date: '2026-03-01' });
      expect(ea).toMatchObject({
        valid: true,
        code: 'E11.A',
        title: 'Type 2 diabetes mellitus without complications in remission',
        release: { reason: 'date', outsideWindow: false, release: { fiscalYear: 2026 } },
      });
      // New in FY2026: not valid on a FY2023 date, with the release that has it named.
      const [early] = t.validate(['E11.A'], { date: '2023-03-01' });
      expect(early?.problem).toMatchObject({ reason: 'not-in-release', foundIn: [{ fiscalYear: 2026 }] });
      // Deleted as a code in FY2025 (the FY2025 addenda): a header in FY2026 with its new codes.
      const [c8339] = t.validate(['C83.39'], { date: '2026-03-01' });
      expect(c8339?.problem?.reason).toBe('header');
      expect(t.validate(['C83.39'], { date: '2023-03-01' })[0]?.valid).toBe(true);
      expect(t.validate(['E11'], { date: '2026-03-01' })[0]?.problem?.reason).toBe('header');
      expect(t.validate(['QA0.0101'], { date: '2026-03-01' })[0]?.valid).toBe(true);
      expect(t.validate(['T51.3X1'], { date: '2026-03-01' })[0]?.problem?.reason).toBe('missing-seventh');
    });

    it('flags a date of service outside every loaded release', () => {
      const [late] = t.validate(['I10'], { date: '2030-01-01' });
      expect(late?.release).toMatchObject({ reason: 'before-date', outsideWindow: true });
      expect(late?.release.release.fiscalYear).toBe(2026);
      const [early] = t.validate(['I10'], { date: '2019-06-01' });
      expect(early?.release).toMatchObject({ outsideWindow: true, release: { fiscalYear: 2021 } });
    });

    it('walks the Alphabetic Index', () => {
      const femur = t.indexLookup('Fracture, femur, neck');
      expect(femur.matched).toBe(true);
      expect(femur.path[0]?.title).toBe('Fracture, traumatic');
      expect(femur.codes[0]).toMatchObject({ code: 'S72.00', complete: false });
      expect(femur.codes[0]?.completions.map((c) => c.code)).toContain('S72.001A');
      for (const q of [
        'Diabetes, type 2, with, chronic kidney disease',
        'Diabetes, type 2, with chronic kidney disease',
      ]) {
        const dm = t.indexLookup(q);
        expect(dm.matched, q).toBe(true);
        expect(dm.codes[0], q).toMatchObject({ code: 'E11.22', complete: true });
      }
    });

    it('walks the External Cause Index', () => {
      const r = t.eindexLookup('Fall, from, bed');
      expect(r).toMatchObject({ kind: 'eindex', matched: true, release: { fiscalYear: 2025 } });
      expect(r.codes[0]).toMatchObject({ code: 'W06', complete: false });
      expect(r.codes[0]?.completions.map((c) => c.code)).toEqual(['W06.XXXA', 'W06.XXXD', 'W06.XXXS']);
    });

    it('reads the Neoplasm Table and the Table of Drugs and Chemicals', () => {
      expect(t.neoplasmLookup('breast')?.codes).toEqual({
        malignantPrimary: 'C50.9-',
        malignantSecondary: 'C79.81',
        inSitu: 'D05.-',
        benign: 'D24.-',
        uncertain: 'D48.6-',
        unspecified: 'D49.3',
      });
      expect(t.drugLookup('acetaminophen')?.codes).toEqual({
        poisoningAccidental: 'T39.1X1',
        poisoningIntentional: 'T39.1X2',
        poisoningAssault: 'T39.1X3',
        poisoningUndetermined: 'T39.1X4',
        adverseEffect: 'T39.1X5',
        underdosing: 'T39.1X6',
      });
    });

    it('browses chapter 4 section by section, and tells a section from a code of the same id', () => {
      expect(t.browse(4)?.children.map((c) => c.id)).toEqual([
        'E00-E07',
        'E08-E13',
        'E15-E16',
        'E20-E35',
        'E36',
        'E40-E46',
        'E50-E64',
        'E65-E68',
        'E70-E88',
        'E89',
      ]);
      const section = t.browse('section:C50');
      expect(section?.node).toMatchObject({ type: 'section', id: 'C50' });
      expect(section?.children.map((c) => c.ref)).toEqual(['code:C50']);
      const code = t.browse('C50');
      expect(code?.node).toMatchObject({ type: 'code', id: 'C50' });
      expect(code?.children[0]?.id).toBe('C50.0');
    });
  });
}

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { fetchColumns } from '../../src/terminology/fetch-rows.js';
import { loadTerminology, TerminologyError } from '../../src/terminology/index.js';
import type { Icd10cmTerminology, InvalidCode } from '../../src/terminology/types.js';
import { openScratch, scratchStores } from '../support/stores.js';
import { seedFixture } from './fixture.js';

for (const spec of scratchStores()) {
  describe(`terminology on fixture rows (${spec.name})`, () => {
    let store: Store;
    let t: Icd10cmTerminology;
    beforeAll(async () => {
      store = await openScratch(spec);
      await seedFixture(store.db);
      t = await loadTerminology(store.db);
    });
    afterAll(async () => store?.close());

    const problem = (code: string, date?: string): InvalidCode | undefined =>
      t.validate([code], date ? { date } : {})[0]?.problem;

    it('selects releases per file kind', () => {
      expect(t.selection.codes.release.fiscalYear).toBe(2023);
      expect(t.selection.codes.reason).toBe('default');
      expect(t.selection.index?.release.fiscalYear).toBe(2023);
      expect(t.selection.drug?.release.fiscalYear).toBe(2025);
      expect(t.selection.neoplasm?.release.fiscalYear).toBe(2025);
      expect(t.releases.map((r) => r.fiscalYear)).toEqual([2021, 2023, 2025]);
    });

    it('loads by date and by fiscal year, and rejects bad dates', async () => {
      const old = await loadTerminology(store.db, { date: '2021-05-01' });
      expect(old.selection.codes).toMatchObject({ reason: 'date', outsideWindow: false });
      expect(old.selection.codes.release.fiscalYear).toBe(2021);
      expect(old.lookup('I10')?.title).toBe('Essential (primary) hypertension [order file]');
      const later = await loadTerminology(store.db, { date: '2024-03-01' });
      expect(later.selection.codes).toMatchObject({ reason: 'before-date', outsideWindow: true });
      expect(later.selection.codes.release.fiscalYear).toBe(2023);
      const fy = await loadTerminology(store.db, { fiscalYear: 2021 });
      expect(fy.selection.codes.reason).toBe('fiscal-year');
      await expect(loadTerminology(store.db, { fiscalYear: 2019 })).rejects.toThrow(TerminologyError);
      await expect(loadTerminology(store.db, { date: '2023-13-45' })).rejects.toThrow(
        /"2023-13-45" is not a calendar date \(YYYY-MM-DD\)/,
      );
      // Date.parse reads 2023-02-30 as March 2; a date of service must be a real day.
      await expect(loadTerminology(store.db, { date: '2023-02-30' })).rejects.toThrow(/not a calendar date/);
    });

    it('looks up codes in any spelling with ancestors, children and inherited notes', () => {
      for (const input of ['E11.65', 'e1165', '  E11.65 ', 'e11.65'])
        expect(t.lookup(input)?.code).toBe('E11.65');
      const d = t.lookup('E11.65');
      expect(d).toMatchObject({ billable: true, header: false, source: 'tabular' });
      expect(d?.chapter.num).toBe(4);
      expect(d?.section.id).toBe('E08-E13');
      expect(d?.ancestors.map((a) => a.code)).toEqual(['E11', 'E11.6']);
      const notes = d?.notes ?? [];
      expect(notes[0]).toMatchObject({
        kind: 'inclusionTerm',
        inherited: false,
        from: { type: 'code', id: 'E11.65' },
      });
      expect(notes.find((n) => n.kind === 'excludes1')).toMatchObject({
        inherited: true,
        from: { type: 'code', id: 'E11' },
      });
      expect(notes.some((n) => n.from.type === 'section' && n.from.id === 'E08-E13')).toBe(true);
      expect(notes.at(-1)?.from).toEqual({ type: 'chapter', id: '4' });
      const header = t.lookup('E11');
      expect(header).toMatchObject({ billable: false, header: true });
      expect(header?.children.map((c) => c.code)).toEqual(['E11.6', 'E11.9']);
      expect(t.lookup('Z99.999')).toBeNull();
      expect(t.lookup('not a code')).toBeNull();
    });

    it('gives 7th characters inherited from the category', () => {
      const d = t.lookup('S72.001');
      expect(d?.seventh?.definedOn).toBe('S72');
      expect(d?.seventh?.characters.map((c) => c.char)).toEqual(['A', 'D', 'S']);
      expect(d?.children.map((c) => c.code)).toEqual(['S72.001A', 'S72.001D', 'S72.001S']);
      expect(t.lookup('S72.001A')).toMatchObject({ billable: true, source: 'derived' });
      expect(t.lookup('E11.65')?.seventh).toBeNull();
    });

    it('shows the notes inside a sevenChrDef with their 7th character, not as general notes', () => {
      const d = t.lookup('S72.001A');
      expect(d?.seventh?.characters.find((c) => c.char === 'A')?.notes).toEqual([
        'initial encounter for closed fracture NOS',
      ]);
      expect(d?.seventh?.characters.find((c) => c.char === 'D')?.notes).toBeUndefined();
      expect(d?.seventh?.notes).toEqual(['Fixture note on the whole definition']);
      expect(d?.notes.some((n) => n.text.includes('closed fracture NOS'))).toBe(false);
      expect(d?.notes.map((n) => n.kind as string)).not.toContain('sevenChrDef');
    });

    it('browses chapters, sections, categories and subcodes in tabular order', () => {
      expect(t.browse()?.children.map((c) => c.id)).toEqual(['4', '9', '19', '21']);
      expect(t.browse(9)?.children.map((c) => c.id)).toEqual(['I10-I1A', 'I30-I5A']);
      expect(t.browse('I10-I1A')?.children.map((c) => c.id)).toEqual(['I10', 'I11']);
      expect(t.browse('e11')?.children.map((c) => c.id)).toEqual(['E11.6', 'E11.9']);
      expect(t.browse('99')).toBeNull();
      expect(t.browse('Q99.9')).toBeNull();
    });

    it('takes chapter:, section: and code: prefixes and gives each node its unambiguous ref', () => {
      expect(t.browse('chapter:9')?.children.map((c) => c.ref)).toEqual([
        'section:I10-I1A',
        'section:I30-I5A',
      ]);
      expect(t.browse('section:I10-I1A')?.children.map((c) => c.ref)).toEqual(['code:I10', 'code:I11']);
      expect(t.browse('code:e11')?.node).toMatchObject({ type: 'code', id: 'E11', ref: 'code:E11' });
      expect(t.browse()?.children[0]?.ref).toBe('chapter:4');
      expect(t.browse('code:I10-I1A')).toBeNull();
      expect(t.browse('section:E11')).toBeNull();
      expect(t.browse('chapter:E11')).toBeNull();
    });

    it('validates billable codes', () => {
      const [v] = t.validate(['e11.65']);
      expect(v).toMatchObject({ input: 'e11.65', code: 'E11.65', valid: true });
      expect(v?.problem).toBeUndefined();
      expect(t.validate(['S93402A'])[0]).toMatchObject({ code: 'S93.402A', valid: true });
    });

    it('explains header codes with their billable descendants', () => {
      const p = problem('E11');
      expect(p?.reason).toBe('header');
      if (p?.reason !== 'header') return;
      expect(p.billableDescendantCount).toBe(4);
      expect(p.billableDescendants.map((c) => c.code)).toEqual(['E11.641', 'E11.649', 'E11.65', 'E11.9']);
    });

    it('explains a missing 7th character with the full codes', () => {
      const p = problem('T51.3X1');
      expect(p?.reason).toBe('missing-seventh');
      if (p?.reason === 'missing-seventh') {
        expect(p.options.map((o) => o.code)).toEqual(['T51.3X1A', 'T51.3X1D', 'T51.3X1S']);
      }
    });

    it('suggests the placeholder X', () => {
      const p = problem('T51.31A');
      expect(p).toMatchObject({ reason: 'missing-placeholder', suggestion: { code: 'T51.3X1A' } });
      expect(problem('S02.0A')).toMatchObject({
        reason: 'missing-placeholder',
        suggestion: { code: 'S02.0XXA' },
      });
    });

    it('suggests the closest codes for unknown ones', () => {
      const p = problem('Z99.999');
      expect(p?.reason).toBe('unknown');
      if (p?.reason === 'unknown') expect(p.closest.map((c) => c.code)).toContain('Z99.89');
      const typo = problem('E11.56');
      expect(typo?.reason).toBe('unknown');
      if (typo?.reason === 'unknown') expect(typo.closest[0]?.code).toBe('E11.65');
    });

    it('validates against another release by date, with the order-file codes of that release', () => {
      const [v] = t.validate(['I10', 'E11.65', 'E11'], { date: '2021-03-01' });
      expect(v).toMatchObject({ valid: true, title: 'Essential (primary) hypertension [order file]' });
      const [, dm, header] = t.validate(['I10', 'E11.65', 'E11'], { date: '2021-03-01' });
      expect(dm?.valid).toBe(true);
      expect(header?.problem).toMatchObject({ reason: 'header', billableDescendantCount: 4 });
    });

    it('reads columns through string_agg, falling back to JSON when a value holds the separator', async () => {
      const rows = await fetchColumns(
        store.db,
        [sql`x`, sql`CASE WHEN x = 2 THEN NULL ELSE 'v' || x END`, sql`x > 1`],
        sql`FROM (VALUES (1), (2), (3)) AS v(x)`,
      );
      expect(rows).toEqual({
        rows: 3,
        columns: [
          ['1', '2', '3'],
          ['v1', '', 'v3'],
          ['false', 'true', 'true'],
        ],
      });
      const tricky = await fetchColumns(
        store.db,
        [sql`'a' || chr(31) || 'b'`, sql`NULL`],
        sql`FROM (VALUES (1), (2)) AS v(x)`,
      );
      expect(tricky).toEqual({
        rows: 2,
        columns: [
          [`a\x1fb`, `a\x1fb`],
          ['', ''],
        ],
      });
      const none = await fetchColumns(store.db, [sql`x`], sql`FROM (VALUES (1)) AS v(x) WHERE x > 1`);
      expect(none).toEqual({ rows: 0, columns: [[]] });
    });

    it('reports load timings, with the search index built at load only when asked', async () => {
      expect(t.loadTimings).toMatchObject({ searchIndexMs: null });
      expect(t.loadTimings?.totalMs).toBeGreaterThanOrEqual(0);
      const eager = await loadTerminology(store.db, { searchIndex: 'load' });
      expect(eager.loadTimings?.searchIndexMs).toEqual(expect.any(Number));
      expect(eager.search('htn')[0]?.code).toBe('I10');
    });

    it('says when a code belongs to another release', () => {
      const [v] = t.validate(['Z11.52'], { date: '2021-06-01' });
      expect(v?.release.release.fiscalYear).toBe(2021);
      expect(v?.problem).toMatchObject({
        reason: 'not-in-release',
        foundIn: [{ fiscalYear: 2023, billable: true }],
      });
      expect(t.validate(['Z11.52'], { date: '2023-01-15' })[0]?.valid).toBe(true);
    });

    it('flags malformed input with the reason', () => {
      expect(problem('')).toMatchObject({ reason: 'malformed', message: 'empty code' });
      expect(problem('123')?.reason).toBe('malformed');
      expect(problem('E11.6555X')).toMatchObject({ reason: 'malformed' });
      expect(problem('E1.1')?.message).toMatch(/digit|dot/);
    });

    it('searches titles, inclusion terms and index paths with ranking', () => {
      expect(t.search('type 2 diabetes with hyperglycemia')[0]?.code).toBe('E11.65');
      expect(t.search('hyperglycemia diabetes type 2')[0]?.code).toBe('E11.65');
      expect(t.search('htn')[0]?.code).toBe('I10');
      expect(t.search('chf', { limit: 3 }).map((h) => h.code)).toContain('I50.9');
      expect(t.search('T2DM hyperglycemia')[0]?.code).toBe('E11.65');
      expect(t.search('diabetis mellitus type 2 hyperglycemia')[0]?.code).toBe('E11.65');
      const femur = t.search('femur neck fracture', { limit: 5 });
      expect(femur.length).toBeGreaterThan(0);
      expect(femur.slice(0, 3).every((h) => h.code.startsWith('S72.0'))).toBe(true);
      expect(t.search('zzzz qqqq')).toEqual([]);
      expect(t.search('')).toEqual([]);
      expect(t.search('heart failure', { billableOnly: true }).every((h) => h.billable)).toBe(true);
      expect(t.search('heart failure', { limit: 2 })).toHaveLength(2);
    });

    it('walks the Alphabetic Index', () => {
      const r = t.indexLookup('Fracture, femur, neck');
      expect(r.matched).toBe(true);
      expect(r.path.map((s) => s.title)).toEqual(['Fracture, traumatic', 'femur, femoral', 'neck']);
      expect(r.codes[0]).toMatchObject({ code: 'S72.00', complete: false });
      expect(r.codes[0]?.completions.map((c) => c.code)).toContain('S72.001A');
      const dm = t.indexLookup('Diabetes, mellitus, type 2, with hyperglycemia');
      expect(dm.codes[0]).toMatchObject({ code: 'E11.65', complete: true });
      expect(t.indexLookup('Diabetes, type 2, hyperglycemia').codes[0]?.code).toBe('E11.65');
      expect(t.indexLookup('diabetis, type 2').codes[0]?.code).toBe('E11.9');
    });

    it('gives a misspelt main term the same walk when asked again (its typo candidates are remembered)', () => {
      const first = t.indexLookup('diabetis, type 2, with hyperglycemia');
      const again = t.indexLookup('diabetis, type 2, with hyperglycemia');
      expect(first.codes[0]?.code).toBe('E11.65');
      expect(again).toEqual(first);
      // Another misspelling of the same word is worked out afresh, not answered from the first.
      expect(t.indexLookup('diabettes, type 2').codes[0]?.code).toBe('E11.9');
      expect(t.indexLookup('fractur, femur, neck').codes[0]?.code).toBe('S72.00');
    });

    it('follows see and see-category references and reports what did not match', () => {
      const see = t.indexLookup('Heart failure, congestive');
      expect(see.codes[0]?.code).toBe('I50.9');
      expect(see.path.find((s) => s.via)).toMatchObject({ via: 'see', title: 'Failure' });
      const cond = t.indexLookup('Fracture, femur, condyles');
      expect(cond.codes[0]?.code).toBe('S72.00');
      const cat = t.indexLookup('Dependence, on, machine');
      expect(cat.codes[0]).toMatchObject({ code: 'Z99', complete: false, completionCount: 2 });
      const miss = t.indexLookup('Diabetes, type 2, with gangrene');
      expect(miss.matched).toBe(false);
      expect(miss.unmatched).toEqual(['gangrene']);
      expect(t.indexLookup('Screening').seeAlso).toEqual(['see Encounter, screening']);
      expect(t.indexLookup('Nothingness').path).toEqual([]);
    });

    it('walks the External Cause Index', () => {
      const r = t.eindexLookup('Fall, from, bed');
      expect(r).toMatchObject({ kind: 'eindex', matched: true, release: { fiscalYear: 2025 } });
      expect(r.path.map((s) => s.title)).toEqual(['Fall, falling', 'from, off, out of', 'bed']);
      expect(r.codes[0]?.code).toBe('W06');
      expect(t.indexLookup('Falling, off, chair', { kind: 'eindex' }).codes[0]?.code).toBe('W07');
      expect(t.indexLookup('Fall').kind).toBe('disease');
      expect(() => t.indexLookup('Fall', { kind: 'drug' as 'eindex' })).toThrow(TerminologyError);
    });

    it('reads the neoplasm and drug tables', () => {
      const n = t.neoplasmLookup('breast, areola');
      expect(n?.matched).toBe(true);
      expect(n?.codes).toMatchObject({
        malignantPrimary: 'C50.0-',
        malignantSecondary: 'C79.81',
        unspecified: 'D49.3',
      });
      expect(t.neoplasmLookup('Neoplasm, breast')?.codes.benign).toBe('D24.-');
      expect(t.neoplasmLookup('lung')?.see).toBe('Neoplasm, bronchus');
      const d = t.drugLookup('insulin');
      expect(d?.codes).toMatchObject({
        poisoningAccidental: 'T38.3X1',
        adverseEffect: 'T38.3X5',
        underdosing: 'T38.3X6',
      });
      expect(t.drugLookup('2,4-D')?.codes).toMatchObject({
        poisoningAssault: 'T60.3X3',
        adverseEffect: null,
      });
      expect(t.drugLookup('acetaminophin')?.codes.poisoningAccidental).toBe('T39.1X1');
      expect(t.drugLookup('unobtainium')).toBeNull();
    });
  });

  describe(`a release with an order file only (${spec.name})`, () => {
    it('validates from the order file', async () => {
      const store = await openScratch(spec);
      try {
        const { id } = await store.db
          .insertInto('icd10cm_release')
          .values({
            fiscal_year: 2022,
            effective_from: '2021-10-01',
            effective_to: '2022-09-30',
            label: 'FY2022',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await store.db
          .insertInto('icd10cm_release_file')
          .values({
            release_id: id,
            kind: 'order',
            file_name: 'order.txt',
            sha256: 'x',
            bytes: 1,
            counts: '{}',
          })
          .execute();
        const order = [
          ['E11', false, 'Type 2 diabetes mellitus'],
          ['E119', true, 'Type 2 diabetes mellitus without complications'],
          ['I10', true, 'Essential (primary) hypertension'],
        ] as const;
        await store.db
          .insertInto('icd10cm_order')
          .values(
            order.map(([code, billable, title], i) => ({
              release_id: id,
              code,
              order_no: i + 1,
              billable,
              short_title: title.slice(0, 20),
              long_title: title,
            })),
          )
          .execute();
        const t = await loadTerminology(store.db);
        expect(t.validate(['E11.9', 'I10', 'E11', 'E11.8'])).toMatchObject([
          { valid: true, title: 'Type 2 diabetes mellitus without complications' },
          { valid: true },
          { valid: false, problem: { reason: 'header', billableDescendantCount: 1 } },
          { valid: false, problem: { reason: 'unknown' } },
        ]);
        const unknown = t.validate(['E11.8'])[0]?.problem;
        expect(unknown?.reason === 'unknown' && unknown.closest[0]?.code).toBe('E11.9');
        expect(t.lookup('E11.9')).toBeNull();
      } finally {
        await store.close();
      }
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexFile } from '../../../src/codesets/icd10cm/index-model.js';
import { parseIndex } from '../../../src/codesets/icd10cm/index-parser.js';
import { parseTable } from '../../../src/codesets/icd10cm/table-parser.js';
import { writeIndex } from '../../../src/codesets/icd10cm/write-index.js';
import type { Store } from '../../../src/store/index.js';
import { codesetFile, openScratch, scratchStores } from '../../support/stores.js';

describe.each(scratchStores())('writeIndex on $name', (spec) => {
  let store: Store;
  let releaseId: number;
  let drug: IndexFile;
  let eindex: IndexFile;
  beforeAll(async () => {
    store = await openScratch(spec);
    drug = await parseTable(codesetFile('icd10cm/fy2025/icd-10-cm-drug-2025.xml'), 'drug');
    eindex = await parseIndex(codesetFile('icd10cm/fy2025/icd-10-cm-eindex-2025.xml'), 'eindex');
    const release = await store.db
      .insertInto('icd10cm_release')
      .values({
        fiscal_year: 2025,
        effective_from: '2024-10-01',
        effective_to: '2025-09-30',
        label: 'FY2025 test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    releaseId = release.id;
  });
  afterAll(async () => {
    await store?.close();
  });

  const rowCount = async (
    table: 'icd10cm_index_term' | 'icd10cm_index_cell' | 'icd10cm_table_heading',
    kind: string,
  ) => {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('release_id', '=', releaseId)
      .where('kind', '=', kind as never)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('writes nothing when the caller rolls its transaction back', async () => {
    const failure = new Error('rolled back on purpose');
    await expect(
      store.db.transaction().execute(async (trx) => {
        await writeIndex(trx, releaseId, drug);
        expect(await trx.selectFrom('icd10cm_index_cell').select('code').limit(1).execute()).toHaveLength(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await rowCount('icd10cm_index_term', 'drug')).toBe(0);
    expect(await rowCount('icd10cm_index_cell', 'drug')).toBe(0);
    expect(await rowCount('icd10cm_table_heading', 'drug')).toBe(0);
  });

  it('stores the Drug table: counts returned match the rows written', async () => {
    const counts = await store.db.transaction().execute((trx) => writeIndex(trx, releaseId, drug));
    expect(counts).toEqual({ mainTerms: 5177, terms: 2251, cells: 40026, headings: 7 });
    expect(await rowCount('icd10cm_index_term', 'drug')).toBe(5177 + 2251);
    expect(await rowCount('icd10cm_index_cell', 'drug')).toBe(40026);
    expect(await rowCount('icd10cm_table_heading', 'drug')).toBe(7);
  });

  it('finds the Acetaminophen adverse effect and underdosing codes by heading', async () => {
    const rows = await store.db
      .selectFrom('icd10cm_index_term as t')
      .innerJoin('icd10cm_index_cell as c', (j) =>
        j
          .onRef('c.release_id', '=', 't.release_id')
          .onRef('c.kind', '=', 't.kind')
          .onRef('c.term_id', '=', 't.id'),
      )
      .innerJoin('icd10cm_table_heading as h', (j) =>
        j
          .onRef('h.release_id', '=', 'c.release_id')
          .onRef('h.kind', '=', 'c.kind')
          .onRef('h.col', '=', 'c.col'),
      )
      .select(['h.head', 'c.code'])
      .where('t.release_id', '=', releaseId)
      .where('t.kind', '=', 'drug')
      .where('t.title', '=', 'Acetaminophen')
      .where('t.level', '=', 0)
      .orderBy('c.col')
      .execute();
    expect(rows.slice(4)).toEqual([
      { head: 'Adverse effect', code: 'T39.1X5' },
      { head: 'Underdosing', code: 'T39.1X6' },
    ]);
    expect(rows[0]).toEqual({ head: 'Poisoning Accidental (unintentional)', code: 'T39.1X1' });
  });

  it('stores the External Cause Index with parent links, nemod and references', async () => {
    const counts = await store.db.transaction().execute((trx) => writeIndex(trx, releaseId, eindex));
    expect(counts).toEqual({ mainTerms: 314, terms: 7750, cells: 0, headings: 0 });
    const child = await store.db
      .selectFrom('icd10cm_index_term as c')
      .innerJoin('icd10cm_index_term as p', (j) =>
        j
          .onRef('p.release_id', '=', 'c.release_id')
          .onRef('p.kind', '=', 'c.kind')
          .onRef('p.id', '=', 'c.parent_id'),
      )
      .select([
        'p.title as parent',
        'p.nemod as parentNemod',
        'c.title',
        'c.nemod',
        'c.level',
        'c.letter',
        'c.see_also',
      ])
      .where('c.release_id', '=', releaseId)
      .where('c.kind', '=', 'eindex')
      .where('c.title', '=', 'aircraft')
      .where('p.title', '=', 'Accident')
      .executeTakeFirstOrThrow();
    expect(child).toEqual({
      parent: 'Accident',
      parentNemod: '(to)',
      title: 'aircraft',
      nemod: '(in transit) (powered)',
      level: 1,
      letter: 'A',
      see_also: 'Accident, transport, aircraft',
    });
    const strangulation = await store.db
      .selectFrom('icd10cm_index_term')
      .selectAll()
      .where('release_id', '=', releaseId)
      .where('kind', '=', 'eindex')
      .where('title', '=', 'Strangulation')
      .executeTakeFirstOrThrow();
    expect(strangulation).toMatchObject({
      parent_id: null,
      level: 0,
      see_cat: 'T71',
      code: null,
      subcat: null,
    });
  });
});

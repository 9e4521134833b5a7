import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOrderFile } from '../../../src/codesets/icd10cm/order-parser.js';
import { parseTabular } from '../../../src/codesets/icd10cm/tabular-parser.js';
import { writeOrder } from '../../../src/codesets/icd10cm/write-order.js';
import { SEVEN_CHR_DEF_NOTE, writeTabular } from '../../../src/codesets/icd10cm/write-tabular.js';
import type { Icd10cmNoteOwner, Store } from '../../../src/store/index.js';
import { codesetFile, openScratch, scratchStores } from '../../support/stores.js';
import { MINI_TABULAR, writeFixture } from './tabular-fixtures.js';

async function newRelease(store: Store, fiscalYear: number): Promise<number> {
  const row = await store.db
    .insertInto('icd10cm_release')
    .values({
      fiscal_year: fiscalYear,
      effective_from: `${fiscalYear - 1}-10-01`,
      effective_to: `${fiscalYear}-09-30`,
      label: `test FY${fiscalYear}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(scratchStores())('writeTabular and writeOrder on $name', (spec) => {
  let store: Store;
  let releaseId: number;
  let tabularCounts: Record<string, number>;
  let orderCounts: Record<string, number>;

  beforeAll(async () => {
    store = await openScratch(spec);
    releaseId = await newRelease(store, 2021);
    const tabular = await parseTabular(codesetFile('icd10cm/fy2021/icd10cm_tabular_2021.xml'));
    const order = await parseOrderFile(codesetFile('icd10cm/fy2021/icd10cm-order-Jan-2021.txt'));
    await store.db.transaction().execute(async (trx) => {
      tabularCounts = await writeTabular(trx, releaseId, tabular);
      orderCounts = await writeOrder(trx, releaseId, order);
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('returns the row counts it wrote', async () => {
    expect(tabularCounts).toEqual({
      chapters: 22,
      sections: 296,
      codes: 95_358,
      tabularCodes: 45_017,
      derivedCodes: 95_358 - 45_017,
      billable: 72_621,
      notes: expect.any(Number),
      seventhChars: 1_787,
    });
    expect(orderCounts).toEqual({ records: 95_358, billable: 72_621, headers: 22_737 });
    const notes = await store.db
      .selectFrom('icd10cm_note')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('release_id', '=', releaseId)
      .executeTakeFirstOrThrow();
    expect(Number(notes.n)).toBe(tabularCounts.notes);
  });

  it('marks exactly the order file valid codes billable, and orders codes as the order file does', async () => {
    const diff = await sql<{ only_code: number; only_order: number; misplaced: number }>`
      SELECT
        (SELECT count(*) FROM icd10cm_code c WHERE c.release_id = ${releaseId} AND c.billable_derived
           AND NOT EXISTS (SELECT 1 FROM icd10cm_order o WHERE o.release_id = c.release_id AND o.code = c.code AND o.billable)) AS only_code,
        (SELECT count(*) FROM icd10cm_order o WHERE o.release_id = ${releaseId} AND o.billable
           AND NOT EXISTS (SELECT 1 FROM icd10cm_code c WHERE c.release_id = o.release_id AND c.code = o.code AND c.billable_derived)) AS only_order,
        (SELECT count(*) FROM
           (SELECT code, row_number() OVER (ORDER BY seq) AS rn FROM icd10cm_code WHERE release_id = ${releaseId}) c
           JOIN (SELECT code, row_number() OVER (ORDER BY order_no) AS rn FROM icd10cm_order WHERE release_id = ${releaseId}) o
           ON c.rn = o.rn WHERE c.code <> o.code) AS misplaced`.execute(store.db);
    expect(diff.rows.map((r) => [Number(r.only_code), Number(r.only_order), Number(r.misplaced)])).toEqual([
      [0, 0, 0],
    ]);
  });

  it('round-trips chapters, sections, codes, notes and 7th characters', async () => {
    const db = store.db;
    const chapter = await db
      .selectFrom('icd10cm_chapter')
      .selectAll()
      .where('release_id', '=', releaseId)
      .where('num', '=', 19)
      .executeTakeFirstOrThrow();
    expect(chapter).toMatchObject({ first_code: 'S00', last_code: 'T88' });
    expect(chapter.title).toMatch(/^Injury, poisoning/);
    const section = await db
      .selectFrom('icd10cm_section')
      .selectAll()
      .where('release_id', '=', releaseId)
      .where('id', '=', 'E08-E13')
      .executeTakeFirstOrThrow();
    expect(section).toMatchObject({ chapter_num: 4, title: 'Diabetes mellitus (E08-E13)' });

    const codes = await db
      .selectFrom('icd10cm_code')
      .select(['code', 'parent', 'chapter_num', 'section_id', 'depth', 'title', 'source', 'billable_derived'])
      .where('release_id', '=', releaseId)
      .where('code', 'in', ['E11', 'E11.65', 'S72.001', 'S72.001A', 'T07.XXXA'])
      .orderBy('seq')
      .execute();
    expect(codes).toEqual([
      {
        code: 'E11',
        parent: null,
        chapter_num: 4,
        section_id: 'E08-E13',
        depth: 1,
        title: 'Type 2 diabetes mellitus',
        source: 'tabular',
        billable_derived: false,
      },
      {
        code: 'E11.65',
        parent: 'E11.6',
        chapter_num: 4,
        section_id: 'E08-E13',
        depth: 3,
        title: 'Type 2 diabetes mellitus with hyperglycemia',
        source: 'tabular',
        billable_derived: true,
      },
      {
        code: 'S72.001',
        parent: 'S72.00',
        chapter_num: 19,
        section_id: 'S70-S79',
        depth: 4,
        title: 'Fracture of unspecified part of neck of right femur',
        source: 'tabular',
        billable_derived: false,
      },
      {
        code: 'S72.001A',
        parent: 'S72.001',
        chapter_num: 19,
        section_id: 'S70-S79',
        depth: 5,
        title: 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
        source: 'derived',
        billable_derived: true,
      },
      {
        code: 'T07.XXXA',
        parent: 'T07',
        chapter_num: 19,
        section_id: 'T07',
        depth: 5,
        title: 'Unspecified multiple injuries, initial encounter',
        source: 'derived',
        billable_derived: true,
      },
    ]);

    const notesOf = async (ownerType: Icd10cmNoteOwner, owner: string, kind: string) =>
      (
        await db
          .selectFrom('icd10cm_note')
          .select(['seq', 'text'])
          .where('release_id', '=', releaseId)
          .where('owner_type', '=', ownerType)
          .where('owner', '=', owner)
          .where('kind', '=', kind)
          .orderBy('seq')
          .execute()
      ).map((n) => `${n.seq}:${n.text}`);
    const e11 = await notesOf('code', 'E11', 'excludes1');
    expect(e11).toHaveLength(8);
    expect(e11[7]).toBe('7:type 1 diabetes mellitus (E10.-)');
    expect(await notesOf('chapter', '1', 'includes')).toEqual([
      '0:diseases generally recognized as communicable or transmissible',
    ]);
    expect(await notesOf('section', 'S00-S09', 'includes')).toContain('0:injuries of ear');

    const s72 = await db
      .selectFrom('icd10cm_seventh')
      .select(['char', 'meaning'])
      .where('release_id', '=', releaseId)
      .where('code', '=', 'S72')
      .orderBy('char')
      .execute();
    expect(s72).toHaveLength(16);
    expect(s72[0]).toEqual({ char: 'A', meaning: 'initial encounter for closed fracture' });
    expect(await notesOf('code', 'S72', SEVEN_CHR_DEF_NOTE)).toEqual([
      '0:B: initial encounter for open fracture NOS',
    ]);

    const order = await db
      .selectFrom('icd10cm_order')
      .selectAll()
      .where('release_id', '=', releaseId)
      .where('code', '=', 'S72.001A')
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({
      billable: true,
      long_title:
        'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    });
  });

  it('writes nothing when the caller rolls its transaction back', async () => {
    const release = await newRelease(store, 2099);
    const tabular = await parseTabular(writeFixture('mini-write.xml', MINI_TABULAR));
    const failed = await store.db
      .transaction()
      .execute(async (trx) => {
        const counts = await writeTabular(trx, release, tabular);
        // 11 tabular codes; S02.0, S06.0X1, S06.0X7 and T07 expand to 2 + 3 + 1 + 2 codes.
        expect(counts).toMatchObject({
          chapters: 2,
          sections: 3,
          tabularCodes: 11,
          derivedCodes: 8,
          billable: 9,
        });
        throw new Error('abort');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('abort');
    const left = await store.db
      .selectFrom('icd10cm_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('release_id', '=', release)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/codesets/errors.js';
import { importHcpcs } from '../../../src/codesets/hcpcs/import.js';
import type { Store } from '../../../src/store/index.js';
import { codesetFile, openScratch, scratchStores } from '../../support/stores.js';

const zip = codesetFile('hcpcs/2019/2019-Alpha-Numeric-HCPCS-File.zip');

/** A 320-column record in the CMS layout, for bad-input tests. */
function record(
  code: string,
  seq: string,
  id: string,
  long: string,
  fill: Record<number, string> = {},
): string {
  const chars = `${code.padEnd(5)}${seq}${id}${long.padEnd(80)}`.padEnd(320).split('');
  for (const [pos, text] of Object.entries(fill))
    chars.splice(Number(pos) - 1, text.length, ...text.split(''));
  return chars.join('');
}

describe.each(scratchStores())('HCPCS import ($name)', (spec) => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratch(spec);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('imports the CMS 2019 zip: 6,440 codes and 360 modifiers, continuation lines joined', async () => {
    const report = await importHcpcs(store, zip, { progress: false });
    expect(report).toMatchObject({
      effectiveFrom: '2019-01-01',
      codes: 6440,
      modifiers: 360,
      upToDate: false,
    });
    const a0080 = await store.db
      .selectFrom('hcpcs_code')
      .selectAll()
      .where('release_id', '=', report.releaseId)
      .where('code', '=', 'A0080')
      .executeTakeFirstOrThrow();
    expect(a0080.long_description).toBe(
      'Non-emergency transportation, per mile - vehicle provided by volunteer (individual or organization), with no vested interest',
    );
    const j0585 = await store.db
      .selectFrom('hcpcs_code')
      .selectAll()
      .where('code', '=', 'J0585')
      .executeTakeFirstOrThrow();
    expect(j0585).toMatchObject({
      short_description: 'Injection,onabotulinumtoxina',
      pricing_indicators: '51',
    });
    const cp = await store.db
      .selectFrom('hcpcs_modifier')
      .selectAll()
      .where('modifier', '=', 'CP')
      .executeTakeFirstOrThrow();
    expect(cp).toMatchObject({ added_date: '2016-01-01', termination_date: '2017-12-31' });
    const rt = await store.db
      .selectFrom('hcpcs_modifier')
      .selectAll()
      .where('modifier', '=', 'RT')
      .executeTakeFirstOrThrow();
    expect(rt.long_description.toLowerCase()).toContain('right side');
  });

  it('is idempotent: the same file again writes nothing', async () => {
    const again = await importHcpcs(store, zip, { progress: false });
    expect(again.upToDate).toBe(true);
    const { n } = await store.db
      .selectFrom('hcpcs_release')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });

  it('rejects a bad record with file:line and leaves the store unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-'));
    const file = join(dir, 'HCPC2020_CONTR_ANWEB.txt');
    const good = record('A0021', '00100', '3', 'Ambulance service', { 269: '19850101', 277: '19960910' });
    const badDate = record('A0080', '00100', '3', 'Transport', { 269: '19851301' });
    writeFileSync(file, ['***Disclaimers', '', good, badDate].join('\r\n'));
    const err = await importHcpcs(store, file, { progress: false }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toMatch(/HCPC2020_CONTR_ANWEB\.txt:4: code added date "19851301"/);
    const orphan = record('A0090', '00200', '4', 'continuation without its record');
    writeFileSync(file, [good, orphan].join('\r\n'));
    await expect(importHcpcs(store, file, { progress: false })).rejects.toThrow(
      /:2: continuation line for A0090/,
    );
    const releases = await store.db.selectFrom('hcpcs_release').select('effective_from').execute();
    expect(releases).toEqual([{ effective_from: '2019-01-01' }]);
  });

  it('needs an effective date when the name has none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcpcs-'));
    const file = join(dir, 'anweb.txt');
    writeFileSync(file, record('A0021', '00100', '3', 'Ambulance service'));
    await expect(importHcpcs(store, file, { progress: false })).rejects.toThrow(/pass --effective/);
    const r = await importHcpcs(store, file, { effective: '2020-04-01', progress: false });
    expect(r).toMatchObject({ effectiveFrom: '2020-04-01', codes: 1 });
  });
});

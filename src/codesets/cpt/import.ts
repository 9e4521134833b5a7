import { basename } from 'node:path';
import { bulkInsert } from '../../store/bulk-insert.js';
import type { Store } from '../../store/db.js';
import { ImportError } from '../errors.js';
import { fileIdentity } from '../file-hash.js';
import { resolveEffective } from '../ncci/release-date.js';
import { openLineSource } from '../ncci/text-lines.js';
import { parseCpt } from './parse.js';

export interface CptImportOptions {
  /** Effective date (CPT is annual: YYYY-01-01) when the file name does not carry the year. */
  effective?: string;
}

export interface CptImportReport {
  releaseId: number;
  effectiveFrom: string;
  codes: number;
  upToDate: boolean;
}

/** Imports the user's licensed CPT CSV (layout in ./parse.ts) in one transaction; idempotent. */
export async function importCpt(
  store: Store,
  file: string,
  options: CptImportOptions = {},
): Promise<CptImportReport> {
  const name = basename(file);
  const effectiveFrom = resolveEffective(name, options.effective, 'CPT year');
  const identity = await fileIdentity(file).catch(() => {
    throw new ImportError(name, undefined, `cannot read file ${file}`);
  });
  const source = await openLineSource(file, { encoding: 'utf-8', entry: /\.csv$/i });
  const rows = await parseCpt(source.lines, source.name);
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('cpt_release')
      .select(['id', 'sha256', 'codes'])
      .where('effective_from', '=', effectiveFrom)
      .executeTakeFirst();
    if (existing?.sha256 === identity.sha256) {
      return { releaseId: existing.id, effectiveFrom, codes: existing.codes, upToDate: true };
    }
    if (existing) await trx.deleteFrom('cpt_release').where('id', '=', existing.id).execute();
    const { id } = await trx
      .insertInto('cpt_release')
      .values({
        effective_from: effectiveFrom,
        label: `CPT (user licensed file) effective ${effectiveFrom}`,
        file_name: source.name,
        sha256: identity.sha256,
        codes: rows.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bulkInsert(
      trx,
      'cpt_code',
      rows.map((r) => ({
        release_id: id,
        code: r.code,
        short_descriptor: r.shortDescriptor,
        long_descriptor: r.longDescriptor,
      })),
    );
    return { releaseId: id, effectiveFrom, codes: rows.length, upToDate: false };
  });
}

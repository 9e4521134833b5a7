import { basename } from 'node:path';
import { bulkInsert } from '../../store/bulk-insert.js';
import type { Store } from '../../store/db.js';
import type { MueService } from '../../store/schema-procedures.js';
import { ImportError } from '../errors.js';
import { fileIdentity } from '../file-hash.js';
import { resolveEffective } from '../ncci/release-date.js';
import { openLineSource } from '../ncci/text-lines.js';
import { createProgress } from '../progress.js';
import { parseMue } from './parse.js';

export interface MueImportOptions {
  /** Effective date when the file name lacks `_Eff_MM-DD-YYYY`. */
  effective?: string;
  progress?: boolean;
}

export interface MueImportReport {
  releaseId: number;
  service: MueService;
  effectiveFrom: string;
  rows: number;
  upToDate: boolean;
}

/**
 * Imports one MUE table (CMS CSV, or a zip holding it) in one transaction, keyed by service and
 * effective date. The same file again is a no-op; another file for that service and date
 * replaces the release; any bad row rolls back and names its line.
 */
export async function importMue(
  store: Store,
  file: string,
  options: MueImportOptions = {},
): Promise<MueImportReport> {
  const name = basename(file);
  const effectiveFrom = resolveEffective(name, options.effective, 'MUE quarter');
  const identity = await fileIdentity(file).catch(() => {
    throw new ImportError(name, undefined, `cannot read file ${file}`);
  });
  const progress = createProgress(`MUE ${effectiveFrom}`, identity.bytes, options.progress);
  const source = await openLineSource(file, {
    entry: /MUE[^/]*\.csv$/i,
    onProgress: (b) => progress.update(b),
  });
  let table: Awaited<ReturnType<typeof parseMue>>;
  try {
    table = await parseMue(source.lines, source.name);
  } finally {
    progress.stop();
  }
  const { service, rows } = table;
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('mue_release')
      .select(['id', 'sha256', 'rows'])
      .where('service', '=', service)
      .where('effective_from', '=', effectiveFrom)
      .executeTakeFirst();
    if (existing?.sha256 === identity.sha256) {
      return { releaseId: existing.id, service, effectiveFrom, rows: existing.rows, upToDate: true };
    }
    if (existing) await trx.deleteFrom('mue_release').where('id', '=', existing.id).execute();
    const { id } = await trx
      .insertInto('mue_release')
      .values({
        service,
        effective_from: effectiveFrom,
        file_name: source.name,
        sha256: identity.sha256,
        rows: rows.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bulkInsert(
      trx,
      'mue_value',
      rows.map((r) => ({ release_id: id, code: r.code, mue: r.mue, mai: r.mai, rationale: r.rationale })),
    );
    return { releaseId: id, service, effectiveFrom, rows: rows.length, upToDate: false };
  });
}

import { basename } from 'node:path';
import { bulkInsert } from '../../store/bulk-insert.js';
import type { Store } from '../../store/db.js';
import type { NcciPtpEditTable, PtpSetting } from '../../store/schema-procedures.js';
import { ImportError } from '../errors.js';
import { fileIdentity } from '../file-hash.js';
import { createProgress } from '../progress.js';
import { isIsoDate } from './dates.js';
import { parsePtp, parsePtpFileName } from './ptp-parse.js';
import { openLineSource } from './text-lines.js';

export interface PtpImportOptions {
  /** Quarter start, when the file name's version does not say (renamed files). */
  effective?: string;
  /** Practitioner or outpatient hospital, when the file name does not say. */
  setting?: PtpSetting;
  progress?: boolean;
}

export interface PtpImportReport {
  releaseId: number;
  setting: PtpSetting;
  effectiveFrom: string;
  version: string;
  part: string;
  rows: number;
  upToDate: boolean;
}

const BATCH = 20_000;

/**
 * Imports one CMS PTP part file (f1..f4, .txt or the .zip holding it) into its quarter's
 * release, streaming rows into the store in batches inside one transaction: the same file again
 * is a no-op, a changed file replaces only its own part, any bad line rolls back with file:line.
 */
export async function importPtp(
  store: Store,
  file: string,
  options: PtpImportOptions = {},
): Promise<PtpImportReport> {
  const name = basename(file);
  const fromName = parsePtpFileName(name);
  const setting = options.setting ?? fromName?.setting;
  if (!setting) {
    throw new ImportError(
      name,
      undefined,
      'the file name is not ccipra-*/ccioph-*: pass --setting practitioner|outpatient',
    );
  }
  if (options.effective !== undefined && !isIsoDate(options.effective)) {
    throw new ImportError(name, undefined, `--effective "${options.effective}" is not a YYYY-MM-DD date`);
  }
  const effectiveFrom = options.effective ?? fromName?.effectiveFrom;
  if (!effectiveFrom)
    throw new ImportError(
      name,
      undefined,
      'the file name does not give the NCCI version: pass --effective YYYY-MM-DD',
    );
  const version = fromName?.version ?? 'unversioned';
  const part = fromName?.part ?? 'f1';
  const identity = await fileIdentity(file).catch(() => {
    throw new ImportError(name, undefined, `cannot read file ${file}`);
  });
  return store.db.transaction().execute(async (trx) => {
    let release = await trx
      .selectFrom('ncci_ptp_release')
      .select(['id', 'version'])
      .where('setting', '=', setting)
      .where('effective_from', '=', effectiveFrom)
      .executeTakeFirst();
    if (release) {
      const done = await trx
        .selectFrom('ncci_ptp_release_file')
        .select(['sha256', 'rows'])
        .where('release_id', '=', release.id)
        .where('part', '=', part)
        .executeTakeFirst();
      if (done?.sha256 === identity.sha256) {
        return {
          releaseId: release.id,
          setting,
          effectiveFrom,
          version: release.version,
          part,
          rows: done.rows,
          upToDate: true,
        };
      }
      await trx
        .deleteFrom('ncci_ptp_edit')
        .where('release_id', '=', release.id)
        .where('part', '=', part)
        .execute();
      await trx
        .deleteFrom('ncci_ptp_release_file')
        .where('release_id', '=', release.id)
        .where('part', '=', part)
        .execute();
      await trx.updateTable('ncci_ptp_release').set({ version }).where('id', '=', release.id).execute();
    } else {
      release = await trx
        .insertInto('ncci_ptp_release')
        .values({ setting, effective_from: effectiveFrom, version })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
    }
    const releaseId = release.id;
    const progress = createProgress(`NCCI PTP ${part} ${effectiveFrom}`, identity.bytes, options.progress);
    const source = await openLineSource(file, { entry: /\.txt$/i, onProgress: (b) => progress.update(b) });
    let batch: NcciPtpEditTable[] = [];
    let rows = 0;
    try {
      for await (const r of parsePtp(source.lines, source.name)) {
        batch.push({
          release_id: releaseId,
          part,
          column1: r.column1,
          column2: r.column2,
          prior_1996: r.prior1996,
          effective_date: r.effectiveDate,
          deletion_date: r.deletionDate,
          modifier_indicator: r.modifierIndicator,
          rationale: r.rationale,
        });
        if (batch.length >= BATCH) {
          await bulkInsert(trx, 'ncci_ptp_edit', batch as unknown as Record<string, unknown>[]);
          rows += batch.length;
          batch = [];
        }
      }
      await bulkInsert(trx, 'ncci_ptp_edit', batch as unknown as Record<string, unknown>[]);
      rows += batch.length;
    } finally {
      progress.stop();
    }
    await trx
      .insertInto('ncci_ptp_release_file')
      .values({ release_id: releaseId, part, file_name: source.name, sha256: identity.sha256, rows })
      .execute();
    return { releaseId, setting, effectiveFrom, version, part, rows, upToDate: false };
  });
}

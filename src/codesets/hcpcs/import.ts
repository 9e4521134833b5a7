import { basename } from 'node:path';
import { bulkInsert } from '../../store/bulk-insert.js';
import type { Store } from '../../store/db.js';
import type { HcpcsCodeTable, HcpcsModifierTable } from '../../store/schema-procedures.js';
import { ImportError } from '../errors.js';
import { fileIdentity } from '../file-hash.js';
import { resolveEffective } from '../ncci/release-date.js';
import { openLineSource } from '../ncci/text-lines.js';
import { createProgress } from '../progress.js';
import { parseHcpcsRecords } from './parse.js';

export interface HcpcsImportOptions {
  /** Effective date of the release when the file name does not tell (quarterly updates). */
  effective?: string;
  progress?: boolean;
}

export interface HcpcsImportReport {
  releaseId: number;
  effectiveFrom: string;
  codes: number;
  modifiers: number;
  /** True when this exact file was already imported for this date (nothing written). */
  upToDate: boolean;
}

/**
 * Imports a HCPCS Level II release from the CMS alpha-numeric zip (or its extracted ANWEB .txt)
 * in one transaction. Re-importing the same file is a no-op; a different file for the same
 * effective date replaces that release; a bad record rolls everything back with file:line.
 */
export async function importHcpcs(
  store: Store,
  file: string,
  options: HcpcsImportOptions = {},
): Promise<HcpcsImportReport> {
  const name = basename(file);
  const effectiveFrom = resolveEffective(name, options.effective, 'HCPCS release');
  const identity = await fileIdentity(file).catch(() => {
    throw new ImportError(name, undefined, `cannot read file ${file}`);
  });
  const existing = await store.db
    .selectFrom('hcpcs_release')
    .selectAll()
    .where('effective_from', '=', effectiveFrom)
    .executeTakeFirst();
  if (existing && existing.sha256 === identity.sha256) {
    return {
      releaseId: existing.id,
      effectiveFrom,
      codes: existing.codes,
      modifiers: existing.modifiers,
      upToDate: true,
    };
  }
  const progress = createProgress(`HCPCS ${effectiveFrom}`, identity.bytes, options.progress);
  const source = await openLineSource(file, {
    entry: /ANWEB[^/]*\.txt$/i,
    onProgress: (b) => progress.update(b),
  });
  const codes: Omit<HcpcsCodeTable, 'release_id'>[] = [];
  const modifiers: Omit<HcpcsModifierTable, 'release_id'>[] = [];
  const seen = new Set<string>();
  try {
    for await (const r of parseHcpcsRecords(source.lines, source.name)) {
      const key = `${r.kind}:${r.code}`;
      if (seen.has(key)) throw new ImportError(source.name, r.line, `${r.kind} ${r.code} appears twice`);
      seen.add(key);
      const dates = {
        added_date: r.addedDate,
        action_effective_date: r.actionEffectiveDate,
        termination_date: r.terminationDate,
        action_code: r.actionCode,
      };
      if (r.kind === 'modifier') {
        modifiers.push({
          modifier: r.code,
          long_description: r.longDescription,
          short_description: r.shortDescription,
          ...dates,
        });
      } else {
        codes.push({
          code: r.code,
          long_description: r.longDescription,
          short_description: r.shortDescription,
          pricing_indicators: r.pricingIndicators.join(' '),
          coverage_code: r.coverageCode,
          betos: r.betos,
          type_of_service: r.typeOfService,
          ...dates,
        });
      }
    }
  } finally {
    progress.stop();
  }
  const releaseId = await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('hcpcs_release').where('effective_from', '=', effectiveFrom).execute();
    const { id } = await trx
      .insertInto('hcpcs_release')
      .values({
        effective_from: effectiveFrom,
        label: `HCPCS Level II effective ${effectiveFrom}`,
        file_name: source.name,
        sha256: identity.sha256,
        codes: codes.length,
        modifiers: modifiers.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bulkInsert(
      trx,
      'hcpcs_code',
      codes.map((c) => ({ release_id: id, ...c })),
    );
    await bulkInsert(
      trx,
      'hcpcs_modifier',
      modifiers.map((m) => ({ release_id: id, ...m })),
    );
    return id;
  });
  return { releaseId, effectiveFrom, codes: codes.length, modifiers: modifiers.length, upToDate: false };
}

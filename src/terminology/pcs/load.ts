/**
 * Loads one ICD-10-PCS release from the store into memory (code-set.ts): the release in effect on
 * a date of service, a named fiscal year, or the newest imported.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type {} from '../../store/schema-pcs.js';
import { PcsCodeSet, type PcsRelease } from './code-set.js';

export interface PcsLoadOptions {
  /** ISO date of service: the release whose window holds it (else the newest, flagged). */
  date?: string;
  fiscalYear?: number;
}

export interface PcsReleaseChoice {
  release: PcsRelease;
  /** True when no imported release covers the date asked for and the newest was used. */
  outsideWindow: boolean;
}

/** No ICD-10-PCS release is imported (or none of the fiscal year asked for). */
export class PcsNotImportedError extends Error {
  override name = 'PcsNotImportedError';
}

/** Which imported release answers for a date or fiscal year. */
export async function choosePcsRelease(
  db: Kysely<Database>,
  options: PcsLoadOptions = {},
): Promise<PcsReleaseChoice> {
  const rows = await db
    .selectFrom('icd10pcs_release')
    .select(['id', 'fiscal_year', 'effective_from', 'effective_to', 'label'])
    .orderBy('effective_from', 'desc')
    .execute();
  const releases: PcsRelease[] = rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    label: r.label,
  }));
  if (releases.length === 0) {
    throw new PcsNotImportedError(
      'no ICD-10-PCS release is imported: run "medcoder import" with the CMS PCS order file (icd10pcs_order_YYYY.txt or its zip) in the code-set folder',
    );
  }
  if (options.fiscalYear !== undefined) {
    const r = releases.find((x) => x.fiscalYear === options.fiscalYear);
    if (!r) {
      throw new PcsNotImportedError(
        `ICD-10-PCS FY${options.fiscalYear} is not imported (imported: ${releases.map((x) => `FY${x.fiscalYear}`).join(', ')})`,
      );
    }
    return { release: r, outsideWindow: false };
  }
  if (options.date !== undefined) {
    const date = options.date;
    const r = releases.find((x) => x.effectiveFrom <= date && date <= x.effectiveTo);
    if (r) return { release: r, outsideWindow: false };
    return { release: releases[0]!, outsideWindow: true };
  }
  return { release: releases[0]!, outsideWindow: false };
}

/** The release's codes and labels, in memory. */
export async function loadPcsCodeSet(db: Kysely<Database>, release: PcsRelease): Promise<PcsCodeSet> {
  const [codes, labels] = await Promise.all([
    db
      .selectFrom('icd10pcs_code')
      .select(['code', 'short_title', 'long_title'])
      .where('release_id', '=', release.id)
      .execute(),
    db
      .selectFrom('icd10pcs_label')
      .select(['context', 'position', 'value', 'label', 'derivation'])
      .where('release_id', '=', release.id)
      .execute(),
  ]);
  return new PcsCodeSet(
    release,
    codes.map((c) => ({ code: c.code, shortTitle: c.short_title, longTitle: c.long_title })),
    labels,
  );
}

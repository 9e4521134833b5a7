import { basename } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Store } from '../../store/db.js';
import type { Database, Icd10cmFileKind } from '../../store/schema.js';
import { ImportError } from '../errors.js';
import { fileIdentity } from '../file-hash.js';
import { createProgress } from '../progress.js';
import { parseAddenda } from './addenda-parser.js';
import { parseCodesFile } from './codes-file-parser.js';
import { type DiscoveredFile, type DiscoveredRelease, discoverIcd10cm } from './discover.js';
import { parseIndex } from './index-parser.js';
import { parseOrderFile } from './order-parser.js';
import { type ReleaseKey, releaseLabel } from './release-key.js';
import { parseTable } from './table-parser.js';
import { parseTabular } from './tabular-parser.js';
import { writeAddenda, writeCodesFile } from './write-codes.js';
import { writeIndex } from './write-index.js';
import { writeOrder } from './write-order.js';
import { writeTabular } from './write-tabular.js';

export interface Icd10cmImportOptions {
  /** Folder holding the official files (searched recursively). */
  dir: string;
  /** Effective date of the release(s), when the file names don't tell (mid-year updates). */
  effective?: string;
  /** Show progress bars (default: when stderr is a terminal). */
  progress?: boolean;
  /** Where progress lines go (default: nowhere). */
  log?: (line: string) => void;
}

/** The billable codes derived from the Tabular compared with the order file's. */
export interface BillableCheck {
  derived: number;
  orderFile: number;
  equal: boolean;
  /** Valid in the order file but not derived (first few). */
  missing: string[];
  /** Derived but not valid in the order file (first few). */
  extra: string[];
}

export interface ReleaseImportReport {
  releaseId: number;
  label: string;
  key: ReleaseKey;
  imported: Icd10cmFileKind[];
  alreadyPresent: Icd10cmFileKind[];
  counts: Partial<Record<Icd10cmFileKind, Record<string, number>>>;
  totals: { codes: number; billable: number; indexTerms: number };
  billableCheck?: BillableCheck;
}

export interface Icd10cmImportReport {
  releases: ReleaseImportReport[];
  /** True when nothing new was written (every file was already imported). */
  upToDate: boolean;
}

/**
 * Imports every ICD-10-CM release found in a folder in ONE transaction: a malformed or truncated
 * file anywhere aborts the whole import with its file, line and reason, and the store is left
 * exactly as it was. Files already imported (same release, kind and sha256) are skipped, so
 * importing twice is a no-op; a different file of a kind the release already has is refused.
 */
export async function importIcd10cm(
  store: Store,
  options: Icd10cmImportOptions,
): Promise<Icd10cmImportReport> {
  const log = options.log ?? (() => {});
  const discovered = await discoverIcd10cm(options.dir, options.effective);
  if (discovered.length === 0) {
    throw new ImportError(
      options.dir,
      undefined,
      'no ICD-10-CM release files (Tabular/Index XML, order file) found',
    );
  }
  const identities = new Map<string, { sha256: string; bytes: number }>();
  for (const r of discovered) for (const f of r.files) identities.set(f.path, await fileIdentity(f.path));

  return store.db.transaction().execute(async (trx) => {
    const reports: ReleaseImportReport[] = [];
    for (const release of discovered) {
      reports.push(await importRelease(trx, release, identities, options, log));
    }
    return { releases: reports, upToDate: reports.every((r) => r.imported.length === 0) };
  });
}

async function importRelease(
  trx: Kysely<Database>,
  release: DiscoveredRelease,
  identities: Map<string, { sha256: string; bytes: number }>,
  options: Icd10cmImportOptions,
  log: (line: string) => void,
): Promise<ReleaseImportReport> {
  const { key } = release;
  const label = releaseLabel(key);
  const releaseId = await ensureRelease(trx, key, label);
  const existing = new Map(
    (
      await trx.selectFrom('icd10cm_release_file').selectAll().where('release_id', '=', releaseId).execute()
    ).map((f) => [f.kind, f]),
  );
  const report: ReleaseImportReport = {
    releaseId,
    label,
    key,
    imported: [],
    alreadyPresent: [],
    counts: {},
    totals: { codes: 0, billable: 0, indexTerms: 0 },
  };
  for (const file of release.files) {
    const identity = identities.get(file.path)!;
    const present = existing.get(file.kind);
    if (present) {
      if (present.sha256 !== identity.sha256) {
        throw new ImportError(
          basename(file.path),
          undefined,
          `${label} already has a different ${file.kind} file (${present.file_name}, sha256 ${present.sha256.slice(0, 12)}…); ` +
            `a release's files are immutable — import a corrected release under its own --effective date`,
        );
      }
      report.alreadyPresent.push(file.kind);
      report.counts[file.kind] = present.counts;
      continue;
    }
    // The order file holds everything the codes file does (and the headers' own titles): with
    // both, the order file's rows stand and the codes file adds nothing.
    const hasOrder = existing.has('order') || release.files.some((f) => f.kind === 'order');
    if (file.kind === 'codes' && hasOrder) {
      log(`${label}: ${basename(file.path)} skipped: the release's order file lists the same codes`);
      continue;
    }
    if (file.kind === 'order' && existing.has('codes')) {
      await trx.deleteFrom('icd10cm_order').where('release_id', '=', releaseId).execute();
      await trx
        .deleteFrom('icd10cm_release_file')
        .where('release_id', '=', releaseId)
        .where('kind', '=', 'codes')
        .execute();
    }
    log(`${label}: importing ${file.kind} from ${basename(file.path)}`);
    const counts = await importFile(trx, releaseId, file, identity.bytes, label, options.progress);
    await trx
      .insertInto('icd10cm_release_file')
      .values({
        release_id: releaseId,
        kind: file.kind,
        file_name: basename(file.path),
        sha256: identity.sha256,
        bytes: identity.bytes,
        counts: JSON.stringify(counts),
      })
      .execute();
    report.imported.push(file.kind);
    report.counts[file.kind] = counts;
  }
  // What the release holds now: the files it already had plus those just imported.
  const kinds = new Set<Icd10cmFileKind>([...report.alreadyPresent, ...report.imported]);
  report.totals = await releaseTotals(trx, releaseId, kinds);
  report.billableCheck = await checkBillable(trx, releaseId, kinds);
  return report;
}

async function ensureRelease(trx: Kysely<Database>, key: ReleaseKey, label: string): Promise<number> {
  const found = await trx
    .selectFrom('icd10cm_release')
    .select('id')
    .where('fiscal_year', '=', key.fiscalYear)
    .where('effective_from', '=', key.effectiveFrom)
    .executeTakeFirst();
  if (found) return found.id;
  const inserted = await trx
    .insertInto('icd10cm_release')
    .values({
      fiscal_year: key.fiscalYear,
      effective_from: key.effectiveFrom,
      effective_to: key.effectiveTo,
      label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

async function importFile(
  trx: Kysely<Database>,
  releaseId: number,
  file: DiscoveredFile,
  bytes: number,
  label: string,
  progressEnabled: boolean | undefined,
): Promise<Record<string, number>> {
  const progress = createProgress(`FY${label.match(/FY(\d+)/)?.[1]} ${file.kind}`, bytes, progressEnabled);
  const onProgress = (n: number) => progress.update(n);
  try {
    switch (file.kind) {
      case 'tabular':
        return await writeTabular(trx, releaseId, await parseTabular(file.path, onProgress));
      case 'order':
        return await writeOrder(trx, releaseId, await parseOrderFile(file.path, onProgress));
      case 'codes':
        return await writeCodesFile(trx, releaseId, await parseCodesFile(file.path, onProgress));
      case 'addenda':
        return await writeAddenda(trx, releaseId, await parseAddenda(file.path));
      case 'index':
        return await writeIndex(trx, releaseId, await parseIndex(file.path, 'disease', onProgress));
      case 'eindex':
        return await writeIndex(trx, releaseId, await parseIndex(file.path, 'eindex', onProgress));
      case 'drug':
      case 'neoplasm':
        return await writeIndex(trx, releaseId, await parseTable(file.path, file.kind, onProgress));
    }
  } finally {
    progress.stop();
  }
}

async function releaseTotals(
  trx: Kysely<Database>,
  releaseId: number,
  kinds: ReadonlySet<Icd10cmFileKind>,
): Promise<ReleaseImportReport['totals']> {
  // Without a Tabular, the code list is the order or codes file's (headers included).
  const codes = await trx
    .selectFrom(kinds.has('tabular') ? 'icd10cm_code' : 'icd10cm_order')
    .select((eb) => [eb.fn.countAll<number>().as('n')])
    .where('release_id', '=', releaseId)
    .executeTakeFirstOrThrow();
  const billable =
    kinds.has('order') || kinds.has('codes')
      ? await trx
          .selectFrom('icd10cm_order')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('release_id', '=', releaseId)
          .where('billable', '=', true)
          .executeTakeFirstOrThrow()
      : await trx
          .selectFrom('icd10cm_code')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('release_id', '=', releaseId)
          .where('billable_derived', '=', true)
          .executeTakeFirstOrThrow();
  const terms = await trx
    .selectFrom('icd10cm_index_term')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('release_id', '=', releaseId)
    .executeTakeFirstOrThrow();
  return { codes: Number(codes.n), billable: Number(billable.n), indexTerms: Number(terms.n) };
}

/** How many differing codes the billable check names (the counts say how many there are). */
const BILLABLE_DIFF_SHOWN = 20;

/**
 * When a release has both a Tabular and an order file, the codes derived as billable from the
 * Tabular must be exactly the order file's valid codes; any difference is reported by code.
 */
async function checkBillable(
  trx: Kysely<Database>,
  releaseId: number,
  kinds: ReadonlySet<Icd10cmFileKind>,
): Promise<BillableCheck | undefined> {
  if (!kinds.has('tabular') || !kinds.has('order')) return undefined;
  const missing = await sql<{ code: string }>`
    SELECT o.code FROM icd10cm_order o
    WHERE o.release_id = ${releaseId} AND o.billable
      AND NOT EXISTS (SELECT 1 FROM icd10cm_code c
                      WHERE c.release_id = o.release_id AND c.code = o.code AND c.billable_derived)
    ORDER BY o.order_no LIMIT ${BILLABLE_DIFF_SHOWN}`.execute(trx);
  const extra = await sql<{ code: string }>`
    SELECT c.code FROM icd10cm_code c
    WHERE c.release_id = ${releaseId} AND c.billable_derived
      AND NOT EXISTS (SELECT 1 FROM icd10cm_order o
                      WHERE o.release_id = c.release_id AND o.code = c.code AND o.billable)
    ORDER BY c.seq LIMIT ${BILLABLE_DIFF_SHOWN}`.execute(trx);
  const counts = await sql<{ derived: number; order_file: number }>`
    SELECT (SELECT count(*) FROM icd10cm_code WHERE release_id = ${releaseId} AND billable_derived) AS derived,
           (SELECT count(*) FROM icd10cm_order WHERE release_id = ${releaseId} AND billable) AS order_file`.execute(
    trx,
  );
  const row = counts.rows[0]!;
  return {
    derived: Number(row.derived),
    orderFile: Number(row.order_file),
    equal: missing.rows.length === 0 && extra.rows.length === 0,
    missing: missing.rows.map((r) => r.code),
    extra: extra.rows.map((r) => r.code),
  };
}

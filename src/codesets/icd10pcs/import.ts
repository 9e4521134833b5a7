import { basename } from 'node:path';
import { bulkInsert } from '../../store/bulk-insert.js';
import type { Store } from '../../store/db.js';
import type { Icd10pcsCodeTable, Icd10pcsLabelTable, PcsFileKind } from '../../store/schema-pcs.js';
import { ImportError } from '../errors.js';
import { fileIdentity } from '../file-hash.js';
import { fiscalYearFromName, releaseKeyFor } from '../icd10cm/release-key.js';
import { openLineSource } from '../ncci/text-lines.js';
import { createProgress } from '../progress.js';
import { deriveAxisLabels, LABEL_DERIVATION_VERSION, type PcsDerivedLabel } from './derive-labels.js';
import { type PcsHeader, type PcsTableNames, tableNames } from './headers.js';
import { parsePcsCodes, parsePcsOrder } from './parse.js';

export interface PcsReleaseFiles {
  /** The order file (`icd10pcs_order_YYYY.txt`) or the CMS zip holding it. Required: it has the table headers. */
  order: string;
  /** The codes file (`icd10pcs_codes_YYYY.txt`) or its zip; checked against the order file when given. */
  codes?: string;
}

export interface PcsImportOptions {
  /** Effective date of a mid-year update the file names do not state. */
  effective?: string;
  progress?: boolean;
}

export interface PcsImportReport {
  releaseId: number;
  fiscalYear: number;
  effectiveFrom: string;
  codes: number;
  tables: number;
  /** Labels of characters 4-7 by how they were found (title-diff, sibling, none, ...). */
  labels: Record<string, number>;
  /** True when these exact files were already imported for this date (nothing written). */
  upToDate: boolean;
}

/** Zip entries holding each file (the zips also hold addenda and a PDF). */
const ENTRY: Record<PcsFileKind, RegExp> = {
  order: /icd10pcs_order_\d{4}\.txt$/i,
  codes: /icd10pcs_codes_\d{4}\.txt$/i,
};

interface ParsedOrder {
  name: string;
  headers: PcsHeader[];
  codes: Array<Omit<Icd10pcsCodeTable, 'release_id'> & { line: number }>;
  tableSeq: Map<string, number>;
}

async function readOrder(file: string, progress?: boolean): Promise<ParsedOrder> {
  const bar = createProgress('ICD-10-PCS order', (await fileIdentity(file)).bytes, progress);
  const source = await openLineSource(file, { entry: ENTRY.order, onProgress: (b) => bar.update(b) });
  const headers: PcsHeader[] = [];
  const tableSeq = new Map<string, number>();
  const codes: ParsedOrder['codes'] = [];
  const seen = new Map<string, number>();
  try {
    for await (const r of parsePcsOrder(source.lines, source.name)) {
      const earlier = seen.get(r.code);
      if (earlier !== undefined) {
        throw new ImportError(source.name, r.line, `${r.code} appears twice (first on line ${earlier})`);
      }
      seen.set(r.code, r.line);
      if (r.header) {
        headers.push({ table: r.code, title: r.longTitle, line: r.line });
        tableSeq.set(r.code, r.order);
        continue;
      }
      if (!tableSeq.has(r.code.slice(0, 3))) {
        throw new ImportError(
          source.name,
          r.line,
          `code ${r.code} comes before any header of its table ${r.code.slice(0, 3)}`,
        );
      }
      codes.push({
        code: r.code,
        seq: r.order,
        short_title: r.shortTitle,
        long_title: r.longTitle,
        line: r.line,
      });
    }
  } finally {
    bar.stop();
  }
  if (codes.length === 0)
    throw new ImportError(source.name, undefined, 'no valid codes (flag 1) in the order file');
  return { name: source.name, headers, codes, tableSeq };
}

/** The codes file must list exactly the order file's valid codes with the same long titles. */
async function checkCodesFile(file: string, order: ParsedOrder): Promise<string> {
  const source = await openLineSource(file, { entry: ENTRY.codes });
  const byCode = new Map(order.codes.map((c) => [c.code, c]));
  const listed = new Set<string>();
  for await (const c of parsePcsCodes(source.lines, source.name)) {
    const o = byCode.get(c.code);
    if (!o) throw new ImportError(source.name, c.line, `code ${c.code} is not a valid code in ${order.name}`);
    if (listed.has(c.code)) throw new ImportError(source.name, c.line, `${c.code} appears twice`);
    if (o.long_title !== c.title) {
      throw new ImportError(
        source.name,
        c.line,
        `the title of ${c.code} differs from ${order.name} line ${o.line} ("${o.long_title}")`,
      );
    }
    listed.add(c.code);
  }
  const missing = order.codes.find((c) => !listed.has(c.code));
  if (missing) {
    throw new ImportError(
      order.name,
      missing.line,
      `code ${missing.code} is not in the codes file ${source.name}`,
    );
  }
  return source.name;
}

function labelRows(
  headers: readonly PcsHeader[],
  names: ReadonlyMap<string, PcsTableNames>,
  derived: readonly PcsDerivedLabel[],
  file: string,
): Array<Omit<Icd10pcsLabelTable, 'release_id'>> {
  const rows = new Map<string, Omit<Icd10pcsLabelTable, 'release_id'>>();
  const add = (row: Omit<Icd10pcsLabelTable, 'release_id'>, line?: number) => {
    const k = `${row.context}|${row.position}|${row.value}`;
    const other = rows.get(k);
    if (other && other.label !== row.label) {
      throw new ImportError(
        file,
        line,
        `character ${row.position} value ${row.value} after "${row.context}" is named both "${other.label}" and "${row.label}" by the headers`,
      );
    }
    rows.set(k, row);
  };
  for (const h of headers) {
    const n = names.get(h.table)!;
    const [s, b, o] = [h.table[0]!, h.table[1]!, h.table[2]!];
    add({ context: '', position: 1, value: s, label: n.section, derivation: n.sectionFrom }, h.line);
    add({ context: s, position: 2, value: b, label: n.bodySystem, derivation: 'header' }, h.line);
    add({ context: s + b, position: 3, value: o, label: n.operation, derivation: 'header' }, h.line);
  }
  for (const d of derived) {
    add({ context: d.table, position: d.position, value: d.value, label: d.label, derivation: d.derivation });
  }
  return [...rows.values()];
}

/**
 * Imports one ICD-10-PCS release (the order file, and the codes file when given) in one
 * transaction: codes, table headers, and the labels of every character of every table. The
 * fiscal year comes from the file names (`icd10pcs_order_2026.txt`, `2026-icd-10-pcs-…zip`);
 * re-importing the same files is a no-op; different files for the same effective date replace
 * that release; a malformed line rolls everything back and names its file and line.
 */
export async function importPcs(
  store: Store,
  files: PcsReleaseFiles,
  options: PcsImportOptions = {},
): Promise<PcsImportReport> {
  const paths = [files.order, ...(files.codes ? [files.codes] : [])];
  const years = new Set(paths.map((p) => fiscalYearFromName(basename(p))));
  const fiscalYear = [...years][0];
  if (fiscalYear === undefined || years.size > 1) {
    throw new ImportError(
      basename(files.order),
      undefined,
      years.size > 1
        ? `the order and codes files name different fiscal years (${[...years].join(', ')})`
        : 'the file name does not say which fiscal year it is (expected e.g. icd10pcs_order_2026.txt)',
    );
  }
  const key = releaseKeyFor(
    fiscalYear,
    paths.map((p) => basename(p)),
    options.effective,
  );
  const identities = await Promise.all(
    paths.map((p) =>
      fileIdentity(p).catch(() => {
        throw new ImportError(basename(p), undefined, `cannot read file ${p}`);
      }),
    ),
  );
  const existing = await store.db
    .selectFrom('icd10pcs_release')
    .selectAll()
    .where('effective_from', '=', key.effectiveFrom)
    .executeTakeFirst();
  if (existing) {
    const stored = await store.db
      .selectFrom('icd10pcs_release_file')
      .select(['kind', 'sha256'])
      .where('release_id', '=', existing.id)
      .execute();
    // The same files, labelled by this version of the derivation: nothing to do. A newer
    // derivation labels the same files again.
    const same =
      stored.length === paths.length &&
      stored.every((f) => identities[f.kind === 'order' ? 0 : 1]?.sha256 === f.sha256) &&
      existing.derivation.version === LABEL_DERIVATION_VERSION;
    if (same) {
      return {
        releaseId: existing.id,
        fiscalYear,
        effectiveFrom: key.effectiveFrom,
        codes: existing.codes,
        tables: existing.tables,
        labels: existing.derivation.counts,
        upToDate: true,
      };
    }
  }

  const order = await readOrder(files.order, options.progress);
  const codesName = files.codes ? await checkCodesFile(files.codes, order) : undefined;
  const names = tableNames(order.headers, order.name);
  const derived = deriveAxisLabels(
    order.codes.map((c) => ({ code: c.code, title: c.long_title })),
    new Map([...names].map(([table, n]) => [table, n.operation])),
  );
  const labels = labelRows(order.headers, names, derived, order.name);
  const counts: Record<string, number> = {};
  for (const d of derived) counts[d.derivation] = (counts[d.derivation] ?? 0) + 1;

  const releaseId = await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('icd10pcs_release').where('effective_from', '=', key.effectiveFrom).execute();
    const { id } = await trx
      .insertInto('icd10pcs_release')
      .values({
        fiscal_year: fiscalYear,
        effective_from: key.effectiveFrom,
        effective_to: key.effectiveTo,
        label:
          key.effectiveFrom === `${fiscalYear - 1}-10-01`
            ? `ICD-10-PCS FY${fiscalYear}`
            : `ICD-10-PCS FY${fiscalYear} (update effective ${key.effectiveFrom})`,
        codes: order.codes.length,
        tables: order.headers.length,
        derivation: JSON.stringify({ version: LABEL_DERIVATION_VERSION, counts }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bulkInsert(trx, 'icd10pcs_release_file', [
      {
        release_id: id,
        kind: 'order',
        file_name: order.name,
        sha256: identities[0]!.sha256,
        bytes: identities[0]!.bytes,
      },
      ...(codesName
        ? [
            {
              release_id: id,
              kind: 'codes',
              file_name: codesName,
              sha256: identities[1]!.sha256,
              bytes: identities[1]!.bytes,
            },
          ]
        : []),
    ]);
    await bulkInsert(
      trx,
      'icd10pcs_table',
      order.headers.map((h) => ({
        release_id: id,
        table_code: h.table,
        seq: order.tableSeq.get(h.table)!,
        title: h.title,
      })),
    );
    await bulkInsert(
      trx,
      'icd10pcs_code',
      order.codes.map(({ line: _line, ...c }) => ({ release_id: id, ...c })),
    );
    await bulkInsert(
      trx,
      'icd10pcs_label',
      labels.map((l) => ({ release_id: id, ...l })),
    );
    return id;
  });
  return {
    releaseId,
    fiscalYear,
    effectiveFrom: key.effectiveFrom,
    codes: order.codes.length,
    tables: order.headers.length,
    labels: counts,
    upToDate: false,
  };
}

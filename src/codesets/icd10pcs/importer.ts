import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { fiscalYearFromName } from '../icd10cm/release-key.js';
import { listFiles } from '../list-files.js';
import type { CodeSystemImporter } from '../registry.js';
import { importPcs, type PcsReleaseFiles } from './import.js';

// The CMS ICD-10-PCS release files: the zips as CMS names them (`2026-icd-10-pcs-order-file-long-
// and-abbreviated-titles.zip`, `2026-icd-10-pcs-codes-file.zip`) or the text files inside them.
const ORDER_FILE = /(icd10pcs_order_\d{4}[^/]*\.txt|icd-10-pcs-order[^/]*\.zip)$/i;
const CODES_FILE = /(icd10pcs_codes_\d{4}[^/]*\.txt|icd-10-pcs-codes[^/]*\.zip)$/i;

/** One zip, else one text file, per fiscal year (a zip and the .txt from it are the same file). */
function byYear(files: readonly string[]): Map<number, string> {
  const out = new Map<number, string[]>();
  for (const f of files) {
    const year = fiscalYearFromName(basename(f));
    if (year === undefined)
      throw new ImportError(basename(f), undefined, 'the file name does not say its fiscal year');
    out.set(year, [...(out.get(year) ?? []), f]);
  }
  const chosen = new Map<number, string>();
  for (const [year, list] of out) {
    const zips = list.filter((f) => /\.zip$/i.test(f));
    const pick = zips.length > 0 ? zips : list;
    if (pick.length > 1) {
      throw new ImportError(
        basename(pick[1]!),
        undefined,
        `two ICD-10-PCS files of one kind for FY${year} (${pick.map((p) => basename(p)).join(', ')}); import each update on its own with --effective`,
      );
    }
    chosen.set(year, pick[0]!);
  }
  return chosen;
}

/** Every fiscal year's order file (required) with its codes file (when present). */
export async function discoverPcs(dir: string): Promise<Array<PcsReleaseFiles & { fiscalYear: number }>> {
  const all = await listFiles(dir);
  const orders = byYear(all.filter((f) => ORDER_FILE.test(basename(f))));
  const codes = byYear(all.filter((f) => CODES_FILE.test(basename(f))));
  for (const [year, file] of codes) {
    if (!orders.has(year)) {
      throw new ImportError(
        basename(file),
        undefined,
        `an ICD-10-PCS codes file for FY${year} but no order file: the order file's table headers are needed (icd10pcs_order_${year}.txt)`,
      );
    }
  }
  return [...orders]
    .sort((a, b) => a[0] - b[0])
    .map(([fiscalYear, order]) => ({
      fiscalYear,
      order,
      ...(codes.has(fiscalYear) ? { codes: codes.get(fiscalYear)! } : {}),
    }));
}

/** ICD-10-PCS as one of `medcoder import`'s code systems (optional: imported when present). */
export const icd10pcsImporter: CodeSystemImporter = {
  system: 'icd10pcs',
  required: false,
  async present(dir) {
    const all = await listFiles(dir);
    return all.some((f) => ORDER_FILE.test(basename(f)) || CODES_FILE.test(basename(f)));
  },
  async run(store, dir, options) {
    const reports = [];
    for (const files of await discoverPcs(dir)) {
      reports.push({
        order: basename(files.order),
        ...(files.codes ? { codesFile: basename(files.codes) } : {}),
        ...(await importPcs(store, files, options)),
      });
    }
    return {
      system: 'icd10pcs',
      upToDate: reports.every((r) => r.upToDate),
      lines: reports.map((r) => {
        const named = Object.entries(r.labels)
          .map(([how, n]) => `${n} ${how}`)
          .join(', ');
        return `ICD-10-PCS FY${r.fiscalYear} effective ${r.effectiveFrom}: ${r.codes} codes in ${r.tables} tables; labels ${named}`;
      }),
      report: reports,
    };
  },
};

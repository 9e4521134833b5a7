import type { CodeSystemImporter } from '../registry.js';
import { discoverIcd10cm } from './discover.js';
import { importIcd10cm } from './import.js';

const n = (x: number) => x.toLocaleString('en-US');

/** ICD-10-CM as one of `medcoder import`'s code systems. */
export const icd10cmImporter: CodeSystemImporter = {
  system: 'icd10cm',
  required: true,
  async present(dir) {
    return (await discoverIcd10cm(dir)).length > 0;
  },
  async run(store, dir, options) {
    const report = await importIcd10cm(store, { dir, ...options });
    const lines: string[] = [];
    for (const r of report.releases) {
      const files = [...r.imported.map((k) => `${k} (new)`), ...r.alreadyPresent].join(', ');
      lines.push(`${r.label} [${r.key.effectiveFrom}..${r.key.effectiveTo}]: ${files}`);
      lines.push(
        `  codes ${n(r.totals.codes)}, billable ${n(r.totals.billable)}, index terms ${n(r.totals.indexTerms)}`,
      );
      const c = r.billableCheck;
      if (c) {
        lines.push(
          c.equal
            ? `  check: ${n(c.derived)} billable codes derived from the Tabular = ${n(c.orderFile)} valid codes in the order file`
            : `  check FAILED: derived ${n(c.derived)} vs order file ${n(c.orderFile)}; ` +
                `missing ${c.missing.join(' ')}; extra ${c.extra.join(' ')}`,
        );
      }
    }
    return { system: 'icd10cm', upToDate: report.upToDate, lines, report };
  },
};

import type { Command } from 'commander';
import { codeSystemImporters, type ImportSummary } from '../../codesets/registry.js';
import { codesetsDir } from '../../config.js';
import { openStore } from '../../store/db.js';

/** `medcoder import [DIR]`: imports every code system whose official files are in DIR. */
export function register(program: Command): void {
  program
    .command('import')
    .description(
      'import the official code-set files found in DIR (default: MEDCODER_CODESETS or ../shared/codesets)',
    )
    .argument('[dir]', 'folder holding the CMS/CDC release files (searched recursively)')
    .option('--only <systems>', 'comma-separated code systems to import (e.g. icd10cm)')
    .option(
      '--effective <date>',
      'effective date (YYYY-MM-DD) of a mid-year update the file names do not state',
    )
    .option('--quiet-if-done', 'print one line when everything is already imported')
    .option('--json', 'print the import report as JSON')
    .action(async (dirArg: string | undefined, opts) => {
      const dir = dirArg ?? codesetsDir();
      const only = opts.only ? new Set(String(opts.only).split(',')) : undefined;
      if (opts.effective && !/^\d{4}-\d{2}-\d{2}$/.test(opts.effective)) {
        throw new Error(`--effective must be YYYY-MM-DD, got "${opts.effective}"`);
      }
      const store = await openStore();
      const summaries: ImportSummary[] = [];
      const started = Date.now();
      try {
        for (const load of codeSystemImporters) {
          const importer = await load();
          if (only && !only.has(importer.system)) continue;
          if (!(await importer.present(dir))) {
            if (importer.required) {
              throw new Error(
                `no ${importer.system} release files in ${dir}. Download them from CMS ` +
                  '(https://www.cms.gov/medicare/coding-billing/icd-10-codes) and set MEDCODER_CODESETS to their folder',
              );
            }
            continue;
          }
          summaries.push(
            await importer.run(store, dir, {
              effective: opts.effective,
              progress: opts.json ? false : undefined,
              log: (line) => {
                if (!opts.json) console.error(line);
              },
            }),
          );
        }
      } finally {
        await store.close();
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (opts.json) {
        console.log(
          JSON.stringify({ store: store.location, seconds: Number(seconds), systems: summaries }, null, 2),
        );
        return;
      }
      if (opts.quietIfDone && summaries.every((s) => s.upToDate)) {
        console.error(
          `code sets up to date in ${store.location} (${summaries.map((s) => s.system).join(', ')})`,
        );
        return;
      }
      for (const s of summaries) {
        console.log(`${s.system}${s.upToDate ? ' (already imported)' : ''}:`);
        for (const line of s.lines) console.log(`  ${line}`);
      }
      console.log(`done in ${seconds} s -> ${store.location}`);
    });
}

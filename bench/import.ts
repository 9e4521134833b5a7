/**
 * Full ICD-10-CM import (Tabular, order file, Alphabetic Index, External Cause Index, Drug and
 * Neoplasm tables) into a fresh embedded store, timed per release. Goal: < 60 s in all.
 * Run: npx tsx bench/import.ts [CODESETS_DIR]   (default MEDCODER_CODESETS or ../shared/codesets)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIcd10cm } from '../src/codesets/icd10cm/import.js';
import { codesetsDir } from '../src/config.js';
import { openStore } from '../src/store/index.js';

const dir = process.argv[2] ?? codesetsDir();
const dataDir = mkdtempSync(join(tmpdir(), 'medcoder-bench-import-'));
try {
  const store = await openStore({ dataDir });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await importIcd10cm(store, { dir, progress: false });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const t1 = performance.now();
  const again = await importIcd10cm(store, { dir, progress: false });
  const rerun = (performance.now() - t1) / 1000;
  await store.close();

  console.log('ICD-10-CM full import into a fresh embedded (PGlite) store');
  for (const r of report.releases) {
    console.log(
      `  ${r.label.padEnd(46)} ${r.imported.join('+').padEnd(24)} codes ${r.totals.codes}, billable ${r.totals.billable}, index terms ${r.totals.indexTerms}`,
    );
  }
  console.log(
    `  wall ${wall.toFixed(1)} s (goal < 60 s), process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  );
  console.log(`  re-import (no-op, hashes files): ${rerun.toFixed(1)} s, upToDate=${again.upToDate}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

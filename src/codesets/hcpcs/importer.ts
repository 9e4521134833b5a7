import { basename } from 'node:path';
import { listFiles } from '../list-files.js';
import type { CodeSystemImporter } from '../registry.js';
import { importHcpcs } from './import.js';

// The CMS alpha-numeric HCPCS release: the zip (`2019-Alpha-Numeric-HCPCS-File.zip`,
// `HCPC2026_JAN_ANWEB_….zip`) or its extracted record file (`HCPC2019_CONTR_ANWEB.txt`).
const HCPCS_FILE = /(anweb[^/]*\.(txt|zip)|alpha-numeric-hcpcs[^/]*\.zip)$/i;

async function hcpcsFiles(dir: string): Promise<string[]> {
  const files = (await listFiles(dir)).filter((f) => HCPCS_FILE.test(basename(f)));
  // A zip and the .txt extracted from it are the same release: prefer the zip's name once.
  const zips = files.filter((f) => f.toLowerCase().endsWith('.zip'));
  return zips.length > 0 ? zips : files;
}

/** HCPCS Level II as one of `medcoder import`'s code systems (optional: imported when present). */
export const hcpcsImporter: CodeSystemImporter = {
  system: 'hcpcs',
  required: false,
  async present(dir) {
    return (await hcpcsFiles(dir)).length > 0;
  },
  async run(store, dir, options) {
    const reports = [];
    for (const file of await hcpcsFiles(dir)) {
      reports.push({ file: basename(file), ...(await importHcpcs(store, file, options)) });
    }
    return {
      system: 'hcpcs',
      upToDate: reports.every((r) => r.upToDate),
      lines: reports.map(
        (r) =>
          `HCPCS Level II effective ${r.effectiveFrom}: ${r.codes} codes, ${r.modifiers} modifiers (${r.file})`,
      ),
      report: reports,
    };
  },
};

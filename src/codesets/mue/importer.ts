import { basename } from 'node:path';
import { listFiles } from '../list-files.js';
import type { CodeSystemImporter } from '../registry.js';
import { importMue } from './import.js';

// CMS MUE tables (`MCR_MUE_PractitionerServices_Eff_07-01-2024.csv`, the quarterly zips that hold
// them, and our derived CSVs of the same layout).
const MUE_FILE = /mue[^/]*\.(csv|zip)$/i;

async function mueFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).filter((f) => MUE_FILE.test(basename(f)));
}

/** NCCI MUE tables as one of `medcoder import`'s code systems (optional: imported when present). */
export const mueImporter: CodeSystemImporter = {
  system: 'mue',
  required: false,
  async present(dir) {
    return (await mueFiles(dir)).length > 0;
  },
  async run(store, dir, options) {
    const reports = [];
    for (const file of await mueFiles(dir)) {
      reports.push({ file: basename(file), ...(await importMue(store, file, options)) });
    }
    return {
      system: 'mue',
      upToDate: reports.every((r) => r.upToDate),
      lines: reports.map((r) => `MUE ${r.service} effective ${r.effectiveFrom}: ${r.rows} codes (${r.file})`),
      report: reports,
    };
  },
};

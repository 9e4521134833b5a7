import type { Store } from '../store/db.js';

/** What one code system's import did, for the `medcoder import` summary. */
export interface ImportSummary {
  system: string;
  upToDate: boolean;
  /** Human-readable summary lines (counts, checks). */
  lines: string[];
  /** Machine-readable report for --json. */
  report: unknown;
}

export interface ImportRunOptions {
  effective?: string;
  progress?: boolean;
  log: (line: string) => void;
}

/**
 * One code system that `medcoder import` brings in from a folder of official files. `present`
 * says whether the folder has any of its files, so a user with only some code sets can import
 * those; `required` systems must be present.
 */
export interface CodeSystemImporter {
  system: string;
  required: boolean;
  present(dir: string): Promise<boolean>;
  run(store: Store, dir: string, options: ImportRunOptions): Promise<ImportSummary>;
}

/** Importers in the order they run. Code systems append themselves here (one line each). */
export const codeSystemImporters: Array<() => Promise<CodeSystemImporter>> = [
  async () => (await import('./icd10cm/importer.js')).icd10cmImporter,
  async () => (await import('./hcpcs/importer.js')).hcpcsImporter,
  async () => (await import('./mue/importer.js')).mueImporter,
  async () => (await import('./icd10pcs/importer.js')).icd10pcsImporter,
];

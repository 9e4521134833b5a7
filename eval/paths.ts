import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root (eval/ sits directly below it). */
export const repoRoot = resolve(import.meta.dirname, '..');

/** The team's annotated cases. */
export const casesDir = join(repoRoot, 'eval', 'cases');

/** Folder of the public evaluation material: MEDCODER_EVAL, else ../shared/eval beside the repo. */
export function evalRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEDCODER_EVAL ?? resolve(repoRoot, '..', 'shared', 'eval');
}

/** Folder of the official code sets: MEDCODER_CODESETS, else ../shared/codesets beside the repo. */
export function codesetsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEDCODER_CODESETS ?? resolve(repoRoot, '..', 'shared', 'codesets');
}

/** The FY2023 Tabular List, the release the gold codes are checked against. */
export function tabularFile(env: NodeJS.ProcessEnv = process.env): string {
  return requireFile(
    join(codesetsRoot(env), 'icd10cm', 'fy2023', 'icd10cm_tabular_2023.xml'),
    'MEDCODER_CODESETS',
  );
}

/** A file the evaluation cannot do without: returns it, or fails naming it (never skips). */
export function requireFile(path: string, envHint: string): string {
  if (!existsSync(path))
    throw new Error(`missing evaluation file ${path} (set ${envHint} to the folder that holds it)`);
  return path;
}

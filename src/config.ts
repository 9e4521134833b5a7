import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding medcoder's package.json, whether running from src/ (tsx) or dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'medcoder') return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** Where the official code-set files are: MEDCODER_CODESETS, else ../shared/codesets beside the project. */
export function codesetsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEDCODER_CODESETS
    ? resolve(env.MEDCODER_CODESETS)
    : resolve(projectRoot(), '..', 'shared', 'codesets');
}

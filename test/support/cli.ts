import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the real CLI in a child process against the store the environment names. */
export async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const script = `import('./src/cli/main.js').then((m) => m.main(['node', 'medcoder', ${args
    .map((a) => JSON.stringify(a))
    .join(', ')}]))`;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: resolve('.'),
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

import type { Command } from 'commander';
import { serveWorkbench } from './serve.js';

/**
 * `medcoder start`: medcoder's main job, run by `npm start` after set-up: seed the demo
 * workbench (first admin, a coder, biller and auditor, synthetic encounters; idempotent) and
 * serve it. With MEDCODER_START_ONCE=1 it starts, checks /api/health, prints the URL and the
 * credentials, and exits 0 (CI).
 */
export function register(program: Command): void {
  program
    .command('start')
    .description('seed the demo workbench and serve it (PORT, default 3000; DATABASE_URL for PostgreSQL)')
    .option('--port <n>', 'port (default PORT or 3000)')
    .action(async (o: { port?: string }) => {
      const port = Number(o.port ?? process.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`invalid port "${o.port ?? process.env.PORT}"`);
      await serveWorkbench({
        port,
        host: process.env.HOST ?? '127.0.0.1',
        seed: true,
        once: process.env.MEDCODER_START_ONCE === '1',
      });
    });
}

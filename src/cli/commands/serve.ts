import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { engineThreadsFromEnv } from '../../coding/engine-threads.js';
import { codesetsDir, projectRoot } from '../../config.js';
import { loadReasonCodes } from '../../remits/carc-rarc.js';
import { buildServer } from '../../server/app.js';
import { openStore, type Store } from '../../store/db.js';
import { loadEngines } from '../../workflow/context.js';
import { type SeedAccount, seedReportLines, seedWorkbench } from '../../workflow/seed.js';

export interface ServeOptions {
  port: number;
  host: string;
  seed: boolean;
  /** Start, check /api/health, print, stop (CI). */
  once: boolean;
}

/**
 * Opens the store (embedded, or PostgreSQL with DATABASE_URL), loads the engines once, seeds
 * the demo accounts and encounters when asked, and serves the API and the web app.
 */
export async function serveWorkbench(opts: ServeOptions): Promise<void> {
  const store: Store = await openStore();
  const started = Date.now();
  // The server keeps its store open, so each HCPCS and ICD-10-PCS release loads on the first note
  // that needs it (coding/load-on-demand.ts) instead of delaying start-up.
  const engines = await loadEngines(store, {
    engineThreads: engineThreadsFromEnv(),
    procedureData: 'on-demand',
  });
  const carcDir = join(codesetsDir(), 'other', 'x12-carc-rarc');
  const reasonCodes = existsSync(carcDir) ? await loadReasonCodes(carcDir).catch(() => undefined) : undefined;
  const app = await buildServer({
    store,
    engines,
    ...(reasonCodes ? { reasonCodes } : {}),
    webDist: join(projectRoot(), 'web', 'dist'),
    secureCookies: process.env.MEDCODER_INSECURE_COOKIES !== '1',
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });
  const close = async () => {
    await app.close();
    await engines.close();
    await store.close();
  };
  try {
    if (opts.seed) {
      const report = await seedWorkbench(app.workflow);
      printSeededAccounts(store, report.accounts);
      if (report.encountersCreated)
        console.log(`  ${report.encountersCreated} synthetic encounters added to the worklist`);
    }
    const address = await app.listen({ port: opts.port, host: opts.host });
    const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
    console.log(
      `medcoder workbench at ${url} (engines ready in ${engines.loadMs} ms, coding on ${threadsLabel(engines.coder.threads)}, up in ${Date.now() - started} ms)`,
    );
    console.log(
      `API docs at ${url}/api/docs${existsSync(join(projectRoot(), 'web', 'dist', 'index.html')) ? '' : ' (web app not built: npm run build:web)'}`,
    );
    if (opts.once) {
      const res = await fetch(`${address}/api/health`);
      const body = (await res.json()) as { ok?: boolean };
      if (!res.ok || body.ok !== true)
        throw new Error(`health check failed: ${res.status} ${JSON.stringify(body)}`);
      console.log(`health check ok (${JSON.stringify(body)}); MEDCODER_START_ONCE=1, stopping`);
      await close();
      return;
    }
    const stop = () => {
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * The seeded accounts as seedReportLines words them (a password only on the start that created
 * the account). Earlier versions kept the demo passwords in a plain-text file beside the store
 * and printed them on every start (the admin's too); such a file is deleted.
 */
function printSeededAccounts(store: Store, accounts: readonly SeedAccount[]) {
  console.log(`workbench accounts (${store.kind} store ${store.location}):`);
  for (const line of seedReportLines(accounts)) console.log(`  ${line}`);
  const oldFile = resolve(process.env.MEDCODER_DATA ?? 'data', `workbench-credentials-${store.kind}.json`);
  if (existsSync(oldFile)) {
    rmSync(oldFile, { force: true });
    console.log(`  removed ${oldFile} (it kept demo passwords in plain text)`);
  }
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench (API + web app); embedded store, or PostgreSQL with DATABASE_URL')
    .option('--port <n>', 'port (default PORT or 3000)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--seed', 'create the demo accounts and synthetic encounters first (idempotent)')
    .option('--once', 'start, check /api/health, stop (also MEDCODER_START_ONCE=1)')
    .action(async (o: { port?: string; host: string; seed?: boolean; once?: boolean }) => {
      const port = Number(o.port ?? process.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`invalid port "${o.port ?? process.env.PORT}"`);
      await serveWorkbench({
        port,
        host: o.host,
        seed: !!o.seed,
        once: !!o.once || process.env.MEDCODER_START_ONCE === '1',
      });
    });
}

const threadsLabel = (n: number) =>
  n === 0 ? 'the main thread' : n === 1 ? '1 engine thread' : `${n} engine threads`;

import type { Command } from 'commander';
import { openStore, resetStore, storeOptionsFromEnv } from '../../store/index.js';

/** `medcoder store info|reset`: where the data lives, and wiping a disposable store. */
export function register(program: Command): void {
  const store = program
    .command('store')
    .description('the database medcoder uses (embedded PGlite or PostgreSQL)');
  store
    .command('info')
    .description('which store is configured and which migrations it has')
    .option('--json', 'print as JSON')
    .action(async (opts) => {
      const s = await openStore();
      try {
        const migrations = await s.db.introspection.getTables({ withInternalKyselyTables: false });
        const info = { kind: s.kind, location: s.location, tables: migrations.map((t) => t.name).sort() };
        console.log(
          opts.json
            ? JSON.stringify(info, null, 2)
            : `${info.kind} store at ${info.location}\ntables: ${info.tables.join(', ')}`,
        );
      } finally {
        await s.close();
      }
    });
  store
    .command('reset')
    .description(
      'delete everything in the configured store (PGlite folder, or the MEDCODER_PG_SCHEMA schema)',
    )
    .requiredOption('--yes', 'confirm: the data cannot be recovered')
    .action(async () => {
      const options = storeOptionsFromEnv();
      await resetStore(options);
      console.error(`store reset: ${options.url ? `schema ${options.schema}` : options.dataDir}`);
    });
}

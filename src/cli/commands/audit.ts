import type { Command } from 'commander';
import { openStore } from '../../store/db.js';
import { verifyAuditChain } from '../../workflow/audit.js';

/** `medcoder audit verify`: re-computes the audit log's hash chain; exit 1 naming the first bad row. */
export function register(program: Command): void {
  program
    .command('audit')
    .description('the workbench audit log')
    .command('verify')
    .description('check the hash chain of the audit log (detects edited, inserted or removed rows)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const store = await openStore();
      try {
        const result = await verifyAuditChain(store.db);
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else if (result.ok)
          console.log(`audit log intact: ${result.checked} entries, last hash ${result.lastHash}`);
        else
          console.error(
            `audit log TAMPERED at entry ${result.problem!.id}: ${result.problem!.reason} (${result.checked} entries before it verified)`,
          );
        if (!result.ok) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}

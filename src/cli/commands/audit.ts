import type { Command } from 'commander';
import { openStore } from '../../store/db.js';
import { verifyAuditChain } from '../../workflow/audit.js';

const VERDICT = {
  tampered: 'TAMPERED',
  truncated: 'TRUNCATED',
  unverifiable: 'CANNOT BE VERIFIED',
} as const;

/**
 * `medcoder audit verify`: re-computes the audit log's hash and MAC chains and checks them
 * against the anchors outside the store; exit 1 naming the first bad row, or the truncation.
 */
export function register(program: Command): void {
  program
    .command('audit')
    .description('the workbench audit log')
    .command('verify')
    .description(
      'check the audit log: edited, inserted or removed rows (hash and keyed MAC chains) and entries removed from the end (anchors)',
    )
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const store = await openStore();
      try {
        const result = await verifyAuditChain(store.db);
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else if (result.ok)
          console.log(
            `audit log intact: ${result.checked} entries (${result.unkeyed} from before the keyed chain), ` +
              `${result.lanes.length} lane${result.lanes.length === 1 ? '' : 's'} ` +
              `(${result.lanes.map((l) => `lane ${l.lane} at entry ${l.lastSeq}`).join(', ') || 'none'}), ` +
              `${result.anchors} anchors in ${result.anchorFile}` +
              `${result.anchoredLanes?.length ? `, anchored ${result.anchoredLanes.map((a) => `lane ${a.lane ?? 0} at ${a.seq}`).join(', ')} now` : ''}; last hash ${result.lastHash}`,
          );
        else {
          const p = result.problem!;
          console.error(
            `audit log ${VERDICT[p.kind]}${p.id === null ? '' : ` at entry ${p.id}`}: ${p.reason} (${result.checked} entries before it verified)`,
          );
        }
        if (!opts.json) for (const w of result.warnings) console.error(`warning: ${w}`);
        if (!result.ok) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}

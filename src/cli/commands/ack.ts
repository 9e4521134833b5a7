import type { Command } from 'commander';
import { applyAckFile } from '../../remits/ack-store.js';
import { actor, withBillingStore } from './remit.js';

/** `medcoder ack read FILE`: applies a 999 or 277CA to our claims' states. */
export function register(program: Command): void {
  const ack = program.command('ack').description('apply 999 and 277CA acknowledgements');
  ack
    .command('read')
    .description('read a 999/277CA file and accept or reject our claims (a file is applied once)')
    .argument('<file>', 'the 999 or 277CA file')
    .option('--by <user>', 'who is applying it (kept in the claim history)')
    .option('--json', 'print the outcomes as JSON')
    .action(async (file: string, opts: { by?: string; json?: boolean }) => {
      const report = await withBillingStore((s) => applyAckFile(s.db, file, actor(opts.by)));
      if (opts.json) return void console.log(JSON.stringify(report, null, 2));
      if (report.alreadyApplied) return void console.log(`${file}: already applied; nothing changed`);
      for (const o of report.outcomes) {
        const target = o.claimId !== undefined ? `claim ${o.claimId}` : 'no claim';
        console.log(
          `${o.kind} ${o.reference}: ${target} ${o.status}${o.applied ? '' : ' (not applied)'}${o.note ? ` - ${o.note}` : ''}`,
        );
        for (const r of o.reasons) console.log(`  ${r}`);
      }
      if (report.outcomes.length === 0) console.log(`${file}: no acknowledgements`);
    });
}

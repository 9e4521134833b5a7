import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { codesetsDir } from '../../config.js';
import { loadReasonCodes } from '../../remits/carc-rarc.js';
import { denialsWorklist } from '../../remits/denials.js';
import { postEobFile } from '../../remits/fhir-post.js';
import { postRemittanceFile } from '../../remits/posting-store.js';
import { openStore, type Store } from '../../store/index.js';
import { formatCents } from '../../x12/amounts.js';

/** Runs `fn` on the store named by the environment (DATABASE_URL or the data folder), then closes it. */
export async function withBillingStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Who the history records for CLI actions: --by, else the operating-system user. */
export const actor = (by: string | undefined) => by ?? `cli:${userInfo().username}`;

/** A FHIR JSON file starts with "{" (after whitespace); an X12 file with ISA. */
function isJson(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').trimStart().startsWith('{');
  } finally {
    closeSync(fd);
  }
}

/** `medcoder remit post FILE.835|EOB.json` and `medcoder remit denials`. */
export function register(program: Command): void {
  const remit = program.command('remit').description('post 835 remittances and work denials');
  remit
    .command('post')
    .description(
      'post an 835 to our claims in one transaction (a file is posted once; a bad file posts nothing)',
    )
    .argument('<file>', 'the 835 file')
    .option('--by <user>', 'who is posting (kept in the claim history)')
    .option('--json', 'print the posting report as JSON')
    .action(async (file: string, opts: { by?: string; json?: boolean }) => {
      const post = isJson(file) ? postEobFile : postRemittanceFile;
      const report = await withBillingStore((s) => post(s.db, file, actor(opts.by)));
      if (opts.json) return void console.log(JSON.stringify(report, null, 2));
      if (report.alreadyPosted) return void console.log(`${file}: already posted; nothing changed`);
      console.log(
        `${file}: remittance ${report.remittanceId}: ${report.claimsPosted} claims posted, ${report.claimsSkipped} already posted, paid ${formatCents(report.paidCents)}, ${report.denials} denied line adjustments`,
      );
      if (report.unknownClaims.length)
        console.log(`  not our claims (CLP01): ${report.unknownClaims.join(', ')}`);
      for (const w of report.warnings) console.log(`  ! ${w}`);
      for (const h of report.held)
        console.log(`  held, not posted (see claim held): posting ${h.postingId}: ${h.reason}`);
    });
  remit
    .command('denials')
    .description('the denials worklist: denied lines grouped by CAS group and CARC')
    .option(
      '--codes <dir>',
      'folder with carc_codes.csv and rarc_codes.csv (default: code sets other/x12-carc-rarc)',
    )
    .option('--json', 'print JSON')
    .action(async (opts: { codes?: string; json?: boolean }) => {
      const dir = opts.codes ?? join(codesetsDir(), 'other', 'x12-carc-rarc');
      const reasonCodes = opts.codes || existsSync(dir) ? await loadReasonCodes(dir) : undefined;
      const groups = await withBillingStore((s) => denialsWorklist(s.db, reasonCodes ? { reasonCodes } : {}));
      if (opts.json) return void console.log(JSON.stringify(groups, null, 2));
      if (groups.length === 0) return void console.log('no open denials');
      for (const g of groups) {
        console.log(
          `${g.group}-${g.carc} (${g.category}) ${g.count} lines, ${formatCents(g.amountCents)}${g.description ? `: ${g.description}` : ''}`,
        );
        for (const i of g.items)
          console.log(
            `  claim ${i.claimId} ${i.patientControlNumber} line ${i.lineNumber ?? '?'} ${i.procedureCode ?? ''} ${formatCents(i.amountCents)}${i.rarcs.length ? ` [${i.rarcs.join(', ')}]` : ''}`,
          );
      }
    });
}

import type { Command } from 'commander';
import { read837 } from '../../claims/read-837.js';
import { read277ca } from '../../remits/read-277ca.js';
import { remittanceFromSet } from '../../remits/read-835.js';
import { read999 } from '../../remits/read-999.js';
import { formatCents } from '../../x12/amounts.js';
import { readX12File, type TransactionSet } from '../../x12/reader.js';

/** What `x12 parse` reports for one transaction set: the typed reading where we have one. */
function typed(set: TransactionSet): { summary: string; problems: string[]; data: unknown } {
  const head = `${set.type} ${set.controlNumber} (${set.implementation || 'no implementation reference'})`;
  const envelope = set.issues.map((e) => e.message);
  switch (set.type) {
    case '835': {
      const r = remittanceFromSet(set);
      const lines = r.claims.reduce((a, c) => a + c.lines.length, 0);
      return {
        summary: `${head}: ${r.claims.length} claims, ${lines} service lines, ${r.providerAdjustments.length} PLB adjustments, paid ${formatCents(r.payment.totalCents)}`,
        problems: [
          ...envelope,
          ...r.problems,
          ...r.imbalances.map((i) => `segment ${i.segment}: ${i.message}`),
        ],
        data: r,
      };
    }
    case '837': {
      const r = read837(set);
      return {
        summary: `${head}: ${r.claims.length} claims`,
        problems: [...envelope, ...r.problems],
        data: r.claims,
      };
    }
    case '999':
    case '997': {
      const a = read999(set);
      return {
        summary: `${head}: group ${a.groupControlNumber} ${a.status}, ${a.setsAccepted}/${a.setsReceived} sets accepted`,
        problems: [...envelope, ...a.problems],
        data: a,
      };
    }
    case '277': {
      const { claims: acks, problems } = read277ca(set);
      const rejected = acks.filter((a) => a.status === 'rejected').length;
      return {
        summary: `${head}: ${acks.length} claims, ${rejected} rejected`,
        problems: [...envelope, ...problems],
        data: acks,
      };
    }
    default:
      return {
        summary: `${head}: ${set.segments.length} segments`,
        problems: envelope,
        data: set.segments.map((s) => s.elements),
      };
  }
}

/** `medcoder x12 parse FILE [--json] [--lenient]`. */
export function register(program: Command): void {
  const x12 = program.command('x12').description('read and check X12 EDI files');
  x12
    .command('parse')
    .description(
      'parse an X12 file (835, 837P/I, 999, 277CA, others as segments), checking envelopes, counts and 835 balancing',
    )
    .argument('<file>', 'the X12 file')
    .option('--json', 'print one JSON object per transaction set (NDJSON)')
    .option(
      '--lenient',
      'read a file whose envelope counts or control numbers do not add up, listing those problems (an error otherwise)',
    )
    .action(async (file: string, opts: { json?: boolean; lenient?: boolean }) => {
      let sets = 0;
      let problems = 0;
      // GE/IEA problems come after their sets were printed: listed as they are found.
      const onIssue = (e: Error) => {
        problems++;
        if (!opts.json) console.log(`  ! ${e.message}`);
      };
      // Streams: one transaction set in memory at a time, so large files are fine.
      for await (const set of readX12File(file, { strict: !opts.lenient, onIssue })) {
        sets++;
        const t = typed(set);
        problems += t.problems.length;
        if (opts.json) {
          console.log(
            JSON.stringify({
              type: set.type,
              controlNumber: set.controlNumber,
              implementation: set.implementation,
              interchange: set.interchange?.controlNumber,
              group: set.group?.controlNumber,
              problems: t.problems,
              data: t.data,
            }),
          );
        } else {
          console.log(t.summary);
          for (const p of t.problems) console.log(`  ! ${p}`);
        }
      }
      if (!opts.json) console.log(`${sets} transaction sets, ${problems} problems`);
      if (problems > 0) process.exitCode = 2;
    });
}

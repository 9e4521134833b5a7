import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ClaimValidationError, validateClaim } from '../../claims/validate.js';
import { type Submission, write837 } from '../../claims/write-837.js';
import { storeOptionsFromEnv } from '../../store/index.js';
import { FileControlNumbers } from '../../x12/control-numbers.js';

interface ClaimFile {
  submission?: Partial<Submission>;
  claims?: unknown[];
}

const FORMATS = { '837p': 'professional', '837i': 'institutional' } as const;

/**
 * `medcoder claim build CLAIM.json --format 837p|837i`. The file holds one claim, an array of
 * claims, or `{ submission, claims }`; submitter/receiver can also come from flags.
 */
export function register(program: Command): void {
  const claim = program.command('claim').description('validate claims and write 837P/837I files');
  claim
    .command('build')
    .description('validate claims from JSON and write an 837P or 837I interchange')
    .argument('<claim-json>', 'a claim, an array of claims, or { submission, claims }')
    .requiredOption('--format <format>', '837p | 837i')
    .option('--out <file>', 'write the interchange here instead of standard output')
    .option('--submitter-id <id>', 'submitter id (ETIN), ISA06/GS02')
    .option('--submitter-name <name>', 'submitter organization name')
    .option('--contact <name>', 'submitter contact name')
    .option('--phone <digits>', 'submitter contact phone')
    .option('--receiver-id <id>', 'receiver id, ISA08/GS03')
    .option('--receiver-name <name>', 'receiver organization name')
    .option('--batch <id>', 'BHT03 batch reference')
    .option('--test', 'mark the interchange as test data (ISA15 = T)')
    .option(
      '--control-numbers <file>',
      'where ISA/GS/ST control numbers are kept (default: data folder/x12-control-numbers.json)',
    )
    .action(async (path: string, opts: Record<string, string | boolean | undefined>) => {
      const format = String(opts.format).toLowerCase();
      if (!(format in FORMATS)) throw new Error(`--format must be 837p or 837i, not ${opts.format}`);
      const kind = FORMATS[format as keyof typeof FORMATS];
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        throw new Error(`${path}: cannot read claim JSON: ${(e as Error).message}`);
      }
      const file: ClaimFile = Array.isArray(parsed)
        ? { claims: parsed }
        : parsed && typeof parsed === 'object' && 'claims' in parsed
          ? (parsed as ClaimFile)
          : { claims: [parsed] };
      const claims = [];
      const failures: string[] = [];
      for (const input of file.claims ?? []) {
        try {
          const c = await validateClaim(input);
          if (c.type !== kind)
            failures.push(`claim ${c.patientControlNumber} is ${c.type}; --format ${format} needs ${kind}`);
          else claims.push(c);
        } catch (e) {
          if (!(e instanceof ClaimValidationError)) throw e;
          failures.push(e.message);
        }
      }
      if (failures.length) throw new Error(`${path}: nothing written.\n${failures.join('\n')}`);
      if (claims.length === 0) throw new Error(`${path}: no claims`);
      const s = file.submission ?? {};
      const need = (v: string | boolean | undefined, fallback: string | undefined, what: string): string => {
        const value = typeof v === 'string' ? v : fallback;
        if (!value) throw new Error(`${what} is required (flag or "submission" in the JSON)`);
        return value;
      };
      const submission: Submission = {
        submitter: {
          id: need(opts.submitterId, s.submitter?.id, '--submitter-id'),
          name: need(opts.submitterName, s.submitter?.name, '--submitter-name'),
          contactName: need(opts.contact, s.submitter?.contactName, '--contact'),
          phone: need(opts.phone, s.submitter?.phone, '--phone'),
        },
        receiver: {
          id: need(opts.receiverId, s.receiver?.id, '--receiver-id'),
          name: need(opts.receiverName, s.receiver?.name, '--receiver-name'),
        },
        batchId: need(opts.batch, s.batchId, '--batch'),
        usage: opts.test ? 'T' : (s.usage ?? 'P'),
        newlines: true,
      };
      const store = storeOptionsFromEnv();
      const numbersFile =
        typeof opts.controlNumbers === 'string'
          ? opts.controlNumbers
          : join(store.dataDir ?? 'data', 'x12-control-numbers.json');
      const out = await write837(claims, submission, new FileControlNumbers(numbersFile));
      if (typeof opts.out === 'string') {
        writeFileSync(opts.out, out.text);
        console.error(
          `wrote ${claims.length} claims to ${opts.out} (ISA13 ${out.interchange}, GS06 ${out.group}, ST02 ${out.set})`,
        );
      } else process.stdout.write(out.text);
    });
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { renderCms1500 } from '../../claims/cms1500-pdf.js';
import { claimToFhir } from '../../claims/fhir-claim.js';
import type { Claim } from '../../claims/model.js';
import { claimHistory, getClaim, saveClaim } from '../../claims/store.js';
import { submitClaims } from '../../claims/submit.js';
import { renderUb04 } from '../../claims/ub04-pdf.js';
import { ClaimValidationError, validateClaim } from '../../claims/validate.js';
import { type Submission, write837 } from '../../claims/write-837.js';
import { storeOptionsFromEnv } from '../../store/index.js';
import { FileControlNumbers } from '../../x12/control-numbers.js';
import { actor, withBillingStore } from './remit.js';

interface ClaimFile {
  submission?: Partial<Submission>;
  claims?: unknown[];
}

type Opts = Record<string, string | boolean | undefined>;

const FORMATS = {
  '837p': 'professional',
  '837i': 'institutional',
  pdf: 'professional',
  ub04: 'institutional',
  fhir: undefined,
} as const;

/** A claim, an array of claims, or `{ submission, claims }`. */
function readClaimFile(path: string): ClaimFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read claim JSON: ${(e as Error).message}`);
  }
  return Array.isArray(parsed)
    ? { claims: parsed }
    : parsed && typeof parsed === 'object' && 'claims' in parsed
      ? (parsed as ClaimFile)
      : { claims: [parsed] };
}

/** Validates every claim; all or nothing, with every claim's problems listed. */
async function validClaims(
  path: string,
  file: ClaimFile,
  kind?: Claim['type'],
  format?: string,
): Promise<Claim[]> {
  const claims: Claim[] = [];
  const failures: string[] = [];
  for (const input of file.claims ?? []) {
    try {
      const c = await validateClaim(input);
      if (kind && c.type !== kind)
        failures.push(`claim ${c.patientControlNumber} is ${c.type}; --format ${format} needs ${kind}`);
      else claims.push(c);
    } catch (e) {
      if (!(e instanceof ClaimValidationError)) throw e;
      failures.push(e.message);
    }
  }
  if (failures.length) throw new Error(`${path}: nothing written.\n${failures.join('\n')}`);
  if (claims.length === 0) throw new Error(`${path}: no claims`);
  return claims;
}

/** Submitter/receiver from flags, else the file's "submission". */
function submissionFrom(opts: Opts, s: Partial<Submission>): Submission {
  const need = (v: string | boolean | undefined, fallback: string | undefined, what: string): string => {
    const value = typeof v === 'string' ? v : fallback;
    if (!value) throw new Error(`${what} is required (flag or "submission" in the JSON)`);
    return value;
  };
  return {
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
}

function submissionOptions(cmd: Command): Command {
  return cmd
    .option('--submitter-id <id>', 'submitter id (ETIN), ISA06/GS02')
    .option('--submitter-name <name>', 'submitter organization name')
    .option('--contact <name>', 'submitter contact name')
    .option('--phone <digits>', 'submitter contact phone')
    .option('--receiver-id <id>', 'receiver id, ISA08/GS03')
    .option('--receiver-name <name>', 'receiver organization name')
    .option('--batch <id>', 'BHT03 batch reference')
    .option('--test', 'mark the interchange as test data (ISA15 = T)');
}

/**
 * `medcoder claim build CLAIM.json --format 837p|837i|pdf` (files, no database), and the stored
 * life cycle: `claim save`, `claim submit`, `claim show`.
 */
export function register(program: Command): void {
  const claim = program
    .command('claim')
    .description('validate claims, write 837P/837I or CMS-1500, track them');
  submissionOptions(
    claim
      .command('build')
      .description(
        'validate claims from JSON and write an 837P/837I interchange, a CMS-1500 or UB-04 PDF or FHIR Claim JSON',
      )
      .argument('<claim-json>', 'a claim, an array of claims, or { submission, claims }')
      .requiredOption('--format <format>', '837p | 837i | pdf (CMS-1500) | ub04 (UB-04 PDF) | fhir')
      .option('--out <file>', 'write here instead of standard output'),
  )
    .option(
      '--control-numbers <file>',
      'where ISA/GS/ST control numbers are kept (default: data folder/x12-control-numbers.json)',
    )
    .action(async (path: string, opts: Opts) => {
      const format = String(opts.format).toLowerCase();
      if (!(format in FORMATS))
        throw new Error(`--format must be 837p, 837i, pdf, ub04 or fhir, not ${opts.format}`);
      const file = readClaimFile(path);
      const claims = await validClaims(path, file, FORMATS[format as keyof typeof FORMATS], format);
      if (format === 'fhir') {
        // One claim as a Claim resource; several as a collection Bundle.
        const resources = claims.map((c) => claimToFhir(c));
        const json =
          resources.length === 1
            ? resources[0]
            : {
                resourceType: 'Bundle',
                type: 'collection',
                entry: resources.map((resource) => ({ resource })),
              };
        const text = `${JSON.stringify(json, null, 2)}\n`;
        if (typeof opts.out === 'string') writeFileSync(opts.out, text);
        else process.stdout.write(text);
        return;
      }
      if (format === 'pdf' || format === 'ub04') {
        const form = format === 'pdf' ? 'CMS-1500' : 'UB-04';
        const createdOn = new Date().toISOString().slice(0, 10);
        const pdf = format === 'pdf' ? await renderCms1500(claims) : await renderUb04(claims, { createdOn });
        if (typeof opts.out === 'string') {
          writeFileSync(opts.out, pdf);
          console.error(`wrote ${claims.length} ${form} claims to ${opts.out}`);
        } else process.stdout.write(pdf);
        return;
      }
      const submission = submissionFrom(opts, file.submission ?? {});
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
  claim
    .command('save')
    .description('validate claims from JSON and store them (state: validated)')
    .argument('<claim-json>', 'a claim, an array of claims, or { claims }')
    .option('--by <user>', 'who is saving (kept in the claim history)')
    .action(async (path: string, opts: { by?: string }) => {
      const claims = await validClaims(path, readClaimFile(path));
      const saved = await withBillingStore(async (s) => {
        const out = [];
        for (const c of claims) out.push(await saveClaim(s.db, c, actor(opts.by)));
        return out;
      });
      for (const c of saved) console.log(`claim ${c.id} ${c.patientControlNumber} ${c.status}`);
    });
  submissionOptions(
    claim
      .command('submit')
      .description('write stored validated claims as one 837 batch with store-issued control numbers')
      .argument('<ids...>', 'claim ids (see claim save)')
      .requiredOption('--out <file>', 'the 837 file to write (must not exist)')
      .option('--submission <json>', 'a JSON file with { submission } (flags override it)')
      .option('--by <user>', 'who is submitting'),
  ).action(async (ids: string[], opts: Opts) => {
    const numbers = ids.map((i) => {
      if (!/^\d+$/.test(i)) throw new Error(`claim id "${i}" is not a number`);
      return Number(i);
    });
    const base = typeof opts.submission === 'string' ? (readClaimFile(opts.submission).submission ?? {}) : {};
    const submission = submissionFrom(opts, base);
    const batch = await withBillingStore((s) =>
      submitClaims(s.db, numbers, submission, {
        by: actor(typeof opts.by === 'string' ? opts.by : undefined),
        file: String(opts.out),
      }),
    );
    console.log(
      `batch ${batch.batchId}: ${batch.claimIds.length} claims to ${batch.file} (ISA13 ${batch.interchange}, GS06 ${batch.group}, ST02 ${batch.set})`,
    );
  });
  claim
    .command('show')
    .description("a stored claim's state and history")
    .argument('<id>', 'claim id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      if (!/^\d+$/.test(id)) throw new Error(`claim id "${id}" is not a number`);
      const { stored, history } = await withBillingStore(async (s) => ({
        stored: await getClaim(s.db, Number(id)),
        history: await claimHistory(s.db, Number(id)),
      }));
      if (opts.json) return void console.log(JSON.stringify({ ...stored, history }, null, 2));
      console.log(
        `claim ${stored.id} ${stored.patientControlNumber} (frequency ${stored.frequency}) ${stored.status}` +
          (stored.payerClaimNumber ? `, payer claim ${stored.payerClaimNumber}` : ''),
      );
      for (const h of history)
        console.log(
          `  ${h.at.toISOString()} ${h.from ?? '-'} → ${h.to} (${h.event}) by ${h.by}${h.reason ? `: ${h.reason}` : ''}`,
        );
    });
}

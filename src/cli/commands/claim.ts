import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { renderCms1500 } from '../../claims/cms1500-pdf.js';
import { claimToFhir } from '../../claims/fhir-claim.js';
import type { Claim } from '../../claims/model.js';
import { claimHistory, getClaim, saveValidatedClaims } from '../../claims/store.js';
import { buildBatch, submitClaims } from '../../claims/submit.js';
import { renderUb04 } from '../../claims/ub04-pdf.js';
import { ClaimValidationError } from '../../claims/validate.js';
import type { Submission } from '../../claims/write-837.js';
import { isIsoDate } from '../../codesets/ncci/dates.js';
import { terminologyDiagnosisFacts } from '../../edits/terminology-facts.js';
import { heldPayments } from '../../remits/posting-store.js';
import { type Store, storeOptionsFromEnv } from '../../store/index.js';
import type { Database } from '../../store/schema.js';
import { loadTerminology } from '../../terminology/load.js';
import type { AuditActor } from '../../workflow/audit.js';
import { appendAudit } from '../../workflow/audit.js';
import { listHeldPayments, resolveHeldPayment } from '../../workflow/billing.js';
import {
  type CheckedClaim,
  type ClaimCheckContext,
  checkClaim,
  gateClaims,
  gateSubmission,
  type Overridden,
  overrideAudit,
  recordOverrides,
  type ScrubOverride,
} from '../../workflow/claim-validation.js';
import { formatCents } from '../../x12/amounts.js';
import { adoptFileCounter, retireFileCounter } from '../../x12/store-control-numbers.js';
import { dateOrToday } from '../dates.js';
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

/** The scrubber gate's flags, checked before the store is opened. */
interface GateFlags {
  today: string;
  timelyFilingDays?: number;
  override?: ScrubOverride;
}

function gateFlags(opts: Opts): GateFlags {
  const override = overrideFrom(opts);
  return {
    today: filingDate(opts),
    ...(typeof opts.timelyFilingDays === 'string'
      ? { timelyFilingDays: positive(opts.timelyFilingDays, '--timely-filing-days') }
      : {}),
    ...(override ? { override } : {}),
  };
}

/** The claim checks' context on the CLI's store: terminology and facts loaded for this command. */
async function checkContextFor(store: Store, flags: GateFlags): Promise<Omit<ClaimCheckContext, 'db'>> {
  const terminology = await loadTerminology(store.db);
  return {
    terminology,
    facts: terminologyDiagnosisFacts(terminology),
    today: flags.today,
    ...(flags.timelyFilingDays ? { timelyFilingDays: flags.timelyFilingDays } : {}),
  };
}

function filingDate(opts: Opts): string {
  if (typeof opts.today !== 'string') return dateOrToday(undefined, '--today');
  if (!isIsoDate(opts.today)) throw new Error(`--today must be a date (YYYY-MM-DD), not ${opts.today}`);
  return opts.today;
}

function positive(value: string, flag: string): number {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1)
    throw new Error(`${flag} must be a number of days, not ${value}`);
  return Number(value);
}

/** `--override <why>` with `--by <who>`: both, or no override at all. */
function overrideFrom(opts: Opts): ScrubOverride | undefined {
  if (opts.override === undefined) return undefined;
  if (typeof opts.by !== 'string' || !opts.by.trim())
    throw new Error('--override needs --by <who>: an override names who overrides the scrubber');
  if (typeof opts.override !== 'string' || !opts.override.trim())
    throw new Error('--override needs a reason: --override "<why>"');
  return { by: opts.by, reason: opts.override };
}

const auditFor = (by: string | undefined): AuditActor => ({ userId: null, username: actor(by), ip: null });

/** A claim's problems on one line: the claim, then each field and what is wrong with it. */
const oneLine = (e: ClaimValidationError) =>
  `claim ${e.patientControlNumber ?? '(no patient control number)'}: ${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;

/**
 * Validates and scrubs every claim through the one claim check (workflow/claim-validation.ts)
 * and applies the scrubber gate; all or nothing, with every claim's problems listed.
 */
async function checkedClaims(
  path: string,
  file: ClaimFile,
  ctx: ClaimCheckContext,
  override: ScrubOverride | undefined,
  kind?: Claim['type'],
  format?: string,
): Promise<{ claims: Claim[]; overridden: Overridden[] }> {
  const checked: CheckedClaim[] = [];
  const failures: string[] = [];
  for (const input of file.claims ?? []) {
    try {
      const c = await checkClaim(input, ctx);
      if (kind && c.claim.type !== kind)
        failures.push(
          `claim ${c.claim.patientControlNumber} is ${c.claim.type}; --format ${format} needs ${kind}`,
        );
      else checked.push(c);
    } catch (e) {
      if (!(e instanceof ClaimValidationError)) throw e;
      failures.push(oneLine(e));
    }
  }
  if (failures.length) throw new Error(`${path}: nothing written: ${failures.join(' | ')}`);
  if (checked.length === 0) throw new Error(`${path}: no claims`);
  const overridden = gateClaims(checked, override);
  return { claims: checked.map((c) => c.claim), overridden };
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

/** The scrubber gate's options: the filing date it judges by, and an override. */
function gateOptions(cmd: Command): Command {
  return cmd
    .option(
      '--today <date>',
      'the filing date the scrubber judges timely filing by, YYYY-MM-DD (default: today)',
    )
    .option('--timely-filing-days <n>', 'filing window when the payer names none (default 365)')
    .option(
      '--override <why>',
      'send claims with scrubber errors anyway, saying why (needs --by; kept with the claim and in the audit log)',
    );
}

/**
 * `medcoder claim build CLAIM.json --format 837p|837i|pdf|ub04|fhir` (claims from a file, not
 * kept), the stored life cycle (`claim save`, `claim submit`, `claim show`) and held payments
 * (`claim held`, `claim resolve-payment`). Every path validates through the one claim check with
 * the code-set diagnoses check and the scrubber gate, so the store must hold ICD-10-CM; 837
 * control numbers all come from the store's counter.
 */
export function register(program: Command): void {
  const claim = program
    .command('claim')
    .description('validate claims, write 837P/837I or CMS-1500, track them');
  gateOptions(
    submissionOptions(
      claim
        .command('build')
        .description(
          'validate claims from JSON and write an 837P/837I interchange, a CMS-1500 or UB-04 PDF or FHIR Claim JSON',
        )
        .argument('<claim-json>', 'a claim, an array of claims, or { submission, claims }')
        .requiredOption('--format <format>', '837p | 837i | pdf (CMS-1500) | ub04 (UB-04 PDF) | fhir')
        .option('--out <file>', 'write here instead of standard output')
        .option('--by <user>', 'who is building (named in the audit log)'),
    ),
  ).action(async (path: string, opts: Opts) => {
    const format = String(opts.format).toLowerCase();
    if (!(format in FORMATS))
      throw new Error(`--format must be 837p, 837i, pdf, ub04 or fhir, not ${opts.format}`);
    const file = readClaimFile(path);
    const flags = gateFlags(opts);
    const { override } = flags;
    const audit = auditFor(typeof opts.by === 'string' ? opts.by : undefined);
    // The 837's control numbers come from the store's counter, the one `claim submit` uses;
    // a counter file left by an earlier version is adopted first (its numbers were sent).
    const legacyCounter = join(storeOptionsFromEnv().dataDir ?? 'data', 'x12-control-numbers.json');
    const { claims, batch } = await withBillingStore(async (store) => {
      const ctx = { ...(await checkContextFor(store, flags)), db: store.db };
      const { claims, overridden } = await checkedClaims(
        path,
        file,
        ctx,
        override,
        FORMATS[format as keyof typeof FORMATS],
        format,
      );
      const submission = format.startsWith('837') ? submissionFrom(opts, file.submission ?? {}) : undefined;
      const logOverrides = async (trx: Kysely<Database>) => {
        if (override && overridden.length)
          await appendAudit(
            trx,
            audit,
            overridden.map((o) => overrideAudit(o, 'build', override, null)),
          );
      };
      if (!submission) {
        await logOverrides(store.db);
        return { claims, batch: undefined };
      }
      const batch = await buildBatch(store.db, claims, submission, {
        by: audit.username!,
        ...(typeof opts.out === 'string' ? { file: opts.out } : {}),
        beforeWrite: async (trx) => {
          await logOverrides(trx);
          await adoptFileCounter(trx, legacyCounter);
        },
      });
      if (existsSync(legacyCounter)) await retireFileCounter(legacyCounter);
      return { claims, batch };
    });
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
    if (!batch) throw new Error(`--format ${format} writes no 837`);
    if (batch.file)
      console.error(
        `wrote ${claims.length} claims to ${batch.file} (ISA13 ${batch.interchange}, GS06 ${batch.group}, ST02 ${batch.set})`,
      );
    else process.stdout.write(batch.text);
  });
  gateOptions(
    claim
      .command('save')
      .description('validate and scrub claims from JSON and store them (state: validated), all or none')
      .argument('<claim-json>', 'a claim, an array of claims, or { claims }')
      .option('--by <user>', 'who is saving (kept in the claim history)'),
  ).action(async (path: string, opts: Opts) => {
    const file = readClaimFile(path);
    const flags = gateFlags(opts);
    const { override } = flags;
    const by = typeof opts.by === 'string' ? opts.by : undefined;
    const saved = await withBillingStore(async (store) => {
      const ctx = { ...(await checkContextFor(store, flags)), db: store.db };
      const { claims, overridden } = await checkedClaims(path, file, ctx, override);
      return saveValidatedClaims(store.db, claims, actor(by), async (trx, rows) => {
        if (!override) return;
        const ids = new Map(claims.map((c, i) => [c, rows[i]!.id]));
        await recordOverrides(
          trx,
          auditFor(by),
          'validate',
          overridden.map((o) => ({ ...o, claimId: ids.get(o.claim)! })),
          override,
        );
      }).catch((e: unknown) => {
        // A number already taken is found by the store, all claims unsaved.
        throw e instanceof ClaimValidationError ? new Error(`${path}: nothing written: ${oneLine(e)}`) : e;
      });
    });
    for (const c of saved) console.log(`claim ${c.id} ${c.patientControlNumber} ${c.status}`);
  });
  gateOptions(
    submissionOptions(
      claim
        .command('submit')
        .description('write stored validated claims as one 837 batch with store-issued control numbers')
        .argument('<ids...>', 'claim ids (see claim save)')
        .requiredOption('--out <file>', 'the 837 file to write (must not exist)')
        .option('--submission <json>', 'a JSON file with { submission } (flags override it)')
        .option('--by <user>', 'who is submitting'),
    ),
  ).action(async (ids: string[], opts: Opts) => {
    const numbers = ids.map((i) => {
      if (!/^\d+$/.test(i)) throw new Error(`claim id "${i}" is not a number`);
      return Number(i);
    });
    const base = typeof opts.submission === 'string' ? (readClaimFile(opts.submission).submission ?? {}) : {};
    const submission = submissionFrom(opts, base);
    const flags = gateFlags(opts);
    const { override } = flags;
    const by = typeof opts.by === 'string' ? opts.by : undefined;
    const batch = await withBillingStore(async (s) => {
      const ctx = await checkContextFor(s, flags);
      return submitClaims(s.db, numbers, submission, {
        by: actor(by),
        file: String(opts.out),
        beforeWrite: (trx, claims) => gateSubmission(trx, ctx, claims, auditFor(by), override),
      });
    });
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
      const { stored, history, held } = await withBillingStore(async (s) => ({
        stored: await getClaim(s.db, Number(id)),
        history: await claimHistory(s.db, Number(id)),
        held: await heldPayments(s.db, Number(id)),
      }));
      if (opts.json) return void console.log(JSON.stringify({ ...stored, history, held }, null, 2));
      console.log(
        `claim ${stored.id} ${stored.patientControlNumber} (frequency ${stored.frequency}) ${stored.status}` +
          (stored.payerClaimNumber ? `, payer claim ${stored.payerClaimNumber}` : ''),
      );
      for (const h of history)
        console.log(
          `  ${h.at.toISOString()} ${h.from ?? '-'} → ${h.to} (${h.event}) by ${h.by}${h.reason ? `: ${h.reason}` : ''}`,
        );
      for (const h of held) console.log(`  held payment ${h.postingId}: ${h.reason}`);
    });
  claim
    .command('held')
    .description('payments held as possible duplicates (a claim paid again under another payer claim number)')
    .option('--claim <id>', "only this claim's")
    .option('--by <user>', 'who is looking (named in the audit log)')
    .option('--json', 'print JSON')
    .action(async (opts: { claim?: string; by?: string; json?: boolean }) => {
      if (opts.claim !== undefined && !/^\d+$/.test(opts.claim))
        throw new Error(`--claim "${opts.claim}" is not a claim id`);
      const claimId = opts.claim === undefined ? undefined : Number(opts.claim);
      const held = await withBillingStore((s) => listHeldPayments(s.db, auditFor(opts.by), claimId));
      if (opts.json) return void console.log(JSON.stringify(held, null, 2));
      if (held.length === 0) return void console.log('no held payments');
      for (const h of held)
        console.log(
          `posting ${h.postingId}: claim ${h.claimId} ${h.patientControlNumber}, ${formatCents(h.paidCents)} under ${h.payerClaimNumber}: ${h.reason}`,
        );
    });
  claim
    .command('resolve-payment')
    .description('accept (post it to the claim) or reject a held payment, saying why')
    .argument('<posting-id>', 'the held payment (see claim held)')
    .requiredOption('--decision <decision>', 'accept | reject')
    .requiredOption('--reason <why>', 'why (kept with the payment and in the audit log)')
    .requiredOption('--by <user>', 'who decides')
    .action(async (postingId: string, opts: { decision: string; reason: string; by: string }) => {
      if (!/^\d+$/.test(postingId)) throw new Error(`posting id "${postingId}" is not a number`);
      if (opts.decision !== 'accept' && opts.decision !== 'reject')
        throw new Error(`--decision must be accept or reject, not ${opts.decision}`);
      const out = await withBillingStore((s) =>
        resolveHeldPayment(s.db, { actor: null, audit: auditFor(opts.by) }, Number(postingId), {
          decision: opts.decision as 'accept' | 'reject',
          reason: opts.reason,
        }),
      );
      console.log(
        `posting ${out.postingId} (claim ${out.claimId}) ${out.decision === 'accept' ? 'accepted and posted' : 'rejected'}`,
      );
      if (out.warning) console.log(`  ! ${out.warning}`);
    });
}

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Claim } from '../claims/model.js';
import { poaExemptListFor } from '../claims/poa-exempt.js';
import { ClaimValidationError, type DiagnosisValidator, validateClaim } from '../claims/validate.js';
import { ClaimInputError, parseClaim } from '../edits/claim.js';
import type { DiagnosisFacts } from '../edits/diagnosis-facts.js';
import type { Finding } from '../edits/finding.js';
import { scrubInputFromBillingClaim } from '../edits/from-billing-claim.js';
import { loadScrubTables } from '../edits/load-tables.js';
import { type ScrubResult, scrubClaim } from '../edits/scrub.js';
import type { Database } from '../store/schema.js';
import type {} from '../store/schema-billing.js';
import type { Icd10cmTerminology } from '../terminology/types.js';
import { type AuditActor, appendAudit, canonicalJson } from './audit.js';
import { WorkflowError } from './errors.js';

/**
 * The one claim validation every path runs (CLI `claim build|save|submit`, the API, the
 * workbench): the claim model's checks with the code-set diagnoses check (billable on the date
 * of service), then the scrubber. The scrubber is the gate: a claim with an error finding is not
 * validated, built or submitted unless someone overrides it and says why; the override is kept
 * with the rules it covers (claim_scrub_override) and in the audit log.
 */
export interface ClaimCheckContext {
  /** Where the scrub tables (NCCI, MUE, HCPCS) are read and overrides written. */
  db: Kysely<Database>;
  terminology: Icd10cmTerminology;
  facts: DiagnosisFacts;
  /** The filing date (YYYY-MM-DD): timely filing counts to it. */
  today: string;
  /** Filing window when the payer names none (default 365 days). */
  timelyFilingDays?: number;
}

/** Who overrides the gate and why; both must be said. */
export interface ScrubOverride {
  by: string;
  reason: string;
}

export interface CheckedClaim {
  claim: Claim;
  scrub: ScrubResult;
}

/** The terminology as the claim validator asks it: is this code billable on that date? */
export function diagnosisValidator(terminology: Icd10cmTerminology): DiagnosisValidator {
  return {
    validate: async (code, date) => {
      const [v] = terminology.validate([code], { date });
      return v?.valid ? { valid: true } : { valid: false, reason: v?.problem?.message ?? 'unknown code' };
    },
  };
}

/** Scrubs a validated claim as it would be filed on `ctx.today`. */
export async function scrubBillingClaim(claim: Claim, ctx: ClaimCheckContext): Promise<ScrubResult> {
  const raw = scrubInputFromBillingClaim(claim, {
    submissionDate: ctx.today,
    ...(ctx.timelyFilingDays ? { timelyFilingDays: ctx.timelyFilingDays } : {}),
  });
  // An 837I line carries no diagnosis pointers; the scrubber reads an institutional claim's
  // diagnoses as the whole claim's (edits/claim.ts resolveLines).
  let input: ReturnType<typeof parseClaim>;
  try {
    input = parseClaim(raw, claim.patientControlNumber);
  } catch (e) {
    // What the scrubber cannot read (e.g. no birth date for the age edits) is a claim problem.
    if (!(e instanceof ClaimInputError)) throw e;
    throw new ClaimValidationError(claim.patientControlNumber, [...e.issues]);
  }
  const date = input.lines.map((l) => l.dateOfService).sort()[0]!;
  const { tables, releases } = await loadScrubTables(ctx.db, {
    date,
    codes: [...new Set(input.lines.map((l) => l.code))],
  });
  return scrubClaim(input, {
    tables,
    facts: ctx.facts,
    today: ctx.today,
    ...(ctx.timelyFilingDays ? { defaultTimelyFilingDays: ctx.timelyFilingDays } : {}),
    ...(releases.hcpcs ? { hcpcsEffective: releases.hcpcs } : {}),
  });
}

/**
 * Validates (shape, cross-field rules, every diagnosis billable on the date of service, an
 * inpatient 837I's present-on-admission indicators against the CMS POA-exempt list) and
 * scrubs. Throws ClaimValidationError for an invalid claim; the scrub findings are returned for
 * the gate to judge.
 */
export async function checkClaim(input: unknown, ctx: ClaimCheckContext): Promise<CheckedClaim> {
  const claim = await validateClaim(input, claimRules(ctx.terminology));
  return { claim, scrub: await scrubBillingClaim(claim, ctx) };
}

/**
 * The validation every claim path applies (build, save, submit, download): every diagnosis
 * billable on the date of service, and an inpatient 837I's POA indicators against the CMS
 * exempt list.
 */
export function claimRules(terminology: Icd10cmTerminology): Parameters<typeof validateClaim>[1] {
  return { diagnoses: diagnosisValidator(terminology), poaExemptFor: (c) => poaExemptListFor(c) };
}

/** Claims the gate stopped: each with its error findings. */
export class ScrubGateError extends WorkflowError {
  constructor(readonly refused: ReadonlyArray<{ patientControlNumber: string; errors: Finding[] }>) {
    super(
      'conflict',
      'scrub_errors',
      refused
        .map(
          (r) =>
            `claim ${r.patientControlNumber} has scrubber errors (${r.errors
              .map((f) => `${f.rule}: ${f.message}`)
              .join('; ')}); fix them, or override naming who and why`,
        )
        .join(' | '),
    );
  }
}

/** One claim's error findings the gate lets through, and the override that did. */
export interface Overridden {
  claim: Claim;
  rules: string[];
  findings: Finding[];
}

/**
 * The gate. Error findings whose rule is in `waived` (overridden before for this very claim
 * content) pass; any other error refuses every claim (ScrubGateError, nothing to write) unless
 * an override is given, which must name who and why. Returns what the override covers, to be
 * recorded with the claims.
 */
export function gateClaims(
  checked: ReadonlyArray<CheckedClaim & { waived?: ReadonlySet<string> }>,
  override?: ScrubOverride,
): Overridden[] {
  if (override) checkOverride(override);
  const blocked = checked
    .map((c) => ({
      claim: c.claim,
      errors: c.scrub.findings.filter((f) => f.severity === 'error' && !c.waived?.has(f.rule)),
    }))
    .filter((c) => c.errors.length > 0);
  if (blocked.length === 0) return [];
  if (!override)
    throw new ScrubGateError(
      blocked.map((b) => ({ patientControlNumber: b.claim.patientControlNumber, errors: b.errors })),
    );
  return blocked.map((b) => ({
    claim: b.claim,
    rules: [...new Set(b.errors.map((f) => f.rule))].sort(),
    findings: b.errors,
  }));
}

function checkOverride(o: ScrubOverride): void {
  if (!o.by?.trim())
    throw new WorkflowError('invalid', 'override_who', 'an override must name who overrides', 'override.by');
  if (!o.reason?.trim())
    throw new WorkflowError('invalid', 'override_why', 'an override must say why', 'override.reason');
}

/** The content an override was given for: sha256 of the claim as canonical JSON. */
export const claimDigest = (claim: Claim): string =>
  createHash('sha256').update(canonicalJson(claim)).digest('hex');

/**
 * Records overrides for stored claims in the caller's transaction: one claim_scrub_override row
 * per claim and one audit entry each, naming the rules and findings overridden, who and why.
 */
export async function recordOverrides(
  trx: Kysely<Database>,
  audit: AuditActor,
  stage: 'validate' | 'submit',
  overridden: ReadonlyArray<Overridden & { claimId: number }>,
  override: ScrubOverride,
): Promise<void> {
  if (overridden.length === 0) return;
  for (const o of overridden)
    await trx
      .insertInto('claim_scrub_override')
      .values({
        claim_id: o.claimId,
        claim_sha256: claimDigest(o.claim),
        stage,
        rules: JSON.stringify(o.rules),
        reason: override.reason.trim(),
        by_whom: override.by.trim(),
      })
      .execute();
  await appendAudit(
    trx,
    audit,
    overridden.map((o) => overrideAudit(o, stage, override, o.claimId)),
  );
}

/** The audit entry of one override (a claim built into a file has no claim id: its number is named). */
export function overrideAudit(
  o: Overridden,
  stage: 'validate' | 'build' | 'submit',
  override: ScrubOverride,
  claimId: number | null,
) {
  return {
    action: 'scrub-override',
    entityType: 'claim' as const,
    entityId: claimId ?? o.claim.patientControlNumber,
    detail: {
      stage,
      by: override.by.trim(),
      reason: override.reason.trim(),
      rules: o.rules,
      findings: o.findings.map((f) => ({ rule: f.rule, lines: f.lines, codes: f.codes })),
    },
  };
}

/** Rules overridden before for each stored claim, as long as its content is what they were given for. */
export async function waivedRules(
  db: Kysely<Database>,
  claims: ReadonlyArray<{ id: number; claim: Claim }>,
): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (claims.length === 0) return out;
  const rows = await db
    .selectFrom('claim_scrub_override')
    .select(['claim_id', 'claim_sha256', 'rules'])
    .where(
      'claim_id',
      'in',
      claims.map((c) => c.id),
    )
    .execute();
  const digest = new Map(claims.map((c) => [c.id, claimDigest(c.claim)]));
  for (const r of rows) {
    if (digest.get(r.claim_id) !== r.claim_sha256) continue;
    const set = out.get(r.claim_id) ?? new Set<string>();
    for (const rule of r.rules) set.add(rule);
    out.set(r.claim_id, set);
  }
  return out;
}

/**
 * The gate before an 837 goes out, for stored claims, in the submitting transaction: each claim
 * is scrubbed again as filed today (timely filing moves on), rules overridden before for the
 * same content pass, and a new override is recorded (stage submit).
 */
export async function gateSubmission(
  trx: Kysely<Database>,
  ctx: Omit<ClaimCheckContext, 'db'>,
  claims: ReadonlyArray<{ id: number; claim: Claim }>,
  audit: AuditActor,
  override?: ScrubOverride,
): Promise<void> {
  const scope = { ...ctx, db: trx };
  const waived = await waivedRules(trx, claims);
  const checked = [];
  for (const c of claims)
    checked.push({
      id: c.id,
      claim: c.claim,
      scrub: await scrubBillingClaim(c.claim, scope),
      waived: waived.get(c.id) ?? new Set<string>(),
    });
  const overridden = gateClaims(checked, override);
  if (override && overridden.length) {
    const ids = new Map(checked.map((c) => [c.claim, c.id]));
    await recordOverrides(
      trx,
      audit,
      'submit',
      overridden.map((o) => ({ ...o, claimId: ids.get(o.claim)! })),
      override,
    );
  }
}

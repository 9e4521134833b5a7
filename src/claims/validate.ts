import { cobIssues } from './cob-balance.js';
import { type Claim, ClaimSchema, ICD10CM_SHAPE, type Provider } from './model.js';
import { isValidNpi } from './npi.js';
import { type PoaExemptList, situationalIssues } from './situational-rules.js';

/** One reason a claim cannot be sent, with the JSON path of the offending field. */
export interface ClaimIssue {
  path: string;
  message: string;
  /** The 837 loop and segment the rule belongs to (e.g. "2010AA N403"), where one does. */
  loop?: string;
}

/** A claim failed validation; nothing was written. `issues` lists every problem found. */
export class ClaimValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    readonly patientControlNumber: string | undefined,
    readonly issues: ClaimIssue[],
    heading = 'is not valid',
  ) {
    super(
      `claim ${patientControlNumber ?? '(no patient control number)'} ${heading}:\n` +
        issues.map((i) => `  ${i.loop ? `${i.loop} ` : ''}${i.path}: ${i.message}`).join('\n'),
    );
  }
}

/**
 * The terminology service as the claim validator sees it (injected, so claims/ does not depend
 * on the database): is this ICD-10-CM code reportable on this date of service?
 */
export interface DiagnosisValidator {
  validate(code: string, date: string): Promise<{ valid: boolean; reason?: string }>;
}

export interface ValidateOptions {
  diagnoses?: DiagnosisValidator;
  /** The CMS POA-exempt codes (poa-exempt.ts): enables the 837I present-on-admission code checks. */
  poaExempt?: PoaExemptList;
  /**
   * Finds the POA-exempt list for a shape-valid claim when `poaExempt` is not given (the list
   * depends on the claim: its type of bill and discharge year; poa-exempt.ts poaExemptListFor).
   */
  poaExemptFor?: (claim: Claim) => Promise<PoaExemptList | undefined>;
}

function checkProvider(p: Provider | undefined, path: string, issues: ClaimIssue[]): void {
  if (!p) return;
  if (!isValidNpi(p.npi)) issues.push({ path: `${path}.npi`, message: `NPI ${p.npi} fails the check digit` });
  if (!p.organizationName && !p.lastName) {
    issues.push({ path, message: 'needs an organizationName or a lastName' });
  }
}

/**
 * Cross-field rules on a shape-valid claim, including the 837 TR3 situational and
 * coordination-of-benefits rules (situational-rules.ts, cob-balance.ts). Pure.
 */
export function claimIssues(claim: Claim, options: { poaExempt?: PoaExemptList } = {}): ClaimIssue[] {
  const issues: ClaimIssue[] = [];
  checkProvider(claim.billingProvider, 'billingProvider', issues);
  checkProvider(claim.renderingProvider, 'renderingProvider', issues);
  checkProvider(claim.referringProvider, 'referringProvider', issues);
  checkProvider(claim.attendingProvider, 'attendingProvider', issues);
  const total = claim.lines.reduce((a, l) => a + l.chargeCents, 0);
  if (total !== claim.totalChargeCents) {
    issues.push({
      path: 'totalChargeCents',
      message: `is ${claim.totalChargeCents} but the lines add up to ${total}`,
    });
  }
  if ((claim.frequency === '7' || claim.frequency === '8') && !claim.payerClaimNumber) {
    issues.push({
      path: 'payerClaimNumber',
      message: `is required for a ${claim.frequency === '7' ? 'replacement' : 'void'} (REF*F8)`,
    });
  }
  if (claim.frequency === '1' && claim.payerClaimNumber) {
    issues.push({
      path: 'payerClaimNumber',
      message: 'only a replacement (7) or void (8) refers to a payer claim number',
    });
  }
  claim.diagnoses.forEach((code, i) => {
    if (!ICD10CM_SHAPE.test(code))
      issues.push({ path: `diagnoses[${i}]`, message: `${code} is not an ICD-10-CM code` });
  });
  if (new Set(claim.diagnoses).size !== claim.diagnoses.length) {
    issues.push({ path: 'diagnoses', message: 'lists a code twice' });
  }
  const institutional = claim.type === 'institutional';
  if (institutional && !claim.institutional)
    issues.push({ path: 'institutional', message: 'is required on an institutional claim' });
  if (institutional && !claim.attendingProvider && claim.lines.length > 0) {
    issues.push({ path: 'attendingProvider', message: 'is required on an institutional claim' });
  }
  if (!institutional && claim.diagnoses.length > 12)
    issues.push({ path: 'diagnoses', message: 'an 837P carries at most 12' });
  // CLM11 is 837P only; the 837I reports accidents with occurrence codes.
  if (institutional && (claim.relatedCauses || claim.autoAccidentState))
    issues.push({ path: 'relatedCauses', message: 'is sent on professional claims only (837P CLM11)' });
  if (claim.relatedCauses && new Set(claim.relatedCauses).size !== claim.relatedCauses.length)
    issues.push({ path: 'relatedCauses', message: 'lists a cause twice' });
  const auto = claim.relatedCauses?.includes('AA') ?? false;
  if (auto !== (claim.autoAccidentState !== undefined))
    issues.push({
      path: 'autoAccidentState',
      message: auto ? 'is required with an auto accident (AA)' : 'is sent only with an auto accident (AA)',
    });
  claim.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    if (!institutional && line.diagnosisPointers.length === 0) {
      issues.push({
        path: `${at}.diagnosisPointers`,
        message: 'needs at least one pointer on a professional claim',
      });
    }
    line.diagnosisPointers.forEach((p, j) => {
      if (p > claim.diagnoses.length) {
        issues.push({
          path: `${at}.diagnosisPointers[${j}]`,
          message: `points to diagnosis ${p} but the claim has ${claim.diagnoses.length}`,
        });
      }
    });
    if (new Set(line.diagnosisPointers).size !== line.diagnosisPointers.length) {
      issues.push({ path: `${at}.diagnosisPointers`, message: 'repeats a pointer' });
    }
    if (line.serviceDateTo && line.serviceDateTo < line.serviceDate) {
      issues.push({
        path: `${at}.serviceDateTo`,
        message: `${line.serviceDateTo} is before the service date ${line.serviceDate}`,
      });
    }
    if (institutional && !line.revenueCode)
      issues.push({ path: `${at}.revenueCode`, message: 'is required on an institutional claim' });
    const inst = claim.institutional;
    if (inst && (line.serviceDate < inst.statementFrom || line.serviceDate > inst.statementTo)) {
      issues.push({
        path: `${at}.serviceDate`,
        message: `${line.serviceDate} is outside the statement period ${inst.statementFrom}..${inst.statementTo}`,
      });
    }
  });
  const inst = claim.institutional;
  if (inst && inst.statementTo < inst.statementFrom) {
    issues.push({
      path: 'institutional.statementTo',
      message: `${inst.statementTo} is before the statement start ${inst.statementFrom}`,
    });
  }
  for (const [path, date] of [
    ['subscriber.birthDate', claim.subscriber.birthDate],
    ['patient.birthDate', claim.patient?.birthDate],
  ] as const) {
    if (date && claim.lines.some((l) => l.serviceDate < date))
      issues.push({ path, message: `${date} is after a date of service` });
  }
  const ids = claim.lines.map((l) => l.lineControlNumber).filter(Boolean);
  if (new Set(ids).size !== ids.length)
    issues.push({ path: 'lines', message: 'line control numbers repeat' });
  issues.push(...situationalIssues(claim, options.poaExempt), ...cobIssues(claim));
  return issues;
}

/** Real calendar date (zod only checks the shape). */
function badDates(value: unknown, path: string, out: ClaimIssue[]): void {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
      out.push({ path, message: `${value} is not a calendar date` });
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) badDates(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) badDates(v, path ? `${path}.${k}` : k, out);
  }
}

/**
 * Validates a claim before any output: shape (zod), then cross-field rules, then (when a
 * terminology service is given) that every diagnosis is valid and billable on the earliest
 * date of service. Returns the claim with defaults applied; throws ClaimValidationError with
 * every issue otherwise.
 */
export async function validateClaim(input: unknown, options: ValidateOptions = {}): Promise<Claim> {
  const parsed = ClaimSchema.safeParse(input);
  const pcn =
    input &&
    typeof input === 'object' &&
    typeof (input as { patientControlNumber?: unknown }).patientControlNumber === 'string'
      ? (input as { patientControlNumber: string }).patientControlNumber
      : undefined;
  if (!parsed.success) {
    throw new ClaimValidationError(
      pcn,
      parsed.error.issues.map((i) => ({
        path:
          i.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(claim)',
        message: i.message,
      })),
    );
  }
  const claim = parsed.data;
  const issues: ClaimIssue[] = [];
  badDates(claim, '', issues);
  const poaExempt = options.poaExempt ?? (await options.poaExemptFor?.(claim));
  issues.push(...claimIssues(claim, poaExempt ? { poaExempt } : {}));
  if (options.diagnoses && issues.length === 0) {
    const dos = claim.institutional?.statementFrom ?? claim.lines.map((l) => l.serviceDate).sort()[0]!;
    for (const [i, code] of claim.diagnoses.entries()) {
      const result = await options.diagnoses.validate(code, dos);
      if (!result.valid)
        issues.push({
          path: `diagnoses[${i}]`,
          message: `${code} is not billable on ${dos}${result.reason ? `: ${result.reason}` : ''}`,
        });
    }
  }
  if (issues.length) throw new ClaimValidationError(claim.patientControlNumber, issues);
  return claim;
}

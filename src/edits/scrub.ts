import { type AgeSexIndex, ageSexEdits } from './age-sex.js';
import { type Claim, parseClaim, resolveLines } from './claim.js';
import { claimHygieneEdits } from './claim-hygiene.js';
import type { DiagnosisFacts } from './diagnosis-facts.js';
import { type Finding, sortFindings } from './finding.js';
import { icd10cmClaimEdits } from './icd10cm-claim.js';
import { mueEdits } from './mue.js';
import { ncciPtpEdits } from './ncci-ptp.js';
import { procedureCodeEdits } from './procedure-codes.js';
import type { ScrubTables } from './tables.js';

export interface ScrubContext {
  tables: ScrubTables;
  /** ICD-10-CM facts; without them the diagnosis edits (validity, Excludes1, sequencing) and laterality are skipped. */
  facts?: DiagnosisFacts;
  ageSex?: AgeSexIndex;
  /** Today (ISO), for timely filing when the claim has no submission date. */
  today: string;
  defaultTimelyFilingDays?: number;
  /** Effective date of the loaded HCPCS release (missing codes in an older release are warnings). */
  hcpcsEffective?: string;
}

export interface ScrubResult {
  claimId?: string;
  findings: Finding[];
  errors: number;
  warnings: number;
  infos: number;
  /** Edit families that could not run, and why (e.g. no ICD-10-CM facts). */
  skipped: string[];
}

/** Runs every edit family over one claim. Pure: the same claim and context give the same findings. */
export function scrubClaim(claim: Claim, context: ScrubContext): ScrubResult {
  const lines = resolveLines(claim);
  const findings: Finding[] = [
    ...claimHygieneEdits(claim, lines, {
      today: context.today,
      ...(context.defaultTimelyFilingDays !== undefined
        ? { defaultTimelyFilingDays: context.defaultTimelyFilingDays }
        : {}),
      ...(context.facts ? { facts: context.facts } : {}),
    }),
    ...procedureCodeEdits(
      lines,
      context.tables,
      context.hcpcsEffective ? { hcpcsEffective: context.hcpcsEffective } : {},
    ),
    ...ncciPtpEdits(claim, lines, context.tables),
    ...mueEdits(claim, lines, context.tables),
    ...(context.facts ? icd10cmClaimEdits(claim, lines, context.facts) : []),
    ...ageSexEdits(claim, lines, context.ageSex),
  ];
  const skipped: string[] = [];
  if (!context.facts) skipped.push('icd10cm-claim: no ICD-10-CM release loaded');
  if (
    context.tables.ptp[claim.setting === 'outpatient' ? 'outpatient' : 'practitioner'].size === 0 &&
    claim.setting !== 'dme'
  ) {
    skipped.push('ncci-ptp: no NCCI PTP table loaded');
  }
  if (context.tables.mue[claim.setting].size === 0) skipped.push(`mue: no ${claim.setting} MUE table loaded`);
  sortFindings(findings);
  return {
    ...(claim.id !== undefined ? { claimId: claim.id } : {}),
    findings,
    errors: findings.filter((x) => x.severity === 'error').length,
    warnings: findings.filter((x) => x.severity === 'warning').length,
    infos: findings.filter((x) => x.severity === 'info').length,
    skipped,
  };
}

/** Validates plain JSON (throws ClaimInputError naming bad fields) and scrubs it. */
export function scrubJson(input: unknown, context: ScrubContext, source = 'claim'): ScrubResult {
  return scrubClaim(parseClaim(input, source), context);
}

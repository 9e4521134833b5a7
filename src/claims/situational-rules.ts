import { type Claim, ICD10CM_SHAPE } from './model.js';
import { isAcuteInpatientBill, isInpatientBill, needsAdmissionDate } from './type-of-bill.js';
import type { ClaimIssue } from './validate.js';

/**
 * Situational rules of the 837P (005010X222A1) and 837I (005010X223A2) TR3s that depend on the
 * rest of the claim. Each issue names the loop and segment the rule belongs to. The writer
 * enforces the "do not send" halves itself (e.g. no 2010BA N3/N4/DMG when a 2000C follows).
 */

/** Codes the CMS POA-exempt list names (see poa-exempt.ts); injected so this stays pure. */
export interface PoaExemptList {
  has(code: string): boolean;
}

const PO_BOX = /\b(P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|LOCK\s*BOX)\b/i;

export function situationalIssues(claim: Claim, poaExempt?: PoaExemptList): ClaimIssue[] {
  const issues: ClaimIssue[] = [];
  const bp = claim.billingProvider.address;
  // 2010AA N403: "the full nine-digit ZIP code is required" for the billing provider.
  if (!/^\d{9}$/.test(bp.zip))
    issues.push({
      path: 'billingProvider.address.zip',
      loop: '2010AA N403',
      message: `${bp.zip} is not a 9-digit ZIP code (ZIP+4), which the billing provider address requires`,
    });
  // 2010AA N3: a street address; post office and lock boxes belong in the pay-to address (2010AB).
  for (const [key, line] of [
    ['line1', bp.line1],
    ['line2', bp.line2],
  ] as const)
    if (line && PO_BOX.test(line))
      issues.push({
        path: `billingProvider.address.${key}`,
        loop: '2010AA N3',
        message: 'must be a street address: a post office or lock box goes in the pay-to address (2010AB)',
      });
  // 2010BA DMG: required when the patient is the subscriber (no 2000C follows).
  if (!claim.patient) {
    if (!claim.subscriber.birthDate)
      issues.push({
        path: 'subscriber.birthDate',
        loop: '2010BA DMG',
        message: 'is required when the patient is the subscriber',
      });
    if (!claim.subscriber.sex)
      issues.push({
        path: 'subscriber.sex',
        loop: '2010BA DMG',
        message: 'is required when the patient is the subscriber',
      });
  }
  if (claim.type === 'institutional' && claim.institutional)
    issues.push(...institutionalIssues(claim, poaExempt));
  return issues;
}

function institutionalIssues(claim: Claim, poaExempt?: PoaExemptList): ClaimIssue[] {
  const issues: ClaimIssue[] = [];
  const inst = claim.institutional!;
  const tob = claim.placeOfService;
  const inpatient = isInpatientBill(tob);
  // 2300 DTP*435: required on inpatient claims (date and hour) and home health start of care.
  if (needsAdmissionDate(tob) && !inst.admissionDate)
    issues.push({
      path: 'institutional.admissionDate',
      loop: '2300 DTP*435',
      message: `is required on a type of bill ${tob}x claim`,
    });
  if (inpatient && !inst.admissionHour)
    issues.push({
      path: 'institutional.admissionHour',
      loop: '2300 DTP*435',
      message: `is required on an inpatient (type of bill ${tob}x) claim: the admission date and hour`,
    });
  if (inst.admissionHour && !inst.admissionDate)
    issues.push({
      path: 'institutional.admissionHour',
      loop: '2300 DTP*435',
      message: 'needs the admission date it belongs to',
    });
  if (inst.admissionDate && inst.admissionDate > inst.statementFrom)
    issues.push({
      path: 'institutional.admissionDate',
      loop: '2300 DTP*435',
      message: `${inst.admissionDate} is after the statement period start ${inst.statementFrom}`,
    });
  // 2300 HI*ABJ: required on inpatient claims; "if not required by this implementation guide, do not send".
  if (inpatient && !inst.admittingDiagnosis)
    issues.push({
      path: 'institutional.admittingDiagnosis',
      loop: '2300 HI*ABJ',
      message: `is required on an inpatient (type of bill ${tob}x) claim`,
    });
  if (!inpatient && inst.admittingDiagnosis)
    issues.push({
      path: 'institutional.admittingDiagnosis',
      loop: '2300 HI*ABJ',
      message: `is sent only on inpatient claims, not on type of bill ${tob}x`,
    });
  if (inst.admittingDiagnosis && !ICD10CM_SHAPE.test(inst.admittingDiagnosis))
    issues.push({
      path: 'institutional.admittingDiagnosis',
      loop: '2300 HI*ABJ',
      message: `${inst.admittingDiagnosis} is not an ICD-10-CM code`,
    });
  // HI01-9 present on admission: only where there is an admission; each names a claim diagnosis.
  const poa = inst.presentOnAdmission ?? {};
  const codes = Object.keys(poa);
  if (codes.length && !inpatient)
    issues.push({
      path: 'institutional.presentOnAdmission',
      loop: '2300 HI01-9',
      message: `present-on-admission indicators are sent only on inpatient claims, not on type of bill ${tob}x`,
    });
  for (const code of codes) {
    if (!claim.diagnoses.includes(code))
      issues.push({
        path: `institutional.presentOnAdmission.${code}`,
        loop: '2300 HI01-9',
        message: `${code} is not one of the claim's diagnoses`,
      });
    else if (poaExempt?.has(code))
      issues.push({
        path: `institutional.presentOnAdmission.${code}`,
        loop: '2300 HI01-9',
        message: `${code} is on the CMS POA-exempt list: its indicator is left blank`,
      });
  }
  // CMS requires an indicator on every non-exempt diagnosis of an inpatient acute-care bill; only
  // checkable with the exempt list at hand.
  if (poaExempt && isAcuteInpatientBill(tob))
    claim.diagnoses.forEach((code, i) => {
      if (!poa[code] && !poaExempt.has(code))
        issues.push({
          path: `diagnoses[${i}]`,
          loop: '2300 HI01-9',
          message: `${code} needs a present-on-admission indicator (Y, N, U or W) on type of bill 11x`,
        });
    });
  return issues;
}

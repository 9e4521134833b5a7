import type { ClaimInput } from './claim.js';

/**
 * The fields of the billing module's claim model (src/claims/model.ts) the scrubber reads,
 * written structurally so the edits do not depend on the claims module (claims come after
 * edits in the flow); test/edits checks that the real model fits.
 */
export interface BillingClaimLike {
  type: 'professional' | 'institutional';
  patientControlNumber: string;
  placeOfService: string;
  diagnoses: readonly string[];
  renderingProvider?: { npi: string } | undefined;
  subscriber: { birthDate?: string | undefined; sex?: 'F' | 'M' | 'U' | undefined };
  patient?: { birthDate: string; sex: 'F' | 'M' | 'U' } | undefined;
  payer: { name: string; id: string };
  lines: ReadonlyArray<{
    procedureCode: string;
    modifiers: readonly string[];
    chargeCents: number;
    units: number;
    placeOfService?: string | undefined;
    diagnosisPointers: readonly number[];
    serviceDate: string;
  }>;
}

export interface FromBillingOptions {
  /** DME supplier claims are 837P too; say so to use the DME MUE table. */
  dme?: boolean;
  submissionDate?: string;
  timelyFilingDays?: number;
}

/**
 * Maps a billing claim to the scrubber's input. The patient is the patient loop when present,
 * else the subscriber (who is then the patient). Institutional claims use the outpatient
 * hospital NCCI/MUE tables and carry no place of service (their CLM05-1 is a facility type).
 * Returns plain JSON: parseClaim validates it like any other input (a subscriber without a birth
 * date is reported there, with its path).
 */
export function scrubInputFromBillingClaim(
  claim: BillingClaimLike,
  options: FromBillingOptions = {},
): ClaimInput {
  const person = claim.patient ?? claim.subscriber;
  const professional = claim.type === 'professional';
  return {
    id: claim.patientControlNumber,
    setting: options.dme ? 'dme' : professional ? 'practitioner' : 'outpatient',
    patient: { birthDate: person.birthDate as string, sex: person.sex ?? 'U' },
    ...(professional ? { placeOfService: claim.placeOfService } : {}),
    ...(options.submissionDate ? { submissionDate: options.submissionDate } : {}),
    payer: {
      id: claim.payer.id,
      name: claim.payer.name,
      ...(options.timelyFilingDays ? { timelyFilingDays: options.timelyFilingDays } : {}),
    },
    diagnoses: [...claim.diagnoses],
    lines: claim.lines.map((l) => ({
      code: l.procedureCode,
      modifiers: [...l.modifiers],
      units: l.units,
      chargeCents: l.chargeCents,
      pointers: [...l.diagnosisPointers],
      dateOfService: l.serviceDate,
      ...(professional && l.placeOfService ? { placeOfService: l.placeOfService } : {}),
      ...(claim.renderingProvider ? { renderingNpi: claim.renderingProvider.npi } : {}),
    })),
  };
}

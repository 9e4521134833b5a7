import { z } from 'zod';
import { FILING_INDICATORS, RELATIONSHIP_CODES } from '../x12/elements.js';

/**
 * The claim model: what an 837P/837I needs, in our units (cents, ISO dates, codes without
 * dots). Shape checks live here in zod; cross-field rules (NPI check digits, pointers, totals,
 * date order, billable diagnoses) are in validate.ts so each can be reported with its path.
 */

/**
 * An ICD-10-CM code as claims carry it: no dot, upper case (shape only; validity is the
 * terminology's). The second character is a letter in FY2026's new QA0 category (QA0.0101).
 */
export const ICD10CM_SHAPE = /^[A-TV-Z][0-9A-Z][0-9A-Z]([0-9A-Z]{1,4})?$/;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date');
const cents = z.number().int('must be integer cents');
const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

export const AddressSchema = z.object({
  line1: text(55),
  line2: text(55).optional(),
  city: text(30, 2),
  state: z.string().regex(/^[A-Z]{2}$/, 'must be a 2-letter state code'),
  zip: z.string().regex(/^\d{5}(\d{4})?$/, 'must be 5 or 9 digits'),
});

export const PersonNameSchema = z.object({
  lastName: text(60),
  firstName: text(35).optional(),
  middleName: text(25).optional(),
});

/** A provider is an organization (name) or a person (lastName/firstName). */
export const ProviderSchema = z.object({
  npi: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
  organizationName: text(60).optional(),
  lastName: text(60).optional(),
  firstName: text(35).optional(),
  taxonomy: z
    .string()
    .regex(/^[0-9A-Z]{9}X$/, 'must be a 10-character taxonomy code')
    .optional(),
});

export const BillingProviderSchema = ProviderSchema.extend({
  taxId: z.string().regex(/^\d{9}$/, 'must be 9 digits'),
  taxIdType: z.enum(['EI', 'SY']).default('EI'),
  address: AddressSchema,
});

export const SubscriberSchema = PersonNameSchema.extend({
  memberId: text(80, 2),
  birthDate: isoDate.optional(),
  sex: z.enum(['F', 'M', 'U']).optional(),
  address: AddressSchema.optional(),
  groupNumber: text(50).optional(),
  /** SBR01 payer responsibility sequence: P primary, S secondary, T tertiary. */
  responsibility: z.enum(['P', 'S', 'T']).default('P'),
  /** SBR09 claim filing indicator (CI commercial, MB Medicare Part B, MC Medicaid ...). */
  filingIndicator: z.enum(FILING_INDICATORS as [string, ...string[]]).default('CI'),
});

/** The patient when it is not the subscriber (2000C). */
export const PatientSchema = PersonNameSchema.extend({
  birthDate: isoDate,
  sex: z.enum(['F', 'M', 'U']),
  address: AddressSchema,
  /** PAT01 individual relationship to the subscriber (19 child, 01 spouse ...; never 18 = self). */
  relationship: z.enum(RELATIONSHIP_CODES.filter((c) => c !== '18') as [string, ...string[]]),
});

export const PayerSchema = z.object({ name: text(60), id: text(80, 2) });

/** CAS01 claim adjustment group codes the 837 TR3s allow. */
export const COB_ADJUSTMENT_GROUPS = ['CO', 'CR', 'OA', 'PI', 'PR'] as const;

/**
 * One adjustment another payer made (from its 835 CAS): why the amount paid differs from the
 * amount charged. Sent back to the next payer in 2320 CAS (claim level) or 2430 CAS (line level).
 */
export const CobAdjustmentSchema = z.object({
  group: z.enum(COB_ADJUSTMENT_GROUPS),
  /** Claim adjustment reason code (CARC), e.g. 45, 1, 2, 3, 96, A1. */
  reason: z
    .string()
    .regex(/^[A-Z0-9]{1,5}$/, 'must be a claim adjustment reason code (1-5 letters or digits)'),
  amountCents: cents,
  /** CAS04 units adjusted, when the payer reported them. */
  quantity: z.number().positive().max(999999999).optional(),
});

/** Coordination of benefits: another payer that has (or should have) paid before this one. */
export const OtherPayerSchema = z.object({
  payer: PayerSchema,
  subscriber: PersonNameSchema.extend({ memberId: text(80, 2) }),
  responsibility: z.enum(['P', 'S', 'T']),
  relationship: z.enum(RELATIONSHIP_CODES as [string, ...string[]]).default('18'),
  filingIndicator: z.enum(FILING_INDICATORS as [string, ...string[]]).default('CI'),
  /** AMT*D: what this payer paid on the claim; set once it adjudicated the claim. */
  paidCents: cents.optional(),
  /** 2320 CAS: this payer's claim-level adjustments (line-level ones are on the lines). */
  adjustments: z.array(CobAdjustmentSchema).max(30).optional(),
  /** 2330B DTP*573: when this payer adjudicated the claim (sent when no line of it is in 2430). */
  adjudicationDate: isoDate.optional(),
});

const modifier = z.string().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character modifier');
const procedureCode = z.string().regex(/^([0-9]{4}[0-9A-Z]|[A-V][0-9]{4})$/, 'must be a CPT or HCPCS code');

/** 2430: how another payer adjudicated one service line (from its 835 SVC). */
export const LineAdjudicationSchema = z.object({
  /** SVD01: the other payer, as its 2330B NM109 (otherPayers[].payer.id). */
  payerId: text(80, 2),
  /** SVD02: what the payer paid on this line (0 allowed). */
  paidCents: cents,
  /** SVD03: the procedure the payer adjudicated, when it differs from the line's. */
  procedureCode: procedureCode.optional(),
  modifiers: z.array(modifier).max(4, 'at most 4 modifiers').optional(),
  /** SVD05: paid units, when they differ from the line's units (0 allowed). */
  paidUnits: z.number().nonnegative().max(99999).optional(),
  /** 2430 DTP*573: the payer's adjudication (remittance) date for this line. */
  adjudicationDate: isoDate,
  /** 2430 CAS: this payer's adjustments to this line. */
  adjustments: z.array(CobAdjustmentSchema).max(30).optional(),
});

export const ServiceLineSchema = z.object({
  /** CPT or HCPCS Level II code (SV101-2 / SV202-2 with qualifier HC). */
  procedureCode,
  modifiers: z.array(modifier).max(4, 'at most 4 modifiers').default([]),
  chargeCents: cents.nonnegative(),
  units: z.number().positive().max(99999),
  unitType: z.enum(['UN', 'MJ', 'DA']).default('UN'),
  /** SV105, only when it differs from the claim's place of service. */
  placeOfService: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  /** 1-based pointers into the claim's diagnoses, primary first (837P: up to 4). */
  diagnosisPointers: z.array(z.number().int().min(1).max(12)).max(4).default([]),
  serviceDate: isoDate,
  serviceDateTo: isoDate.optional(),
  /** REF*6R line item control number: echoed in the 835 and used to match payments to lines. */
  lineControlNumber: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,30}$/)
    .optional(),
  /** NUBC revenue code (837I, required there). */
  revenueCode: z
    .string()
    .regex(/^\d{4}$/, 'must be a 4-digit revenue code')
    .optional(),
  /** 2430: other payers' adjudication of this line, one entry per payer. */
  adjudications: z.array(LineAdjudicationSchema).max(15).optional(),
});

/** 837I present-on-admission indicator (HI0x-9): Yes, No, Unknown, clinically undetermined (W). */
export const POA_INDICATORS = ['Y', 'N', 'U', 'W'] as const;

export const InstitutionalSchema = z.object({
  /** CL101 priority (type) of admission or visit. */
  admissionType: z.string().regex(/^\d$/),
  /** CL102 point of origin for admission or visit. */
  admissionSource: z
    .string()
    .regex(/^[0-9A-Z]$/)
    .optional(),
  /** CL103 patient discharge status. */
  patientStatus: z.string().regex(/^\d{2}$/),
  statementFrom: isoDate,
  statementTo: isoDate,
  /** DTP*435 admission (inpatient) or start-of-care date. */
  admissionDate: isoDate.optional(),
  /** DTP*435 hour, HHMM (24-hour clock): sent as DT CCYYMMDDHHMM; required on inpatient claims. */
  admissionHour: z
    .string()
    .regex(/^([01]\d|2[0-3])[0-5]\d$/, 'must be an HHMM hour')
    .optional(),
  /** HI*ABJ admitting diagnosis: inpatient types of bill only. */
  admittingDiagnosis: z
    .string()
    .transform((c) => c.replace('.', '').toUpperCase())
    .optional(),
  /**
   * Present-on-admission indicator per diagnosis code (as in `diagnoses`, without the dot), for
   * inpatient types of bill. Codes on the CMS POA-exempt list are left out (reported blank).
   */
  presentOnAdmission: z
    .record(
      z.string(),
      z.enum(POA_INDICATORS, {
        message: 'must be Y, N, U or W (005010 has no "1": leave an exempt code out)',
      }),
    )
    .transform((r) =>
      Object.fromEntries(Object.entries(r).map(([code, poa]) => [code.replace('.', '').toUpperCase(), poa])),
    )
    .optional(),
  /**
   * ICD-10-PCS procedures with their dates, principal first: HI*BBR, then HI*BBQ (UB-04 FL 74
   * and 74a-e).
   */
  procedures: z
    .array(
      z.object({
        code: z
          .string()
          .transform((c) => c.toUpperCase())
          .pipe(z.string().regex(/^[0-9A-HJ-NP-Z]{7}$/, 'must be a 7-character ICD-10-PCS code')),
        date: isoDate,
      }),
    )
    .min(1)
    .max(25, 'at most 25 procedures (1 principal, 24 other)')
    .optional(),
});

export const ClaimSchema = z.object({
  type: z.enum(['professional', 'institutional']),
  /** CLM01: our claim id; the 835 returns it in CLP01. */
  patientControlNumber: z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'must be 1-20 letters, digits or dashes'),
  /** CLM05-3: 1 original, 7 replacement, 8 void. */
  frequency: z.enum(['1', '7', '8']).default('1'),
  /** REF*F8: the payer's claim number of the claim being replaced or voided. */
  payerClaimNumber: text(50).optional(),
  totalChargeCents: cents.nonnegative(),
  /** 837P: place of service (CLM05-1). 837I: facility type code (first two digits of the type of bill). */
  placeOfService: z.string().regex(/^\d{2}$/, 'must be 2 digits'),
  providerSignature: z.boolean().default(true),
  assignment: z.enum(['A', 'B', 'C']).default('A'),
  benefitsAssigned: z.boolean().default(true),
  releaseOfInformation: z.enum(['Y', 'I']).default('Y'),
  priorAuthorization: text(50).optional(),
  /** REF*EA: the provider's medical record number for the patient (UB-04 FL 3b). */
  medicalRecordNumber: text(50).optional(),
  /**
   * CLM11, 837P only: the condition is related to employment (EM), an auto accident (AA) or
   * another accident (OA) (CMS-1500 boxes 10a-c). No entry: related to none of them.
   */
  relatedCauses: z
    .array(z.enum(['AA', 'EM', 'OA']))
    .min(1)
    .max(2)
    .optional(),
  /** CLM11-4: the state or province of an auto accident (with AA). */
  autoAccidentState: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a 2-letter state code')
    .optional(),
  /** ICD-10-CM codes, principal/primary first; stored without the dot. */
  diagnoses: z
    .array(z.string().transform((c) => c.replace('.', '').toUpperCase()))
    .min(1, 'at least one diagnosis')
    .max(12, 'at most 12 diagnoses'),
  billingProvider: BillingProviderSchema,
  renderingProvider: ProviderSchema.optional(),
  referringProvider: ProviderSchema.optional(),
  attendingProvider: ProviderSchema.optional(),
  subscriber: SubscriberSchema,
  patient: PatientSchema.optional(),
  payer: PayerSchema,
  otherPayers: z.array(OtherPayerSchema).max(10).default([]),
  institutional: InstitutionalSchema.optional(),
  lines: z
    .array(ServiceLineSchema)
    .min(1, 'at least one service line')
    .max(50, 'at most 50 service lines (837P)'),
});

export type Address = z.infer<typeof AddressSchema>;
export type Provider = z.infer<typeof ProviderSchema>;
export type BillingProvider = z.infer<typeof BillingProviderSchema>;
export type Subscriber = z.infer<typeof SubscriberSchema>;
export type Patient = z.infer<typeof PatientSchema>;
export type Payer = z.infer<typeof PayerSchema>;
export type OtherPayer = z.infer<typeof OtherPayerSchema>;
export type CobAdjustment = z.infer<typeof CobAdjustmentSchema>;
export type LineAdjudication = z.infer<typeof LineAdjudicationSchema>;
export type ServiceLine = z.infer<typeof ServiceLineSchema>;
export type Institutional = z.infer<typeof InstitutionalSchema>;
/** A claim after defaults are applied. */
export type Claim = z.infer<typeof ClaimSchema>;
/** A claim as callers write it (defaults optional). */
export type ClaimInput = z.input<typeof ClaimSchema>;

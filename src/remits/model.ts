/** Remittance (835) model. Money is integer cents; dates are YYYY-MM-DD. */

/** A procedure as the payer reports it: SVC01 or SVC06 (qualifier HC/AD/NU/ER/N4, code, up to 4 modifiers). */
export interface RemitProcedure {
  qualifier: string;
  code: string;
  modifiers: string[];
}

/** One CAS adjustment triple: group code, reason code (CARC), amount, optional quantity. */
export interface Adjustment {
  group: string;
  reason: string;
  amountCents: number;
  quantity?: number;
}

/** Where in the file a remittance element came from (for messages and audit). */
export interface SourceRef {
  segment: number;
}

export interface RemitServiceLine extends SourceRef {
  /** SVC01: what the payer adjudicated (may differ from what we billed). */
  procedure: RemitProcedure;
  chargeCents: number;
  paidCents: number;
  /** SVC04 NUBC revenue code (institutional). */
  revenueCode?: string;
  units: number;
  /** SVC06: the procedure as originally billed, present when the payer changed it. */
  original?: RemitProcedure;
  originalUnits?: number;
  serviceDate?: string;
  serviceDateTo?: string;
  adjustments: Adjustment[];
  /** REF*6R: our line item control number echoed back. */
  lineControlNumber?: string;
  /** AMT*B6. */
  allowedCents?: number;
  /** LQ*HE remark codes (RARC). */
  remarks: string[];
}

export interface RemitClaim extends SourceRef {
  /** CLP01: our patient control number (CLM01). */
  patientControlNumber: string;
  /** CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 19-23 forwarded/reversal ... */
  status: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  filingIndicator: string;
  /** CLP07: the payer's claim control number (needed for REF*F8 on a replacement/void). */
  payerClaimNumber: string;
  facilityType?: string;
  frequency?: string;
  /** CLP02 = 22: reverses a previous payment (amounts are negative). */
  reversal: boolean;
  patient?: { lastName: string; firstName: string; memberId: string };
  correctedInsured?: { lastName: string; firstName: string; memberId: string };
  adjustments: Adjustment[];
  /** RARCs from MOA/MIA. */
  remarks: string[];
  statementFrom?: string;
  statementTo?: string;
  receivedDate?: string;
  amounts: Record<string, number>;
  lines: RemitServiceLine[];
}

export interface ProviderAdjustment extends SourceRef {
  providerId: string;
  fiscalPeriodEnd?: string;
  /** PLB adjustment reason code (WO, L6, FB, 72, ...). */
  reason: string;
  reference?: string;
  /** Positive reduces the payment, negative increases it (as in PLB). */
  amountCents: number;
}

/** A balancing equation that does not hold. */
export interface BalanceIssue {
  level: 'line' | 'claim' | 'transaction';
  /** CLP01 of the claim it is in (line and claim level). */
  patientControlNumber?: string;
  /** 1-based position of the service line inside its claim. */
  line?: number;
  segment: number;
  expectedCents: number;
  actualCents: number;
  message: string;
}

export interface Remittance {
  /** ST02 and the interchange/group numbers it arrived in. */
  controlNumber: string;
  interchangeControlNumber?: string;
  implementation: string;
  payment: {
    handling: string;
    totalCents: number;
    creditDebit: string;
    method: string;
    date?: string;
  };
  trace: { type: string; number: string; originator: string };
  productionDate?: string;
  payer: { name: string; id?: string };
  payee: { name: string; idQualifier?: string; id?: string; npi?: string; taxId?: string };
  claims: RemitClaim[];
  providerAdjustments: ProviderAdjustment[];
  /** Empty when all three balancing equations hold. */
  imbalances: BalanceIssue[];
  /** Envelope problems reported by the reader (counts, control numbers). */
  envelopeIssues: string[];
  /** Claims or PLB segments that could not be read (left out of `claims`), each with its location. */
  problems: string[];
}

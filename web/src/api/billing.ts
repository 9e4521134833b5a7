import { type DownloadedFile, queryString, request, requestFile } from './client.js';
import type { ClaimLineInput, DenialGroup, DenialLine } from './types.js';

/**
 * The biller's work (server routes/billing-work.ts): the 837 download, posted remittances, and
 * the denial actions. Files come back as attachments (requestFile); the page saves them.
 */
export interface ClaimBalance {
  chargeCents: number;
  paidCents: number;
  patientCents: number;
  contractualCents: number;
  writtenOffCents: number;
  openCents: number;
}

export interface WriteOff {
  id: number;
  amountCents: number;
  reason: string;
  reasonLabel: string;
  note: string | null;
  by: string;
  at: string;
}

export interface Assignee {
  id: number;
  username: string | null;
}

/** What GET /api/claims/:id adds for the biller (workflow/claim-work.ts). */
export interface ClaimWork {
  frequency: '1' | '7' | '8';
  replacesClaimId: number | null;
  replacedBy: { id: number; frequency: string; state: string }[];
  assignee: Assignee | null;
  balance: ClaimBalance;
  writeOffs: WriteOff[];
  batch: { id: number; interchange: number | null; at: string | null; fileKept: boolean } | null;
}

export interface WriteOffReason {
  code: string;
  label: string;
  noteRequired: boolean;
}

export interface BillingOptions {
  writeOffReasons: WriteOffReason[];
  assignees: { id: number; username: string; role: string }[];
}

export interface RemittanceSummary {
  id: number;
  fileName: string | null;
  format: string;
  postedAt: string;
  postedBy: string;
  payers: string[];
  traceNumbers: string[];
  paymentDates: string[];
  methods: string[];
  totalCents: number;
  claims: number;
  posted: number;
  held: number;
  rejected: number;
  unknownClaims: string[];
}

export interface ExplainedAdjustment {
  group: string;
  groupLabel: string;
  carc: string;
  text: string | null;
  amountCents: number;
  quantity: number | null;
}

export interface ExplainedRemark {
  code: string;
  text: string | null;
}

export interface RemitLine {
  procedure: { qualifier: string; code: string; modifiers: string[] };
  chargeCents: number;
  paidCents: number;
  units: number;
  serviceDate: string | null;
  lineControlNumber: string | null;
  adjustments: ExplainedAdjustment[];
  remarks: ExplainedRemark[];
}

export interface RemitClaimView {
  position: number;
  payment: number;
  patientControlNumber: string;
  payerClaimNumber: string;
  statusCode: string;
  status: string;
  chargeCents: number | null;
  paidCents: number;
  patientResponsibilityCents: number;
  claimId: number | null;
  encounterId: number | null;
  posting: 'posted' | 'held' | 'rejected' | 'earlier' | 'unknown';
  adjustments: ExplainedAdjustment[];
  remarks: ExplainedRemark[];
  lines: RemitLine[];
}

export interface RemitPayment {
  payer: string;
  payerId: string | null;
  traceNumber: string;
  paymentDate: string | null;
  method: string;
  totalCents: number;
  claims: number;
  providerAdjustments: { reason: string; reference: string | null; amountCents: number }[];
}

export interface RemittanceView extends RemittanceSummary {
  payments: RemitPayment[];
  detailKept: boolean;
  claimsDetail: RemitClaimView[];
}

/** A line of a corrected claim: the encounter form's line, naming the original line it corrects. */
export interface CorrectedLineInput extends ClaimLineInput {
  lineControlNumber?: string;
  serviceDate?: string;
}

/** A worklist line with what the biller acts on (GET /api/denials adds them). */
export interface WorkedDenialLine extends DenialLine {
  payerClaimNumber?: string | null;
  claimState?: string;
  openCents?: number | null;
  assignee?: Assignee | null;
}

const claimPath = (id: number | string, action: string) =>
  `/api/claims/${encodeURIComponent(String(id))}/${action}`;

export const billingApi = {
  options: () => request<BillingOptions>('GET', '/api/billing/options'),
  /** The denials worklist; `assignee`: me, none, or a user id. */
  denials: (assignee?: string) =>
    request<{ groups: DenialGroup[] }>('GET', `/api/denials${queryString({ assignee })}`),
  download837: (claimId: number | string): Promise<DownloadedFile> =>
    requestFile('POST', claimPath(claimId, '837')),
  correct: (
    claimId: number | string,
    body: {
      reason: string;
      diagnoses: string[];
      lines: CorrectedLineInput[];
      allowRemovedLines?: boolean;
      override?: { reason: string };
    },
  ) => request<{ claimId: number }>('POST', claimPath(claimId, 'correct'), body),
  appealLetter: (
    claimId: number | string,
    body: { format: 'pdf' | 'text'; argument?: string; markAppealed?: boolean },
  ): Promise<DownloadedFile> => requestFile('POST', claimPath(claimId, 'appeal-letter'), body),
  writeOff: (claimId: number | string, body: { amountCents: number; reason: string; note?: string }) =>
    request<{ state: string; balance: ClaimBalance }>('POST', claimPath(claimId, 'write-off'), body),
  assign: (claimId: number | string, userId: number | null) =>
    request<{ assignee: Assignee | null }>('POST', claimPath(claimId, 'assign'), { userId }),
  remittances: (page: { limit?: number; offset?: number } = {}) =>
    request<{ items: RemittanceSummary[]; total: number }>('GET', `/api/remits${queryString({ ...page })}`),
  remittance: (id: string) => request<RemittanceView>('GET', `/api/remits/${encodeURIComponent(id)}`),
};

import { queryString, request } from './client.js';

/**
 * The coding-quality audit API (src/server/routes/qa.ts) as the browser sees it: samples, blind
 * re-coding, the comparison with its variances, and the agreement report with its CSV export.
 * Restated here like api/types.ts (the web build cannot import the server's modules).
 */

export interface QaPerson {
  id: number;
  username: string;
  role: string;
}

export interface SampleCriteria {
  from: string;
  to: string;
  size?: number;
  percent?: number;
  coderId?: number;
  codeFamily?: string;
  minChargeCents?: number;
}

export interface NewSample extends SampleCriteria {
  seed?: string;
  auditorId?: number;
}

export interface SampleSummary {
  id: number;
  createdAt: string;
  createdBy: string;
  auditor: { id: number; username: string };
  criteria: SampleCriteria;
  seed: string;
  population: number;
  populationSha256: string;
  excludedOwn: number;
  items: number;
  submitted: number;
}

export interface SampleItem {
  id: number;
  position: number;
  encounterId: number;
  dateOfService: string;
  coder: { id: number; username: string };
  chargeCents: number | null;
  status: 'pending' | 'submitted';
  submittedAt: string | null;
}

export interface SampleDetail extends SampleSummary {
  itemList: SampleItem[];
}

export interface QaCode {
  code: string;
  title: string;
}

export const VARIANCE_KINDS = [
  'wrong_code',
  'specificity',
  'missing_code',
  'extra_code',
  'sequencing',
  'other',
] as const;
export type VarianceKind = (typeof VARIANCE_KINDS)[number];

export interface ComparedCode {
  code: string;
  title: string;
  result: 'agree' | 'coder-only' | 'auditor-only';
  coderPosition: number | null;
  auditorPosition: number | null;
}

export interface Variance {
  key: string;
  type: 'agree' | 'coder-only' | 'auditor-only' | 'sequencing';
  codes: string[];
  suggestedKind: VarianceKind;
  counterpart: string | null;
  kind: VarianceKind | null;
  comment: string;
  classifiedBy: string | null;
  classifiedAt: string | null;
}

export interface Comparison {
  codes: ComparedCode[];
  principal: { coder: string | null; auditor: string | null; agree: boolean };
  counts: { agree: number; coderOnly: number; auditorOnly: number };
  variances: Variance[];
  noVariance: boolean;
}

export interface ItemView {
  item: {
    id: number;
    sampleId: number;
    position: number;
    encounterId: number;
    status: 'pending' | 'submitted';
    submittedAt: string | null;
    auditor: { id: number; username: string };
    coder: { id: number; username: string };
  };
  encounter: {
    dateOfService: string;
    setting: string;
    payer: string;
    patient: { age: number; sex: string };
  };
  note: { text: string; format: string };
  auditorCodes: QaCode[] | null;
  coderCodes?: QaCode[];
  comparison?: Comparison;
}

export interface Agreement {
  key: string;
  records: number;
  recordsWithoutVariance: number;
  recordAccuracy: number | null;
  meetsBenchmark: boolean | null;
  agree: number;
  coderOnly: number;
  auditorOnly: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  principalRecords: number;
  principalAgree: number;
  principalAgreement: number | null;
}

export type FamilyLevel = 'category' | 'letter';

export interface ReportFilters {
  from?: string;
  to?: string;
  coderId?: number;
  level?: FamilyLevel;
}

export interface QaRecord {
  itemId: number;
  sampleId: number;
  encounterId: number;
  coder: { id: number; username: string };
  auditor: { id: number; username: string };
  dateOfService: string;
  submittedAt: string;
  comparison: Comparison;
  coderCodes: QaCode[];
  auditorCodes: QaCode[];
  kinds: Record<string, { kind: VarianceKind; comment: string }>;
}

export interface QaReport {
  filters: { from: string | null; to: string | null; coderId: number | null; level: FamilyLevel };
  benchmark: number;
  overall: Agreement;
  byCoder: Agreement[];
  byFamily: Agreement[];
  records: QaRecord[];
}

export type CsvView = 'coder' | 'family' | 'record';

const item = (id: number | string) => `/api/qa/items/${encodeURIComponent(String(id))}`;

export const qaApi = {
  people: () => request<{ coders: QaPerson[]; auditors: QaPerson[] }>('GET', '/api/qa/people'),
  samples: () => request<{ samples: SampleSummary[] }>('GET', '/api/qa/samples'),
  sample: (id: number | string) =>
    request<SampleDetail>('GET', `/api/qa/samples/${encodeURIComponent(String(id))}`),
  createSample: (input: NewSample) => request<SampleDetail>('POST', '/api/qa/samples', input),
  item: (id: number | string) => request<ItemView>('GET', item(id)),
  recode: (id: number | string, codes: string[]) =>
    request<ItemView>('POST', `${item(id)}/recode`, { codes }),
  classify: (id: number | string, variances: Array<{ key: string; kind: VarianceKind; comment: string }>) =>
    request<ItemView>('PUT', `${item(id)}/variances`, { variances }),
  report: (filters: ReportFilters) =>
    request<QaReport>('GET', `/api/qa/report${queryString({ ...filters })}`),
};

/** The CSV export's address (a plain link: the browser downloads it with the session cookie). */
export function reportCsvHref(filters: ReportFilters, view: CsvView): string {
  return `/api/qa/report.csv${queryString({ ...filters, view })}`;
}

/** "wrong_code" → "wrong code". */
export const kindLabel = (kind: string) => kind.replace(/_/g, ' ');

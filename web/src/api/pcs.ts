import { request } from './client.js';

/**
 * The ICD-10-PCS builder over the API (/api/pcs/*), shapes as src/terminology/pcs sends them:
 * each step lists only values that lead to valid codes, labelled as the imported tables name them.
 */

export interface PcsCharacter {
  position: number;
  name: string;
  value: string;
  label: string;
}

export interface PcsChoice {
  value: string;
  label: string;
  codes: number;
  /** Set when the value completes a valid code. */
  title?: string;
}

export interface PcsReleaseInfo {
  label: string;
  fiscalYear: number;
  outsideWindow: boolean;
  warning?: string;
}

export interface PcsStep {
  release: PcsReleaseInfo;
  prefix: string;
  characters: PcsCharacter[];
  position?: number;
  axis?: string;
  choices: PcsChoice[];
  code?: { code: string; title: string };
}

export interface PcsLookup {
  release: PcsReleaseInfo;
  code: string;
  valid: boolean;
  title?: string;
  characters: PcsCharacter[];
  problem?: { position: number; message: string; validValues: string[] };
}

export interface PcsSearch {
  release: PcsReleaseInfo;
  results: Array<{ code: string; title: string }>;
}

const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const pcsApi = {
  build: (prefix: string, dos?: string) => request<PcsStep>('GET', `/api/pcs/build${query({ prefix, dos })}`),
  lookup: (code: string, dos?: string) =>
    request<PcsLookup>('GET', `/api/pcs/lookup/${encodeURIComponent(code)}${query({ dos })}`),
  search: (q: string, dos?: string) =>
    request<PcsSearch>('GET', `/api/pcs/search${query({ q, dos, limit: '25' })}`),
};

/**
 * The one place the browser talks to the server. The session lives in an HTTP-only cookie the
 * page cannot read; what the page keeps is the CSRF token from login (or /auth/me), which every
 * state-changing request must echo in `x-csrf-token`.
 */
import type {
  Account,
  ClaimDetail,
  ClaimLineInput,
  ClaimSummary,
  CodeSave,
  Dashboard,
  DenialGroup,
  EncounterList,
  EncounterView,
  HistoryPage,
  IndexKind,
  IndexMainTerms,
  IndexTermPage,
  IndexWalk,
  RemitResult,
  Role,
  ScrubResult,
  SearchResult,
  Session,
  TabularPage,
  TransitionsReport,
  User,
} from './types.js';

/** A 4xx/5xx answer, carrying the server's error code, message and offending field. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

/** Called when the server says the session is gone (expired or logged out elsewhere) so the app shows the login. */
export function onSessionLost(handler: (() => void) | null): void {
  onSignedOut = handler;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sends a request with the session cookie and, for changes, the CSRF header. */
async function send(method: string, path: string, body: unknown, accept?: string): Promise<Response> {
  const headers: Record<string, string> = accept ? { accept } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', `cannot reach the server (${(err as Error).message})`);
  }
}

/** The error of a refused request, from the server's `{ error }` body when it sent one. */
function failure(response: Response, parsed: unknown): ApiError {
  const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  if (response.status === 401 && error?.code === 'unauthenticated') onSignedOut?.();
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? (response.statusText || `request failed with status ${response.status}`),
    error?.field,
  );
}

/** One JSON request (pages with an API module of their own, as api/audit.ts, use it too). */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body, 'application/json');
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'bad_response', `${path}: response is not JSON`);
    }
  }
  if (!response.ok) throw failure(response, parsed);
  return parsed as T;
}

/** A file the server answers as an attachment: its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * A request answered with a file (an 837, a letter): the same session, CSRF header and errors
 * as `request`, the body kept as bytes with the Content-Disposition file name.
 */
export async function requestFile(method: string, path: string, body?: unknown): Promise<DownloadedFile> {
  const response = await send(method, path, body);
  if (!response.ok) throw failure(response, await response.json().catch(() => null));
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
  return { blob: await response.blob(), fileName };
}

/** Query string from the set values only, so empty filters do not reach the server. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export interface EncounterFilters {
  state?: string;
  assignee?: string;
  payer?: string;
  minAgeDays?: number;
  /** `open`: waiting on a provider; `answered`: an answer to take in. */
  query?: 'open' | 'answered';
  /** A worklist column (the server's LIST_SORTS), and whether newest / Z first. */
  sort?: string;
  desc?: boolean;
  limit?: number;
  offset?: number;
}

export const api = {
  login: (username: string, password: string) =>
    request<Session>('POST', '/api/auth/login', { username, password }),
  logout: () => request<unknown>('POST', '/api/auth/logout'),
  me: () => request<Session>('GET', '/api/auth/me'),
  changePassword: (currentPassword: string, password: string) =>
    request<{ ok: true }>('POST', '/api/auth/password', { currentPassword, password }),

  // Accounts (admin): each change answers with the account list as it now stands.
  users: () => request<{ users: Account[] }>('GET', '/api/users'),
  createUser: (username: string, password: string, role: Role) =>
    request<{ user: User }>('POST', '/api/users', { username, password, role }),
  setUserActive: (id: number, active: boolean) =>
    request<{ users: Account[] }>('POST', `/api/users/${id}/${active ? 'enable' : 'disable'}`),
  unlockUser: (id: number) => request<{ users: Account[] }>('POST', `/api/users/${id}/unlock`),
  setUserRole: (id: number, role: Role) =>
    request<{ users: Account[] }>('PUT', `/api/users/${id}/role`, { role }),
  resetPassword: (id: number, password: string) =>
    request<{ users: Account[] }>('PUT', `/api/users/${id}/password`, { password }),

  encounters: (filters: EncounterFilters) =>
    request<EncounterList>('GET', `/api/encounters${queryString({ ...filters })}`),
  encounter: (id: string) => request<EncounterView>('GET', `/api/encounters/${encodeURIComponent(id)}`),
  history: (id: string, offset: number, limit: number) =>
    request<HistoryPage>(
      'GET',
      `/api/encounters/${encodeURIComponent(id)}/history${queryString({ offset, limit })}`,
    ),
  suggest: (id: string) =>
    request<EncounterView>('POST', `/api/encounters/${encodeURIComponent(id)}/suggest`),
  assign: (id: string, userId: number | string | null) =>
    request<unknown>('POST', `/api/encounters/${encodeURIComponent(id)}/assign`, { userId }),
  saveCodes: (id: string, codes: CodeSave[]) =>
    request<EncounterView>('PUT', `/api/encounters/${encodeURIComponent(id)}/codes`, { codes }),
  /** Scrubs the given lines with the final codes before a claim exists, or the built claim without lines. */
  scrub: (id: string, lines?: ClaimLineInput[]) =>
    request<ScrubResult>(
      'POST',
      `/api/encounters/${encodeURIComponent(id)}/scrub`,
      lines ? { lines } : undefined,
    ),
  complete: (id: string) => request<unknown>('POST', `/api/encounters/${encodeURIComponent(id)}/complete`),
  /** `overrideReason` builds despite scrubber errors (the server keeps who and why). */
  buildClaim: (id: string, lines: ClaimLineInput[], overrideReason?: string) =>
    request<{ claimId: number | string }>('POST', `/api/encounters/${encodeURIComponent(id)}/claim`, {
      lines,
      ...(overrideReason ? { override: { reason: overrideReason } } : {}),
    }),

  search: (q: string, limit = 10) =>
    request<{ results: SearchResult[] }>('GET', `/api/terminology/search${queryString({ q, limit })}`),
  /** A Tabular List page: `chapter:4`, `section:E08-E13`, `code:E11.9`; none = the chapters. */
  tabular: (target?: string) =>
    request<TabularPage>('GET', `/api/terminology/browse${queryString({ target })}`),
  indexTerms: (kind: IndexKind, prefix: string, limit = 2000) =>
    request<IndexMainTerms>('GET', `/api/terminology/index/terms${queryString({ kind, prefix, limit })}`),
  indexTerm: (kind: IndexKind, id: number | string) =>
    request<IndexTermPage>(
      'GET',
      `/api/terminology/index/terms/${encodeURIComponent(String(id))}${queryString({ kind })}`,
    ),
  indexWalk: (kind: IndexKind, path: string) =>
    request<IndexWalk>('GET', `/api/terminology/index${queryString({ kind, path })}`),
  codeTransitions: (filters: {
    state?: string;
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  }) => request<TransitionsReport>('GET', `/api/reports/code-transitions${queryString({ ...filters })}`),

  claims: (state?: string) =>
    request<{ items: ClaimSummary[] }>('GET', `/api/claims${queryString({ state })}`),
  claim: (id: string) => request<ClaimDetail>('GET', `/api/claims/${encodeURIComponent(id)}`),
  submitClaim: (id: string, overrideReason?: string) =>
    request<unknown>(
      'POST',
      `/api/claims/${encodeURIComponent(id)}/submit`,
      overrideReason ? { override: { reason: overrideReason } } : undefined,
    ),

  postRemit: (x12: string) => request<RemitResult>('POST', '/api/remits', { x12 }),
  /** Accept (post it) or reject a payment held as a possible duplicate, saying why. */
  resolveHeldPayment: (postingId: number, decision: 'accept' | 'reject', reason: string) =>
    request<unknown>('POST', `/api/remits/held/${encodeURIComponent(String(postingId))}/resolve`, {
      decision,
      reason,
    }),
  denials: () => request<{ groups: DenialGroup[] }>('GET', '/api/denials'),
  dashboard: () => request<Dashboard>('GET', '/api/dashboard'),
};

/** A message fit for an alert: the server's own words, with the field when it named one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.field ? `${err.message} (${err.field})` : err.message;
  return err instanceof Error ? err.message : String(err);
}

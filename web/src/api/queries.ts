import { queryString, request } from './client.js';
import type { QueryStatus } from './types.js';

/**
 * Physician queries over the API: the coder asks (on the encounter), withdraws or closes; the
 * provider reads their own and answers. Shapes as src/workflow/queries.ts and query-inbox.ts
 * answer them.
 */

export interface Provider {
  id: number;
  username: string;
}

/** What a coder asks: the engine's query number `index` as a template, or a question of their own. */
export type NewQuery =
  | { kind: 'template'; providerId: number; index: number; element: string }
  | { kind: 'free-text'; providerId: number; topic?: string; question: string; excerpts?: string[] };

export interface InboxExcerpt {
  before: string;
  text: string;
  after: string;
  section?: string;
}

/** A query as its provider sees it: the question and the note excerpts, no billing. */
export interface InboxQuery {
  id: number;
  kind: 'template' | 'free-text';
  status: QueryStatus;
  element: string;
  question: string;
  options: string[];
  excerpts: InboxExcerpt[];
  askedBy: string | null;
  askedAt: string;
  answerOption: string | null;
  answer: string | null;
  answeredAt: string | null;
  encounter: {
    id: number;
    patient: { displayName: string; age: number; sex: string };
    dateOfService: string;
    setting: string;
  };
}

export interface QueryAnswer {
  option?: string;
  text?: string;
}

const path = (id: number | string) => `/api/queries/${encodeURIComponent(String(id))}`;

export const queriesApi = {
  providers: () => request<{ providers: Provider[] }>('GET', '/api/providers'),
  ask: (encounterId: string, query: NewQuery) =>
    request<{ id: number }>('POST', `/api/encounters/${encodeURIComponent(encounterId)}/queries`, query),
  withdraw: (id: number | string) => request<unknown>('POST', `${path(id)}/withdraw`),
  close: (id: number | string) => request<unknown>('POST', `${path(id)}/close`),
  inbox: (status?: QueryStatus) =>
    request<{ queries: InboxQuery[] }>('GET', `/api/queries${queryString({ status })}`),
  one: (id: number | string) => request<InboxQuery>('GET', path(id)),
  answer: (id: number | string, answer: QueryAnswer) =>
    request<{ encounterId: number; query: InboxQuery }>('POST', `${path(id)}/answer`, answer),
};

import { queryString, request } from './client.js';

/** One audit-log entry as GET /api/audit answers it. */
export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  detail: unknown;
  seq: number | null;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The `before` of the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  /** A type (`encounter`) or a type and id (`encounter:12`). */
  entity?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

/** What the log records entries about (the server's AuditEntryInput entity types). */
export const AUDIT_ENTITY_TYPES = [
  'encounter',
  'note',
  'code',
  'claim',
  'query',
  'remittance',
  'user',
  'session',
  'request',
  'audit',
  'qa',
] as const;

export const auditLog = (filters: AuditFilters) =>
  request<AuditPage>('GET', `/api/audit${queryString({ ...filters })}`);

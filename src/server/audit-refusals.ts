import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { appendAudit } from '../workflow/audit.js';

/**
 * Every API request refused for want of a session (401) goes into the audit log: probing is
 * exactly what an audit should show. The 403s are logged where they are decided, with their
 * reason (auth.ts: role and CSRF; ownership.ts; the password change), and a failed login by its
 * route as `login-failed` with the name tried, so neither is repeated here. Written before the
 * answer leaves, so it is in the log by the time the caller sees the refusal. The path is logged
 * without its query string (search terms may name a patient).
 */
const LOGIN_URL = '/api/auth/login';

export function registerRefusalAudit(app: FastifyInstance, db: Kysely<Database>): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode;
    if (status !== 401 || !request.url.startsWith('/api')) return payload;
    if (request.routeOptions.url === LOGIN_URL) return payload;
    const user = request.session?.user;
    try {
      await appendAudit(db, { userId: user?.id ?? null, username: user?.username ?? null, ip: request.ip }, [
        {
          action: 'refused',
          entityType: 'request',
          entityId: null,
          detail: {
            method: request.method,
            path: request.url.split('?')[0]!.slice(0, 200),
            status,
            code: errorCode(payload),
          },
        },
      ]);
    } catch (e) {
      // The refusal stands either way; a log that cannot be written is the server's problem.
      request.log.error({ err: e }, 'could not audit-log a refused request');
    }
    return payload;
  });
}

function errorCode(payload: unknown): string | null {
  if (typeof payload !== 'string' || payload.length > 10_000) return null;
  try {
    const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

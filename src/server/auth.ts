import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { UserRole } from '../store/schema-workflow.js';
import { csrfMatches, ROLES, type Session } from '../workflow/accounts.js';
import { appendAudit } from '../workflow/audit.js';
import type { Actor } from '../workflow/context.js';
import { STAFF_ROLES } from '../workflow/permissions.js';
import { sendError } from './errors.js';
import type { SessionCache } from './session-cache.js';

/**
 * Authentication and authorisation for every route. A route declares `config.auth`: 'public'
 * (health, login, the web app's files) or the roles allowed. The hook runs on request, before
 * the body is parsed or validated, so an anonymous caller learns nothing about the input rules:
 * no session → 401, a state-changing request without the session's CSRF header → 403, a role
 * not listed → 403. Every 403 is audit-logged (action `refused`) with the route and the reason.
 */
export type RouteAuth = 'public' | { roles: readonly UserRole[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    session: Session | null;
  }
}

export const SESSION_COOKIE = 'medcoder_session';
/** The back-office roles: what a route open to "everyone" admits (the provider sees its queries only). */
export const ALL_ROLES: readonly UserRole[] = STAFF_ROLES;
/** Every account, the provider too: signing out, one's own password, who am I. */
export const ANY_ACCOUNT: readonly UserRole[] = ROLES;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function requireSession(sessions: SessionCache, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[SESSION_COOKIE];
  const session = token ? await sessions.find(token) : undefined;
  if (!session) {
    sendError(reply, 401, 'unauthenticated', 'log in first');
    return null;
  }
  request.session = session;
  return session;
}

/** Audit-logs a refused request of a logged-in user (route and reason, never the body). */
export async function auditRefusal(
  db: Kysely<Database>,
  request: FastifyRequest,
  session: Session,
  reason: string,
): Promise<void> {
  await appendAudit(db, { userId: session.user.id, username: session.user.username, ip: request.ip }, [
    {
      action: 'refused',
      entityType: 'session',
      entityId: null,
      detail: {
        method: request.method,
        route: request.routeOptions.url ?? request.url.split('?')[0],
        role: session.user.role,
        reason,
      },
    },
  ]);
}

export function registerAuth(app: FastifyInstance, sessions: SessionCache, db: Kysely<Database>): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    const auth = request.routeOptions.config?.auth;
    if (auth === 'public') return;
    // Unknown URLs (404 handler) have no route config: they need a session too under /api.
    const session = await requireSession(sessions, request, reply);
    if (!session) return reply;
    if (
      !SAFE_METHODS.has(request.method) &&
      !csrfMatches(session.csrfToken, request.headers['x-csrf-token'])
    ) {
      await auditRefusal(db, request, session, 'csrf');
      return sendError(reply, 403, 'csrf', 'missing or wrong x-csrf-token header');
    }
    if (auth && !auth.roles.includes(session.user.role)) {
      await auditRefusal(db, request, session, 'role');
      return sendError(
        reply,
        403,
        'forbidden',
        `${article(session.user.role)} ${session.user.role} may not do this`,
      );
    }
  });
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** The acting user of an authenticated request. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new Error('route declared public but needs a user');
  return { user: request.session.user, ip: request.ip };
}

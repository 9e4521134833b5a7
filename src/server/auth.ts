import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '../store/schema-workflow.js';
import { csrfMatches, type Session } from '../workflow/accounts.js';
import type { Actor } from '../workflow/context.js';
import { sendError } from './errors.js';
import type { SessionCache } from './session-cache.js';

/**
 * Authentication and authorisation for every route. A route declares `config.auth`: 'public'
 * (health, login, the web app's files) or the roles allowed. The hook runs on request, before
 * the body is parsed or validated, so an anonymous caller learns nothing about the input rules:
 * no session → 401, a state-changing request without the session's CSRF header → 403, a role
 * not listed → 403.
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
export const ALL_ROLES: readonly UserRole[] = ['admin', 'coder', 'auditor', 'biller'];
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

export function registerAuth(app: FastifyInstance, sessions: SessionCache): void {
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
      return sendError(reply, 403, 'csrf', 'missing or wrong x-csrf-token header');
    }
    if (auth && !auth.roles.includes(session.user.role)) {
      return sendError(reply, 403, 'forbidden', `a ${session.user.role} may not do this`);
    }
  });
}

/** The acting user of an authenticated request. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new Error('route declared public but needs a user');
  return { user: request.session.user, ip: request.ip };
}

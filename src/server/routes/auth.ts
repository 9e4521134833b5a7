import type { FastifyInstance } from 'fastify';
import { checkPassword, createSession, deleteSession } from '../../workflow/accounts.js';
import { appendAudit } from '../../workflow/audit.js';
import type { ServerDeps } from '../app.js';
import { ALL_ROLES, SESSION_COOKIE } from '../auth.js';
import { sendError } from '../errors.js';

const userSchema = {
  type: 'object',
  properties: { id: { type: 'integer' }, username: { type: 'string' }, role: { type: 'string' } },
} as const;

export function authRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const { store } = deps;
  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'liveness and which store is behind the server',
        response: {
          200: { type: 'object', properties: { ok: { type: 'boolean' }, store: { type: 'string' } } },
        },
      },
    },
    async () => ({ ok: true, store: store.kind }),
  );

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public', rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'log in: sets the session cookie and returns the CSRF token',
        body: {
          type: 'object',
          required: ['username', 'password'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 100 },
            password: { type: 'string', minLength: 1, maxLength: 1000 },
          },
        },
        response: {
          200: { type: 'object', properties: { user: userSchema, csrfToken: { type: 'string' } } },
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const user = await checkPassword(store.db, username, password);
      if (!user) {
        await appendAudit(store.db, { userId: null, username: username.slice(0, 100), ip: request.ip }, [
          { action: 'login-failed', entityType: 'session', entityId: null },
        ]);
        return sendError(reply, 401, 'bad_credentials', 'wrong username or password');
      }
      const session = await createSession(store.db, user, request.ip);
      await appendAudit(store.db, { userId: user.id, username: user.username, ip: request.ip }, [
        { action: 'login', entityType: 'session', entityId: null },
      ]);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        expires: session.expires,
      });
      return { user, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: { roles: ALL_ROLES } }, schema: { tags: ['auth'], summary: 'end the session' } },
    async (request, reply) => {
      await deleteSession(store.db, request.session!.idHash);
      deps.sessions.forget(request.session!.idHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['auth'],
        summary: 'the logged-in user and the CSRF token',
        response: {
          200: { type: 'object', properties: { user: userSchema, csrfToken: { type: 'string' } } },
        },
      },
    },
    async (request) => ({ user: request.session!.user, csrfToken: request.session!.csrfToken }),
  );
}

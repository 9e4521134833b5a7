import type { FastifyInstance } from 'fastify';
import { changeOwnPassword, createSession, deleteSession } from '../../workflow/accounts.js';
import { appendAudit } from '../../workflow/audit.js';
import { WorkflowError } from '../../workflow/errors.js';
import { recordLoginFailure } from '../../workflow/lockout.js';
import { attemptLogin } from '../../workflow/login.js';
import { MAX_PASSWORD } from '../../workflow/password-policy.js';
import { permissionsOf } from '../../workflow/permissions.js';
import type { ServerDeps } from '../app.js';
import { ANY_ACCOUNT, actorOf, auditRefusal, SESSION_COOKIE } from '../auth.js';
import { sendError } from '../errors.js';

const userSchema = {
  type: 'object',
  properties: { id: { type: 'integer' }, username: { type: 'string' }, role: { type: 'string' } },
} as const;

/** A session's answer: the user, the CSRF token, and what the user's role may do (permissions.ts) for the workbench's buttons. */
const sessionSchema = {
  type: 'object',
  properties: {
    user: userSchema,
    csrfToken: { type: 'string' },
    permissions: { type: 'array', items: { type: 'string' } },
  },
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
          200: sessionSchema,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const outcome = await attemptLogin(store.db, username, password, request.ip);
      if (!outcome.ok && outcome.reason === 'locked')
        return sendError(
          reply,
          429,
          'account_locked',
          `too many failed logins for this account: try again after ${outcome.until.toISOString()} or ask an admin to reset the password`,
        );
      if (!outcome.ok) return sendError(reply, 401, 'bad_credentials', 'wrong username or password');
      const { user } = outcome;
      const session = await createSession(store.db, user, request.ip);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        expires: session.expires,
      });
      return { user, csrfToken: session.csrfToken, permissions: permissionsOf(user.role) };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: { roles: ANY_ACCOUNT } }, schema: { tags: ['auth'], summary: 'end the session' } },
    async (request, reply) => {
      await deleteSession(store.db, request.session!.idHash);
      deps.sessions.forget(request.session!.idHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: {
        auth: { roles: ANY_ACCOUNT },
        rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary:
          'change your own password (the current one is required; the password policy applies; your other sessions end)',
        body: {
          type: 'object',
          required: ['currentPassword', 'password'],
          properties: {
            currentPassword: { type: 'string', minLength: 1, maxLength: 1000 },
            password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { currentPassword: string; password: string };
      const session = request.session!;
      const actor = actorOf(request);
      try {
        const change = await changeOwnPassword(
          store.db,
          session.user,
          body.currentPassword,
          body.password,
          session.idHash,
        );
        for (const idHash of change.endedSessions) deps.sessions.forget(idHash);
        await appendAudit(store.db, { userId: actor.user.id, username: actor.user.username, ip: actor.ip }, [
          {
            action: 'password-change',
            entityType: 'user',
            entityId: actor.user.id,
            detail: { ...change.detail, endedSessions: change.endedSessions.length },
          },
        ]);
        return { ok: true };
      } catch (e) {
        // A wrong current password is a password guess through an open session: it counts
        // toward the account's lockout like a failed login.
        if (e instanceof WorkflowError && e.code === 'wrong_password') {
          await recordLoginFailure(store.db, actor.user.id);
          await auditRefusal(store.db, request, session, 'wrong-current-password');
          return sendError(reply, 403, 'wrong_password', e.message);
        }
        throw e;
      }
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { auth: { roles: ANY_ACCOUNT } },
      schema: {
        tags: ['auth'],
        summary: 'the logged-in user and the CSRF token',
        response: {
          200: sessionSchema,
        },
      },
    },
    async (request) => ({
      user: request.session!.user,
      csrfToken: request.session!.csrfToken,
      permissions: permissionsOf(request.session!.user.role),
    }),
  );
}

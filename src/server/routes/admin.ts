import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UserRole } from '../../store/schema-workflow.js';
import {
  type AccountChange,
  createUser,
  listUsers,
  ROLES,
  resetPassword,
  setUserActive,
  setUserRole,
  unlockUser,
} from '../../workflow/accounts.js';
import { appendAudit } from '../../workflow/audit.js';
import { auditActor } from '../../workflow/encounters.js';
import { MAX_PASSWORD } from '../../workflow/password-policy.js';
import type { ServerDeps } from '../app.js';
import { actorOf } from '../auth.js';
import { idParams } from '../schemas.js';

export function adminRoutes(app: FastifyInstance, { ctx, sessions }: ServerDeps): void {
  app.get(
    '/api/users',
    { config: { auth: { roles: ['admin'] } }, schema: { tags: ['admin'], summary: 'accounts' } },
    async () => ({ users: await listUsers(ctx.db) }),
  );

  app.post(
    '/api/users',
    {
      config: { auth: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'create an account',
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          properties: {
            username: { type: 'string', minLength: 2, maxLength: 40 },
            password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD },
            role: { type: 'string', enum: ROLES },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { username: string; password: string; role: UserRole };
      const user = await createUser(ctx.db, body);
      await appendAudit(ctx.db, auditActor(actorOf(request)), [
        {
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          detail: { username: user.username, role: user.role },
        },
      ]);
      return reply.status(201).send({ user });
    },
  );

  /**
   * An admin's change to an account: applied, the sessions it ended forgotten by this process
   * at once (not after the session cache's TTL), audit-logged, and the account list returned.
   */
  const applied = async (request: FastifyRequest, action: string, change: AccountChange) => {
    for (const idHash of change.endedSessions) sessions.forget(idHash);
    await appendAudit(ctx.db, auditActor(actorOf(request)), [
      {
        action,
        entityType: 'user',
        entityId: change.user.id,
        detail: { ...change.detail, endedSessions: change.endedSessions.length },
      },
    ]);
    return { user: change.user, users: await listUsers(ctx.db) };
  };
  const ADMIN = { auth: { roles: ['admin'] as const } };

  for (const [name, active, summary] of [
    ['disable', false, 'disable an account: it cannot log in and its sessions end (not the last admin)'],
    ['enable', true, 're-enable an account (clears a lockout too)'],
  ] as const) {
    app.post(
      `/api/users/:id/${name}`,
      { config: ADMIN, schema: { tags: ['admin'], summary, params: idParams } },
      async (request) => {
        const { id } = request.params as { id: number };
        return applied(request, name, await setUserActive(ctx.db, id, active));
      },
    );
  }

  app.post(
    '/api/users/:id/unlock',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'lift a lockout after failed logins (the failure count starts over)',
        params: idParams,
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      return applied(request, 'unlock', await unlockUser(ctx.db, id));
    },
  );

  app.put(
    '/api/users/:id/role',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: "change an account's role; its sessions end so the new role applies at once",
        params: idParams,
        body: {
          type: 'object',
          required: ['role'],
          properties: { role: { type: 'string', enum: ROLES } },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { role } = request.body as { role: UserRole };
      return applied(request, 'role-change', await setUserRole(ctx.db, id, role));
    },
  );

  app.put(
    '/api/users/:id/password',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary:
          "reset an account's password (the password policy applies; clears a lockout; its sessions end)",
        params: idParams,
        body: {
          type: 'object',
          required: ['password'],
          properties: { password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD } },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { password } = request.body as { password: string };
      return applied(request, 'password-reset', await resetPassword(ctx.db, id, password));
    },
  );
}

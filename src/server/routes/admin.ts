import type { FastifyInstance } from 'fastify';
import type { UserRole } from '../../store/schema-workflow.js';
import { createUser, listUsers, ROLES } from '../../workflow/accounts.js';
import { appendAudit, listAudit } from '../../workflow/audit.js';
import { auditActor } from '../../workflow/encounters.js';
import type { ServerDeps } from '../app.js';
import { actorOf } from '../auth.js';

export function adminRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/audit',
    {
      config: { auth: { roles: ['admin', 'auditor'] } },
      schema: {
        tags: ['admin'],
        summary: 'audit log entries, newest first; entity = type or type:id',
        querystring: {
          type: 'object',
          properties: {
            entity: { type: 'string', pattern: '^[a-z]{1,20}(:[A-Za-z0-9_-]{1,40})?$' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { entity?: string; limit?: number };
      return { entries: await listAudit(ctx.db, q.entity, q.limit ?? 100) };
    },
  );

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
            password: { type: 'string', minLength: 10, maxLength: 1000 },
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
}

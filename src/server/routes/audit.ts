import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../workflow/audit.js';
import { type AuditFilter, searchAudit } from '../../workflow/audit-search.js';
import { auditActor } from '../../workflow/encounters.js';
import type { ServerDeps } from '../app.js';
import { actorOf } from '../auth.js';
import { isoDate } from '../schemas.js';

/**
 * The audit-log viewer's API. Reading the log is itself audited (who looked, with which
 * filters), in the same transaction as the read, so no one browses it unseen.
 */
export function auditRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/audit',
    {
      config: { auth: { roles: ['admin', 'auditor'] } },
      schema: {
        tags: ['admin'],
        summary:
          'audit log entries, newest first: filter by actor (username), action, entity (type or type:id) and day range; page with before = the previous nextBefore',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            actor: { type: 'string', minLength: 1, maxLength: 100 },
            action: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' },
            entity: { type: 'string', pattern: '^[a-z]{1,20}(:[A-Za-z0-9_-]{1,40})?$' },
            from: isoDate,
            to: isoDate,
            before: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
      },
    },
    async (request) => {
      const filter = request.query as AuditFilter;
      return ctx.db.transaction().execute(async (trx) => {
        const page = await searchAudit(trx, filter);
        await appendAudit(trx, auditActor(actorOf(request)), [
          {
            action: 'read',
            entityType: 'audit',
            entityId: null,
            detail: { filter, entries: page.entries.length },
          },
        ]);
        return page;
      });
    },
  );
}

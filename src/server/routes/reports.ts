import type { FastifyInstance } from 'fastify';
import type { EncounterState } from '../../store/schema-workflow.js';
import { codeTransitions } from '../../workflow/code-transitions.js';
import type { ServerDeps } from '../app.js';
import { ALL_ROLES, actorOf } from '../auth.js';
import { ENCOUNTER_STATE_ENUM, isoDate } from '../schemas.js';

/** Work reports over many encounters. They carry patient names: never cached by the browser. */
export function reportRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/reports/code-transitions',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['reports'],
        summary:
          'encounters whose coded or suggested ICD-10-CM codes are not reportable on their date of service (deleted, expanded, made headers)',
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: ENCOUNTER_STATE_ENUM },
            from: isoDate,
            to: isoDate,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            offset: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as {
        state?: EncounterState;
        from?: string;
        to?: string;
        limit: number;
        offset: number;
      };
      reply.header('cache-control', 'no-store');
      return codeTransitions(ctx, actorOf(request), {
        ...(q.state ? { state: q.state } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
}

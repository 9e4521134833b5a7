import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../app.js';
import { ALL_ROLES } from '../auth.js';
import { sendError } from '../errors.js';
import { terminologyBrowseRoutes } from './terminology-browse.js';

export function terminologyRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/terminology/search',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['terminology'],
        summary: 'ranked ICD-10-CM search (search-as-you-type)',
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            billableOnly: { type: 'boolean', default: false },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { q: string; limit: number; billableOnly: boolean };
      const hits = ctx.terminology.search(q.q, { limit: q.limit, billableOnly: q.billableOnly });
      return {
        // Every field of a hit (code, title, billable, score, matched, source, path): the
        // workbench shows where each matched.
        results: hits,
      };
    },
  );

  app.get(
    '/api/terminology/lookup/:code',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['terminology'],
        summary: 'code details: title, billable, notes, 7th characters; with validation',
        params: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string', minLength: 1, maxLength: 10 } },
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const details = ctx.terminology.lookup(code);
      const [validation] = ctx.terminology.validate([code]);
      if (!details)
        return sendError(
          reply,
          404,
          'unknown_code',
          validation?.problem?.message ?? `${code} is not an ICD-10-CM code`,
        );
      return { ...details, valid: validation?.valid ?? false, problem: validation?.problem ?? null };
    },
  );

  terminologyBrowseRoutes(app, ctx);
}

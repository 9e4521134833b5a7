import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../app.js';
import { ALL_ROLES } from '../auth.js';
import { sendError } from '../errors.js';
import { isoDate } from '../schemas.js';
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
        summary:
          'code details (title, billable, notes, 7th characters) from the newest Tabular, and validity on a date of service from the release in effect then',
        params: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string', minLength: 1, maxLength: 10 } },
        },
        querystring: {
          type: 'object',
          properties: { dos: { ...isoDate, description: 'date of service (default: today)' } },
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const { dos = new Date().toISOString().slice(0, 10) } = request.query as { dos?: string };
      // Throws a TerminologyError (400) for a day the month lacks (2023-02-30).
      const [validation] = ctx.terminology.validate([code], { date: dos });
      const details = ctx.terminology.lookup(code);
      const choice = validation?.release;
      const validity = {
        dateOfService: dos,
        release: choice?.release.label ?? null,
        fiscalYear: choice?.release.fiscalYear ?? null,
        outsideWindow: choice?.outsideWindow ?? true,
        valid: validation?.valid ?? false,
        problem: validation?.problem ?? null,
        ...(choice?.outsideWindow
          ? { warning: `no imported ICD-10-CM release covers ${dos}; answered from ${choice.release.label}` }
          : {}),
      };
      if (!details) {
        // A code newer than the Tabular (FY2026 E11.A from the codes file): title and validity only.
        if (validation?.title && validation.code) {
          return {
            code: validation.code,
            title: validation.title,
            inTabular: false,
            valid: validity.valid,
            problem: validity.problem,
            validity,
          };
        }
        return sendError(
          reply,
          404,
          'unknown_code',
          validation?.problem?.message ?? `${code} is not an ICD-10-CM code`,
        );
      }
      return { ...details, inTabular: true, valid: validity.valid, problem: validity.problem, validity };
    },
  );

  terminologyBrowseRoutes(app, ctx);
}

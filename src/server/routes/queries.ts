import type { FastifyInstance } from 'fastify';
import {
  answerQuery,
  closeQuery,
  listProviders,
  type QueryAnswer,
  withdrawQuery,
} from '../../workflow/queries.js';
import { providerInbox, providerQuery } from '../../workflow/query-inbox.js';
import type { ServerDeps } from '../app.js';
import { actorOf } from '../auth.js';
import { idParams } from '../schemas.js';
import { may } from './encounters.js';

/**
 * Physician queries after they are asked (asking is on the encounter, routes/encounters.ts):
 * the provider's inbox, reading and answering one; the coder's withdraw and close; and the
 * provider accounts a coder may address. The provider role reaches these routes only.
 */
const tags = ['queries'];

export function queryRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/providers',
    {
      config: { auth: may('query.ask') },
      schema: { tags, summary: 'the active provider accounts a query may be addressed to' },
    },
    async () => ({ providers: await listProviders(ctx.db) }),
  );

  app.get(
    '/api/queries',
    {
      config: { auth: may('query.answer') },
      schema: {
        tags,
        summary: "the provider's own queries (open first) with the note excerpts each points to",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['open', 'answered', 'closed', 'withdrawn'] } },
        },
      },
    },
    async (request) => providerInbox(ctx, actorOf(request), request.query as { status?: 'open' }),
  );

  app.get(
    '/api/queries/:id',
    {
      config: { auth: may('query.answer') },
      schema: { tags, summary: 'one query addressed to the provider', params: idParams },
    },
    async (request) => providerQuery(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.post(
    '/api/queries/:id/answer',
    {
      config: { auth: may('query.answer') },
      schema: {
        tags,
        summary:
          'the addressed provider answers: one of the choices of a template query (text for "other"), or text for a free-text one',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            option: { type: 'string', minLength: 1, maxLength: 200 },
            text: { type: 'string', maxLength: 4000 },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const encounterId = await answerQuery(ctx, actorOf(request), id, request.body as QueryAnswer);
      return providerQuery(ctx, actorOf(request), id).then((query) => ({ encounterId, query }));
    },
  );

  for (const [move, run, summary] of [
    ['withdraw', withdrawQuery, "withdraw an open query (the encounter's assignee)"],
    ['close', closeQuery, "close an answered query once its answer is taken in (the encounter's assignee)"],
  ] as const) {
    app.post(
      `/api/queries/:id/${move}`,
      { config: { auth: may('query.ask') }, schema: { tags, summary, params: idParams } },
      async (request) => {
        const encounterId = await run(ctx, actorOf(request), (request.params as { id: number }).id);
        return { ok: true, encounterId };
      },
    );
  }
}

import type { FastifyInstance } from 'fastify';
import { tabularPage } from '../../terminology/tabular-page.js';
import type { WalkableIndexKind } from '../../terminology/types.js';
import type { WorkflowContext } from '../../workflow/context.js';
import { ALL_ROLES } from '../auth.js';
import { sendError } from '../errors.js';

/**
 * The encoder's two books: the Tabular List (chapter → section → category → codes, with every
 * note in effect) and the Alphabetic Index (main terms A–Z, subterms, cross references). Code
 * data only, no patient data: every signed-in role may read it.
 */
const READERS = { roles: ALL_ROLES };
const tags = ['terminology'];

const kindProperty = { type: 'string', enum: ['disease', 'eindex'], default: 'disease' } as const;

export function terminologyBrowseRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  const index = ctx.indexBrowser;

  app.get(
    '/api/terminology/browse',
    {
      config: { auth: READERS },
      schema: {
        tags,
        summary:
          'Tabular List page: a chapter, section or code with its breadcrumbs, children and notes (own and inherited); no target = the chapters',
        querystring: {
          type: 'object',
          properties: {
            target: {
              type: 'string',
              maxLength: 30,
              // `chapter:4`, `section:E08-E13`, `code:E11.9`, or a bare chapter number or code.
              pattern: '^((chapter|section|code):)?[A-Za-z0-9][A-Za-z0-9.-]{0,15}$',
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { target } = request.query as { target?: string };
      const page = tabularPage(ctx.terminology, target);
      if (!page) return sendError(reply, 404, 'unknown_code', `${target} is not in the Tabular List`);
      return page;
    },
  );

  app.get(
    '/api/terminology/index',
    {
      config: { auth: READERS },
      schema: {
        tags,
        summary:
          'walks the Alphabetic Index along a path ("Attack, heart"), following see references; each step with its term id',
        querystring: {
          type: 'object',
          required: ['path'],
          properties: {
            path: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            kind: kindProperty,
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { path: string; kind: WalkableIndexKind };
      const walk = ctx.terminology.indexLookup(q.path, { kind: q.kind });
      const ids = index.resolveSteps(q.kind, walk.path);
      return {
        ...walk,
        kind: q.kind,
        path: walk.path.map((step, i) => ({ ...step, termId: ids[i] ?? null })),
      };
    },
  );

  app.get(
    '/api/terminology/index/terms',
    {
      config: { auth: READERS },
      schema: {
        tags,
        summary: 'Alphabetic Index main terms starting with a prefix (a letter for the A–Z view)',
        querystring: {
          type: 'object',
          required: ['prefix'],
          properties: {
            prefix: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
            kind: kindProperty,
            limit: { type: 'integer', minimum: 1, maximum: 2000, default: 500 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { prefix: string; kind: WalkableIndexKind; limit: number };
      return index.mainTerms(q.kind, q.prefix, q.limit);
    },
  );

  app.get(
    '/api/terminology/index/terms/:id',
    {
      config: { auth: READERS },
      schema: {
        tags,
        summary: 'one Alphabetic Index term: its path from the main term, its subterms and cross references',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } },
        },
        querystring: { type: 'object', properties: { kind: kindProperty } },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const { kind } = request.query as { kind: WalkableIndexKind };
      const page = index.term(kind, id);
      if (!page) return sendError(reply, 404, 'unknown_term', `the ${kind} index has no term ${id}`);
      return page;
    },
  );
}

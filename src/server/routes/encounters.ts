import type { FastifyInstance } from 'fastify';
import type { EncounterState } from '../../store/schema-workflow.js';
import { buildClaim, completeEncounter, type LineInput, scrubEncounter } from '../../workflow/claim-build.js';
import { type CodeInput, MAX_CODES, saveCodes } from '../../workflow/codes.js';
import {
  assignEncounter,
  encounterHistory,
  encounterView,
  importEncounter,
  LIST_SORTS,
  type ListFilters,
  type ListSort,
  listEncounters,
  MAX_HISTORY_PAGE,
  type NewEncounter,
  suggestCodes,
} from '../../workflow/encounters.js';
import { asWorker, requireAssignable } from '../../workflow/ownership.js';
import { PERMISSIONS, type Permission } from '../../workflow/permissions.js';
import { askQuery, type NewQuery } from '../../workflow/queries.js';
import type { ServerDeps } from '../app.js';
import { ALL_ROLES, actorOf } from '../auth.js';
import { ENCOUNTER_STATE_ENUM, idParams, isoDate, lineSchema, overrideSchema } from '../schemas.js';

/** A route's roles, from the permission table the workbench's buttons follow too. */
export const may = (permission: Permission) => ({ roles: PERMISSIONS[permission] });
const READERS = { roles: ALL_ROLES };
const tags = ['encounters'];

export function encounterRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/encounters',
    {
      config: { auth: READERS },
      schema: {
        tags,
        summary: 'work queue: encounters with filters, and counts per state',
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: ENCOUNTER_STATE_ENUM },
            assignee: { type: 'string', pattern: '^(me|none|[1-9][0-9]{0,8})$' },
            payer: { type: 'string', maxLength: 100 },
            minAgeDays: { type: 'integer', minimum: 0, maximum: 36500 },
            query: { type: 'string', enum: ['open', 'answered'] },
            sort: { type: 'string', enum: [...LIST_SORTS] },
            desc: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as Record<string, string | number | undefined>;
      const f: ListFilters = {
        ...(q.state ? { state: q.state as EncounterState } : {}),
        ...(q.assignee !== undefined
          ? { assignee: q.assignee === 'me' || q.assignee === 'none' ? q.assignee : Number(q.assignee) }
          : {}),
        ...(q.payer ? { payer: String(q.payer) } : {}),
        ...(q.minAgeDays !== undefined ? { minAgeDays: Number(q.minAgeDays) } : {}),
        ...(q.query ? { query: q.query as 'open' | 'answered' } : {}),
        ...(q.sort ? { sort: q.sort as ListSort } : {}),
        ...(String(q.desc) === 'true' ? { descending: true } : {}),
        limit: Number(q.limit ?? 50),
        offset: Number(q.offset ?? 0),
      };
      return listEncounters(ctx, actorOf(request), f);
    },
  );

  app.post(
    '/api/encounters',
    {
      config: { auth: may('encounter.import') },
      schema: {
        tags,
        summary:
          'import a note (plain text, or a FHIR DocumentReference / Bundle as a JSON string) with patient and visit',
        body: {
          type: 'object',
          required: ['note', 'patient', 'visit'],
          properties: {
            note: { type: 'string', minLength: 1, maxLength: 500000 },
            patient: {
              type: 'object',
              required: ['displayName', 'birthDate', 'sex'],
              properties: {
                displayName: { type: 'string', minLength: 1, maxLength: 100 },
                birthDate: isoDate,
                sex: { type: 'string', enum: ['F', 'M', 'U'] },
              },
            },
            visit: {
              type: 'object',
              required: ['setting', 'payer'],
              properties: {
                dateOfService: isoDate,
                setting: { type: 'string', enum: ['outpatient', 'inpatient'] },
                payer: { type: 'string', minLength: 1, maxLength: 60 },
                placeOfService: { type: 'string', pattern: '^\\d{2}$' },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const id = await importEncounter(ctx, actorOf(request), request.body as NewEncounter);
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/api/encounters/:id',
    { config: { auth: READERS }, schema: { tags, summary: 'the encounter view', params: idParams } },
    async (request) => encounterView(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.get(
    '/api/encounters/:id/history',
    {
      config: { auth: READERS },
      schema: {
        tags,
        summary: "the encounter's history a page at a time, oldest first (the view carries the latest)",
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_HISTORY_PAGE },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const page = request.query as { offset?: number; limit?: number };
      return encounterHistory(ctx, actorOf(request), id, page);
    },
  );

  app.post(
    '/api/encounters/:id/suggest',
    {
      config: { auth: may('encounter.suggest') },
      schema: { tags, summary: 'run the coding engine', params: idParams },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const actor = actorOf(request);
      return asWorker(ctx.db, actor, id, 'suggest', () => suggestCodes(ctx, actor, id, { view: true }));
    },
  );

  app.post(
    '/api/encounters/:id/assign',
    {
      config: { auth: may('encounter.assign') },
      schema: {
        tags,
        summary:
          'assign (or with null, unassign); a coder may take an unassigned encounter for themself and unassign their own, a supervisor (admin) reassigns',
        params: idParams,
        body: {
          type: 'object',
          required: ['userId'],
          properties: { userId: { type: ['integer', 'null'], minimum: 1, maximum: 2147483647 } },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { userId } = request.body as { userId: number | null };
      const actor = actorOf(request);
      await requireAssignable(ctx.db, actor, id, userId);
      // Checked again on the locked row: a colleague may have taken it since.
      await asWorker(ctx.db, actor, id, userId === null ? 'unassign' : 'assign', () =>
        assignEncounter(ctx, actor, id, userId),
      );
      return encounterView(ctx, actor, id);
    },
  );

  app.put(
    '/api/encounters/:id/codes',
    {
      config: { auth: may('encounter.code') },
      schema: {
        tags,
        summary: "save the coder's codes: engine-proposed vs final, each validated against the terminology",
        params: idParams,
        body: {
          type: 'object',
          required: ['codes'],
          properties: {
            codes: {
              type: 'array',
              maxItems: MAX_CODES,
              items: {
                type: 'object',
                required: ['code', 'sequence', 'status', 'proposed'],
                properties: {
                  code: { type: 'string', minLength: 1, maxLength: 10 },
                  sequence: { type: 'integer', minimum: 1, maximum: 999 },
                  status: { type: 'string', enum: ['accepted', 'rejected', 'replaced', 'added'] },
                  proposed: { type: ['string', 'null'], maxLength: 10 },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { codes } = request.body as { codes: CodeInput[] };
      const actor = actorOf(request);
      return asWorker(ctx.db, actor, id, 'save-codes', () =>
        saveCodes(ctx, actor, id, codes, { view: true }),
      );
    },
  );

  app.post(
    '/api/encounters/:id/queries',
    {
      config: { auth: may('query.ask') },
      schema: {
        tags,
        summary:
          "ask a provider account (the encounter's assignee only): one of the engine's queries as a multiple-choice template, or a free-text question quoting the note",
        params: idParams,
        body: {
          type: 'object',
          required: ['kind', 'providerId'],
          properties: {
            kind: { type: 'string', enum: ['template', 'free-text'] },
            providerId: { type: 'integer', minimum: 1, maximum: 2147483647 },
            index: { type: 'integer', minimum: 0, maximum: 999 },
            element: { type: 'string', minLength: 1, maxLength: 200 },
            topic: { type: 'string', maxLength: 200 },
            question: { type: 'string', minLength: 1, maxLength: 4000 },
            excerpts: {
              type: 'array',
              maxItems: 10,
              items: { type: 'string', minLength: 1, maxLength: 2000 },
            },
            affectedCodes: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 10 } },
          },
          // A template names the engine's query it asks; free text carries its question.
          anyOf: [
            { properties: { kind: { const: 'template' } }, required: ['index', 'element'] },
            { properties: { kind: { const: 'free-text' } }, required: ['question'] },
          ],
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const queryId = await askQuery(ctx, actorOf(request), id, request.body as NewQuery);
      return reply.status(201).send({ id: queryId });
    },
  );

  app.post(
    '/api/encounters/:id/scrub',
    {
      config: { auth: may('encounter.scrub') },
      schema: {
        tags,
        summary: 'claim scrubber findings for the final codes with the given lines (or the built claim)',
        params: idParams,
        body: {
          type: ['object', 'null'],
          properties: { lines: { type: 'array', minItems: 1, maxItems: 50, items: lineSchema } },
        },
      },
    },
    async (request) => {
      const body = request.body as { lines?: LineInput[] } | null | undefined;
      const result = await scrubEncounter(
        ctx,
        actorOf(request),
        (request.params as { id: number }).id,
        body?.lines,
      );
      return {
        findings: result.findings,
        errors: result.errors,
        warnings: result.warnings,
        skipped: result.skipped,
      };
    },
  );

  app.post(
    '/api/encounters/:id/complete',
    {
      config: { auth: may('encounter.complete') },
      schema: { tags, summary: 'sign off the codes: state coded', params: idParams },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const actor = actorOf(request);
      await asWorker(ctx.db, actor, id, 'complete', () => completeEncounter(ctx, actor, id));
      return encounterView(ctx, actorOf(request), id);
    },
  );

  app.post(
    '/api/encounters/:id/claim',
    {
      config: { auth: may('encounter.claim') },
      schema: {
        tags,
        summary:
          'build, validate and scrub the claim from the final codes and these lines (scrubber errors need an override with a reason): state claim_built',
        params: idParams,
        body: {
          type: 'object',
          required: ['lines'],
          properties: {
            lines: { type: 'array', minItems: 1, maxItems: 50, items: lineSchema },
            override: overrideSchema,
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const body = request.body as { lines: LineInput[]; override?: { reason: string } };
      const actor = actorOf(request);
      const claimId = await asWorker(ctx.db, actor, id, 'build-claim', () =>
        buildClaim(ctx, actor, id, body.lines, body.override?.reason),
      );
      return reply.status(201).send({ claimId });
    },
  );
}

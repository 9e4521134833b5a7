import type { FastifyInstance } from 'fastify';
import { notFound } from '../../workflow/errors.js';
import { asWorker } from '../../workflow/ownership.js';
import { PERMISSIONS } from '../../workflow/permissions.js';
import {
  MAX_PROCEDURE_LINES,
  type ProcedureLineInput,
  procedureLines,
  saveProcedureLines,
} from '../../workflow/procedure-lines.js';
import type { ServerDeps } from '../app.js';
import { actorOf } from '../auth.js';
import { idParams } from '../schemas.js';

const tags = ['encounters'];

/**
 * The coder's procedure lines (E/M, HCPCS Level II, ICD-10-PCS) for an encounter: read by the
 * back office (the claim builder starts from them), saved as a whole by the encounter's worker.
 */
export function procedureRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/encounters/:id/procedures',
    {
      config: { auth: { roles: PERMISSIONS['encounter.claim'].concat('auditor') } },
      schema: { tags, summary: "the coder's saved procedure lines, in line order", params: idParams },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      // 404 for an encounter that does not exist, not an empty list.
      const found = await ctx.db.selectFrom('encounter').select('id').where('id', '=', id).executeTakeFirst();
      if (!found) throw notFound('encounter', id);
      return { procedures: await procedureLines(ctx.db, id) };
    },
  );

  app.put(
    '/api/encounters/:id/procedures',
    {
      config: { auth: { roles: PERMISSIONS['encounter.code'] } },
      schema: {
        tags,
        summary:
          "save the coder's procedure lines: engine-proposed vs final, units, modifiers, pointers to final diagnoses",
        params: idParams,
        body: {
          type: 'object',
          required: ['procedures'],
          properties: {
            procedures: {
              type: 'array',
              maxItems: MAX_PROCEDURE_LINES,
              items: {
                type: 'object',
                required: ['system', 'code', 'status', 'proposed', 'units', 'modifiers', 'pointers'],
                additionalProperties: false,
                properties: {
                  system: { type: 'string', enum: ['CPT', 'HCPCS', 'ICD-10-PCS'] },
                  code: { type: 'string', minLength: 1, maxLength: 10 },
                  status: { type: 'string', enum: ['accepted', 'rejected', 'replaced', 'added'] },
                  proposed: { type: ['string', 'null'], maxLength: 10 },
                  units: { type: 'integer', minimum: 1, maximum: 9999 },
                  modifiers: { type: 'array', maxItems: 4, items: { type: 'string', maxLength: 2 } },
                  pointers: { type: 'array', maxItems: 4, items: { type: 'string', maxLength: 10 } },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { procedures } = request.body as { procedures: ProcedureLineInput[] };
      const actor = actorOf(request);
      const saved = await asWorker(ctx.db, actor, id, 'save-codes', () =>
        saveProcedureLines(ctx, actor, id, procedures),
      );
      return { procedures: saved };
    },
  );
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { appealLetterFor } from '../../workflow/appeal.js';
import type { Acting } from '../../workflow/billing.js';
import { assignClaim, BILLING_ROLES, billingAssignees } from '../../workflow/claim-assignment.js';
import { type CorrectionInput, correctDeniedClaim } from '../../workflow/claim-correction.js';
import { download837 } from '../../workflow/claim-download.js';
import { auditActor } from '../../workflow/encounters.js';
import { remittance, remittanceList } from '../../workflow/remittances.js';
import { type WriteOffInput, writeOffClaim } from '../../workflow/write-off.js';
import { WRITE_OFF_REASONS } from '../../workflow/write-off-reasons.js';
import type { ServerDeps } from '../app.js';
import { actorOf } from '../auth.js';
import { idParams, isoDate, lineSchema, overrideSchema } from '../schemas.js';

/**
 * The biller's work on claims and remittances: the 837 download, the posted remittances, and
 * the denial actions (corrected claim, appeal letter, write-off, assignment). Changes are for
 * billers, supervisors and admins; auditors may read remittances. Files are answered as
 * attachments named for the claim.
 */
const WORKERS = { roles: BILLING_ROLES } as const;
const READERS = { roles: [...BILLING_ROLES, 'auditor'] } as const;

const acting = (request: Parameters<typeof actorOf>[0]): Acting => {
  const actor = actorOf(request);
  return { actor, audit: auditActor(actor) };
};

const attachment = (reply: FastifyReply, type: string, name: string, body: string | Uint8Array) =>
  reply
    .type(type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(typeof body === 'string' ? body : Buffer.from(body));

const claimId = (request: { params: unknown }) => (request.params as { id: number }).id;

export function billingWorkRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.post(
    '/api/claims/:id/837',
    {
      config: { auth: WORKERS },
      schema: {
        tags: ['claims'],
        summary:
          'download the claim as an X12 837: the file it was submitted in, or (not yet sent) written now through the submission gate with a new ISA13; the claim does not change state',
        params: idParams,
      },
    },
    async (request, reply) => {
      const file = await download837(ctx, acting(request), claimId(request));
      return attachment(reply, 'application/edi-x12', file.fileName, file.text);
    },
  );

  app.post(
    '/api/claims/:id/correct',
    {
      config: { auth: WORKERS },
      schema: {
        tags: ['claims'],
        summary:
          'corrected claim (frequency 7, REF*F8 = the payer claim number): a replacement with the given codes and lines, validated and scrubbed; the original becomes corrected',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: {
            reason: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' },
            diagnoses: {
              type: 'array',
              minItems: 1,
              maxItems: 12,
              items: { type: 'string', pattern: '^[A-Za-z][0-9A-Za-z]{2}(\\.?[0-9A-Za-z]{1,4})?$' },
            },
            lines: {
              type: 'array',
              minItems: 1,
              maxItems: 50,
              items: {
                ...lineSchema,
                properties: {
                  ...lineSchema.properties,
                  lineControlNumber: { type: 'string', pattern: '^[A-Za-z0-9-]{1,30}$' },
                  serviceDate: isoDate,
                },
              },
            },
            allowRemovedLines: { type: 'boolean' },
            override: overrideSchema,
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Omit<CorrectionInput, 'overrideReason'> & {
        override?: { reason: string };
      };
      const { override, ...input } = body;
      const id = await correctDeniedClaim(ctx, acting(request), claimId(request), {
        ...input,
        ...(override ? { overrideReason: override.reason } : {}),
      });
      return reply.status(201).send({ claimId: id });
    },
  );

  app.post(
    '/api/claims/:id/appeal-letter',
    {
      config: { auth: WORKERS },
      schema: {
        tags: ['claims'],
        summary:
          "appeal letter from the latest remittance's denials (CARC/RARC texts, claim, amounts), as PDF or text; optionally marks the claim appealed",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['format'],
          properties: {
            format: { type: 'string', enum: ['pdf', 'text'] },
            argument: { type: 'string', maxLength: 4000 },
            markAppealed: { type: 'boolean' },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { format: 'pdf' | 'text'; argument?: string; markAppealed?: boolean };
      const file = await appealLetterFor(ctx, acting(request), claimId(request), body);
      return attachment(reply, file.contentType, file.fileName, file.body);
    },
  );

  app.post(
    '/api/claims/:id/write-off',
    {
      config: { auth: WORKERS },
      schema: {
        tags: ['claims'],
        summary:
          'write off part or all of the open balance with a reason; writing off all of it closes the claim (written_off)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['amountCents', 'reason'],
          properties: {
            amountCents: { type: 'integer', minimum: 1, maximum: 100000000000 },
            reason: { type: 'string', enum: WRITE_OFF_REASONS.map((r) => r.code) },
            note: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (request) =>
      writeOffClaim(ctx.db, acting(request), claimId(request), request.body as WriteOffInput),
  );

  app.post(
    '/api/claims/:id/assign',
    {
      config: { auth: WORKERS },
      schema: {
        tags: ['claims'],
        summary:
          'assign the claim to a biller (null: unassign); a biller takes or hands back their own, a supervisor assigns anyone',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['userId'],
          properties: { userId: { type: ['integer', 'null'], minimum: 1, maximum: 2147483647 } },
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { userId } = request.body as { userId: number | null };
      return { assignee: await assignClaim(ctx.db, actor, auditActor(actor), claimId(request), userId) };
    },
  );

  app.get(
    '/api/billing/options',
    {
      config: { auth: READERS },
      schema: { tags: ['claims'], summary: 'write-off reasons and the people claims can be assigned to' },
    },
    async () => ({ writeOffReasons: WRITE_OFF_REASONS, assignees: await billingAssignees(ctx.db) }),
  );

  app.get(
    '/api/remits',
    {
      config: { auth: READERS },
      schema: {
        tags: ['remits'],
        summary:
          'posted remittances, newest first: payer, trace number, payment date, amount, claims, posted/held',
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            offset: { type: 'integer', minimum: 0, maximum: 10000000, default: 0 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { limit?: number; offset?: number };
      return remittanceList(ctx, acting(request).audit, q);
    },
  );

  app.get(
    '/api/remits/:id',
    {
      config: { auth: READERS },
      schema: {
        tags: ['remits'],
        summary:
          'a posted remittance: its payments and each claim as the payer sent it (billed, paid, patient responsibility, adjustments with CARC texts, RARCs, service lines) with our claim',
        params: idParams,
      },
    },
    async (request) => remittance(ctx, acting(request).audit, claimId(request)),
  );
}

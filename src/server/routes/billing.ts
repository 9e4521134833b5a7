import type { FastifyInstance } from 'fastify';
import { renderCms1500 } from '../../claims/cms1500-pdf.js';
import { renderUb04 } from '../../claims/ub04-pdf.js';
import {
  claimDetail,
  denialGroups,
  listClaims,
  listHeldPayments,
  postRemit,
  resolveHeldPayment,
} from '../../workflow/billing.js';
import { submitClaim } from '../../workflow/claim-build.js';
import { dashboard } from '../../workflow/dashboard.js';
import { auditActor } from '../../workflow/encounters.js';
import type { ServerDeps } from '../app.js';
import { ALL_ROLES, actorOf } from '../auth.js';
import { idParams, overrideSchema } from '../schemas.js';

const BILLERS = { roles: ['admin', 'biller'] } as const;

export function billingRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/claims',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['claims'],
        summary: 'claims, newest first, optionally in one state',
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', pattern: '^[a-z_]{1,20}$' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { state?: string; limit?: number };
      return { items: await listClaims(ctx, actorOf(request), q.state, q.limit ?? 200) };
    },
  );

  app.get(
    '/api/claims/:id',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: { tags: ['claims'], summary: 'a claim with its status history', params: idParams },
    },
    async (request) => claimDetail(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.get(
    '/api/claims/:id/form.pdf',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['claims'],
        summary: 'the claim on its paper form as PDF: CMS-1500 (professional) or UB-04 (institutional)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const id = (request.params as { id: number }).id;
      // claimDetail is the audited read of the stored claim.
      const { claim } = await claimDetail(ctx, actorOf(request), id);
      const pdf =
        claim.type === 'professional'
          ? await renderCms1500(claim)
          : await renderUb04(claim, { createdOn: ctx.today() });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="claim-${id}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/claims/:id/submit',
    {
      config: { auth: BILLERS },
      schema: {
        tags: ['claims'],
        summary:
          'submit a validated claim as an 837P batch (scrubbed again as filed today; errors need an override with a reason)',
        params: idParams,
        body: { type: ['object', 'null'], properties: { override: overrideSchema } },
      },
    },
    async (request) => {
      const body = request.body as { override?: { reason: string } } | null | undefined;
      const batch = await submitClaim(
        ctx,
        actorOf(request),
        (request.params as { id: number }).id,
        body?.override?.reason,
      );
      return { batchId: batch.batchId, interchange: batch.interchange, x12: batch.text };
    },
  );

  app.post(
    '/api/remits',
    {
      config: { auth: BILLERS },
      schema: {
        tags: ['remits'],
        summary: 'post an 835 (text): all or nothing, idempotent by content',
        body: {
          type: 'object',
          required: ['x12'],
          properties: { x12: { type: 'string', minLength: 1, maxLength: 4_000_000 } },
        },
      },
    },
    async (request) => postRemit(ctx, actorOf(request), (request.body as { x12: string }).x12),
  );

  app.get(
    '/api/remits/held',
    {
      config: { auth: { roles: ['admin', 'biller', 'auditor'] } },
      schema: {
        tags: ['remits'],
        summary: 'payments held as possible duplicates (a claim paid again under another payer claim number)',
        querystring: {
          type: 'object',
          properties: { claimId: { type: 'integer', minimum: 1, maximum: 2147483647 } },
        },
      },
    },
    async (request) => {
      const { claimId } = request.query as { claimId?: number };
      return { items: await listHeldPayments(ctx.db, auditActor(actorOf(request)), claimId) };
    },
  );

  app.post(
    '/api/remits/held/:id/resolve',
    {
      config: { auth: BILLERS },
      schema: {
        tags: ['remits'],
        summary: 'accept (post it) or reject a held payment, saying why',
        params: idParams,
        body: {
          type: 'object',
          required: ['decision', 'reason'],
          properties: {
            decision: { type: 'string', enum: ['accept', 'reject'] },
            reason: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' },
          },
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return resolveHeldPayment(
        ctx.db,
        { actor, audit: auditActor(actor) },
        (request.params as { id: number }).id,
        request.body as { decision: 'accept' | 'reject'; reason: string },
      );
    },
  );

  app.get(
    '/api/denials',
    {
      config: { auth: { roles: ['admin', 'supervisor', 'biller', 'auditor'] } },
      schema: {
        tags: ['remits'],
        summary: 'denials worklist by CAS group and CARC, optionally of one assignee (me, none or a user id)',
        querystring: {
          type: 'object',
          properties: { assignee: { type: 'string', pattern: '^(me|none|[1-9][0-9]{0,8})$' } },
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { assignee } = request.query as { assignee?: string };
      const who =
        assignee === undefined
          ? undefined
          : assignee === 'none'
            ? null
            : assignee === 'me'
              ? actor.user.id
              : Number(assignee);
      return denialGroups(ctx, actor, who);
    },
  );

  app.get(
    '/api/dashboard',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: { tags: ['dashboard'], summary: 'throughput, acceptance, claims, denials, A/R' },
    },
    async () => dashboard(ctx),
  );
}

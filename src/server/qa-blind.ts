import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { QA_ROLES, refuseQa } from '../workflow/qa/access.js';
import { pendingBlindItem } from '../workflow/qa/blind.js';
import { actorOf } from './auth.js';

/**
 * Keeps a blind re-coding blind: while an auditor's sample holds an encounter they have not
 * re-coded yet, every route about that encounter or its claim (`/api/encounters/:id…`,
 * `/api/claims/:id…`) refuses them with 403 `blind_audit`, audit-logged (workflow/qa/access.ts).
 * Once they submit their codes the chart opens as usual. Coders and billers are never a
 * sample's auditor, so their requests (the hot path) skip the lookup.
 */
const GUARDED = /^\/api\/(encounters|claims)\/:id(\/|$)/;

export function registerBlindAudits(app: FastifyInstance, db: Kysely<Database>): void {
  app.addHook('preHandler', async (request) => {
    const session = request.session;
    const route = request.routeOptions.url;
    if (!session || !QA_ROLES.includes(session.user.role) || !route || !GUARDED.test(route)) return;
    const id = Number((request.params as { id?: unknown }).id);
    if (!Number.isInteger(id)) return;
    const target = route.startsWith('/api/encounters') ? { encounterId: id } : { claimId: id };
    const pending = await pendingBlindItem(db, session.user.id, target);
    if (!pending) return;
    await refuseQa(
      db,
      actorOf(request),
      pending.sampleId,
      `${request.method} ${route}`,
      'blind_audit',
      `encounter ${pending.encounterId} awaits your blind re-coding (QA item ${pending.itemId}): submit your codes before opening the chart or its claim`,
      { item: pending.itemId, encounter: pending.encounterId },
    );
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { isIsoDate } from '../../codesets/ncci/dates.js';
import {
  buildStep,
  choosePcsRelease,
  loadPcsCodeSet,
  PcsBuildError,
  type PcsCodeSet,
  PcsNotImportedError,
  type PcsReleaseChoice,
  searchPcs,
  validatePcs,
} from '../../terminology/pcs/index.js';
import type { ServerDeps } from '../app.js';
import { ALL_ROLES } from '../auth.js';
import { sendError } from '../errors.js';
import { isoDate } from '../schemas.js';

interface Loaded {
  choice: PcsReleaseChoice;
  set: PcsCodeSet;
}

/**
 * The ICD-10-PCS builder and lookups for the workbench: the values valid after a prefix, a code
 * checked character by character, word search. Each release is loaded into memory once, on
 * first use, and answers every later request from memory.
 */
export function pcsRoutes(app: FastifyInstance, { store }: ServerDeps): void {
  const loaded = new Map<number, Promise<PcsCodeSet>>();

  async function codeSetFor(reply: FastifyReply, dos: string | undefined): Promise<Loaded | undefined> {
    const date = dos ?? new Date().toISOString().slice(0, 10);
    if (!isIsoDate(date)) {
      sendError(reply, 400, 'invalid_date', `dos: "${date}" is not a calendar date (YYYY-MM-DD)`);
      return undefined;
    }
    try {
      const choice = await choosePcsRelease(store.db, { date });
      let set = loaded.get(choice.release.id);
      if (!set) {
        set = loadPcsCodeSet(store.db, choice.release);
        loaded.set(choice.release.id, set);
        set.catch(() => loaded.delete(choice.release.id));
      }
      return { choice, set: await set };
    } catch (err) {
      if (err instanceof PcsNotImportedError) {
        sendError(reply, 404, 'pcs_not_imported', err.message);
        return undefined;
      }
      throw err;
    }
  }

  const releaseOf = ({ choice }: Loaded, dos: string | undefined) => ({
    label: choice.release.label,
    fiscalYear: choice.release.fiscalYear,
    outsideWindow: choice.outsideWindow,
    ...(choice.outsideWindow
      ? {
          warning: `no imported ICD-10-PCS release covers ${dos ?? 'today'}; answered from ${choice.release.label}`,
        }
      : {}),
  });

  const dosQuery = {
    dos: { ...isoDate, description: 'date of service: the release in effect then (default: today)' },
  };

  app.get(
    '/api/pcs/build',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['pcs'],
        summary:
          'ICD-10-PCS builder: the characters chosen so far, labelled, and the valid values of the next one',
        querystring: {
          type: 'object',
          properties: {
            prefix: { type: 'string', maxLength: 7, default: '' },
            ...dosQuery,
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { prefix: string; dos?: string };
      const l = await codeSetFor(reply, q.dos);
      if (!l) return reply;
      try {
        return { release: releaseOf(l, q.dos), ...buildStep(l.set, q.prefix) };
      } catch (err) {
        if (err instanceof PcsBuildError) {
          return reply.code(400).send({
            error: { code: 'invalid_prefix', message: err.message },
            problem: err.problem,
          });
        }
        throw err;
      }
    },
  );

  app.get(
    '/api/pcs/lookup/:code',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['pcs'],
        summary:
          'an ICD-10-PCS code checked against the release in effect: title, each character labelled, or the first wrong character',
        params: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string', minLength: 1, maxLength: 10 } },
        },
        querystring: { type: 'object', properties: dosQuery },
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const { dos } = request.query as { dos?: string };
      const l = await codeSetFor(reply, dos);
      if (!l) return reply;
      return { release: releaseOf(l, dos), ...validatePcs(l.set, code) };
    },
  );

  app.get(
    '/api/pcs/search',
    {
      config: { auth: { roles: ALL_ROLES } },
      schema: {
        tags: ['pcs'],
        summary:
          'ICD-10-PCS codes whose long titles hold every word (word starts), or the codes under a prefix',
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            ...dosQuery,
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { q: string; limit: number; dos?: string };
      const l = await codeSetFor(reply, q.dos);
      if (!l) return reply;
      return { release: releaseOf(l, q.dos), results: searchPcs(l.set, q.q, q.limit) };
    },
  );
}

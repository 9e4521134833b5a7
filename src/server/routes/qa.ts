import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QA_ROLES } from '../../workflow/qa/access.js';
import { MAX_SAMPLE } from '../../workflow/qa/draw.js';
import { qaPeople } from '../../workflow/qa/people.js';
import {
  classifyVariances,
  itemView,
  MAX_AUDIT_CODES,
  submitRecode,
  VARIANCE_KINDS,
  type VarianceInput,
} from '../../workflow/qa/recode.js';
import { type CsvView, qaReport, qaReportCsv, type ReportFilters } from '../../workflow/qa/report.js';
import { createSample, listSamples, type NewSample, sampleDetail } from '../../workflow/qa/samples.js';
import type { ServerDeps } from '../app.js';
import { actorOf } from '../auth.js';
import { idParams, isoDate } from '../schemas.js';

/**
 * Coding quality audits (workflow/qa/): samples, blind re-coding, variance classification and the
 * agreement report with its CSV export. Auditors, supervisors and admins run audits; coders may
 * read the report, which then covers their own records only. Answers carry notes or scores:
 * never cached by the browser.
 */
const AUDITORS = { roles: QA_ROLES };
const REPORT_READERS = { roles: [...QA_ROLES, 'coder' as const] };
const tags = ['qa'];
const noStore = {
  onSend: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('cache-control', 'no-store');
    return payload;
  },
};
const userId = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

const reportQuery = {
  from: isoDate,
  to: isoDate,
  coderId: userId,
  level: { type: 'string', enum: ['category', 'letter'], default: 'category' },
} as const;

export function qaRoutes(app: FastifyInstance, { ctx }: ServerDeps): void {
  app.get(
    '/api/qa/people',
    {
      ...noStore,
      config: { auth: AUDITORS },
      schema: { tags, summary: 'accounts a sample can target (coders) and assign (auditors)' },
    },
    async () => qaPeople(ctx),
  );

  app.post(
    '/api/qa/samples',
    {
      ...noStore,
      config: { auth: AUDITORS },
      schema: {
        tags,
        summary:
          'draw an audit sample of finished encounters by date of service: a count or a percentage, optionally one coder, a code family (E, E11, E11.6) or claims charging at least minChargeCents; reproducible from its seed',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: isoDate,
            to: isoDate,
            size: { type: 'integer', minimum: 1, maximum: MAX_SAMPLE },
            percent: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
            coderId: userId,
            codeFamily: { type: 'string', minLength: 1, maxLength: 8 },
            minChargeCents: { type: 'integer', minimum: 0, maximum: 100000000000 },
            seed: { type: 'string', minLength: 1, maxLength: 64 },
            auditorId: userId,
          },
        },
      },
    },
    async (request, reply) => {
      const sample = await createSample(ctx, actorOf(request), request.body as NewSample);
      return reply.status(201).send(sample);
    },
  );

  app.get(
    '/api/qa/samples',
    {
      ...noStore,
      config: { auth: AUDITORS },
      schema: {
        tags,
        summary: 'audit samples, newest first, with their progress',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        },
      },
    },
    async (request) => ({
      samples: await listSamples(ctx, actorOf(request), (request.query as { limit: number }).limit),
    }),
  );

  app.get(
    '/api/qa/samples/:id',
    {
      ...noStore,
      config: { auth: AUDITORS },
      schema: { tags, summary: 'a sample with its items (no codes)', params: idParams },
    },
    async (request) => sampleDetail(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.get(
    '/api/qa/items/:id',
    {
      ...noStore,
      config: { auth: AUDITORS },
      schema: {
        tags,
        summary:
          "a sampled chart: the note and visit; the coder's codes and the comparison only once the auditor has submitted",
        params: idParams,
      },
    },
    async (request) => itemView(ctx, actorOf(request), (request.params as { id: number }).id),
  );

  app.post(
    '/api/qa/items/:id/recode',
    {
      ...noStore,
      config: { auth: AUDITORS },
      schema: {
        tags,
        summary:
          "submit the auditor's blind codes (first = principal / first-listed); final; answers with the comparison",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['codes'],
          properties: {
            codes: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_AUDIT_CODES,
              items: { type: 'string', minLength: 1, maxLength: 10 },
            },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { codes } = request.body as { codes: string[] };
      return submitRecode(ctx, actorOf(request), id, codes);
    },
  );

  app.put(
    '/api/qa/items/:id/variances',
    {
      ...noStore,
      config: { auth: AUDITORS },
      schema: {
        tags,
        summary:
          'classify variances of a submitted item (wrong code, specificity, missing, extra, sequencing, other)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['variances'],
          properties: {
            variances: {
              type: 'array',
              maxItems: 2 * MAX_AUDIT_CODES + 1,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['key', 'kind'],
                properties: {
                  key: { type: 'string', minLength: 1, maxLength: 40 },
                  kind: { type: 'string', enum: VARIANCE_KINDS },
                  comment: { type: 'string', maxLength: 1000 },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { variances } = request.body as { variances: VarianceInput[] };
      return classifyVariances(ctx, actorOf(request), id, variances);
    },
  );

  app.get(
    '/api/qa/report',
    {
      ...noStore,
      config: { auth: REPORT_READERS },
      schema: {
        tags,
        summary:
          'agreement of coders with auditors over re-coded items by date of service: per coder, per code family, each record; a coder sees their own',
        querystring: { type: 'object', additionalProperties: false, properties: reportQuery },
      },
    },
    async (request) => qaReport(ctx, actorOf(request), request.query as ReportFilters),
  );

  app.get(
    '/api/qa/report.csv',
    {
      ...noStore,
      config: { auth: REPORT_READERS },
      schema: {
        tags,
        summary: 'the report as CSV: one row per coder, per code family or per audited record (view)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...reportQuery,
            view: { type: 'string', enum: ['coder', 'family', 'record'], default: 'coder' },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as ReportFilters & { view: CsvView };
      const csv = await qaReportCsv(ctx, actorOf(request), q);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="coding-qa-${q.view}.csv"`)
        .send(csv);
    },
  );
}

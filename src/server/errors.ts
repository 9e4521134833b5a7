import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ClaimFormError } from '../claims/paper-form.js';
import { ClaimStateError } from '../claims/state.js';
import { ClaimValidationError } from '../claims/validate.js';
import { CodingInputError } from '../coding/errors.js';
import { ClaimInputError } from '../edits/claim.js';
import { PostingRefused } from '../remits/posting.js';
import { TerminologyError } from '../terminology/errors.js';
import { WorkflowError } from '../workflow/errors.js';
import { X12Error } from '../x12/errors.js';

/**
 * One place maps every typed error to an HTTP answer `{ error: { code, message, field? } }`.
 * Bad input of any kind is a 4xx with the reason; only a bug is a 500 (logged, never echoed).
 */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  field?: string;
  issues?: Array<{ path: string; message: string }>;
}

const KIND_STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
} as const;

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
};

export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof WorkflowError)
    return {
      status: KIND_STATUS[err.kind],
      code: err.code,
      message: err.message,
      ...(err.field ? { field: err.field } : {}),
    };
  if (err instanceof ClaimValidationError)
    return {
      status: 400,
      code: 'invalid_claim',
      message: err.message,
      field: err.issues[0]?.path ?? 'claim',
      issues: err.issues,
    };
  if (err instanceof ClaimInputError)
    return {
      status: 400,
      code: 'invalid_claim',
      message: err.message,
      field: err.issues[0]?.path ?? 'claim',
      issues: [...err.issues],
    };
  if (err instanceof ClaimStateError) return { status: 409, code: 'invalid_state', message: err.message };
  if (err instanceof ClaimFormError) return { status: 422, code: 'claim_form', message: err.message };
  if (err instanceof CodingInputError)
    return { status: 400, code: 'invalid_note', message: err.message, field: err.field };
  if (err instanceof TerminologyError)
    return { status: 400, code: 'terminology', message: err.message, field: err.where };
  if (err instanceof X12Error)
    return { status: 400, code: 'invalid_x12', message: err.message, field: 'x12' };
  if (err instanceof PostingRefused)
    return {
      status: 422,
      code: 'posting_refused',
      message: err.message,
      field: 'x12',
      issues: err.reasons.map((r) => ({ path: 'x12', message: r })),
    };
  const fe = err as FastifyError & {
    validation?: Array<{ instancePath: string; params?: Record<string, unknown>; message?: string }>;
    validationContext?: string;
  };
  if (fe && Array.isArray(fe.validation)) {
    const v = fe.validation[0];
    const missing = typeof v?.params?.missingProperty === 'string' ? `/${v.params.missingProperty}` : '';
    const extra = typeof v?.params?.additionalProperty === 'string' ? `/${v.params.additionalProperty}` : '';
    const path = `${v?.instancePath ?? ''}${missing}${extra}`.replace(/^\//, '').replaceAll('/', '.');
    return {
      status: 400,
      code: 'invalid_request',
      message: fe.message,
      field: path ? `${fe.validationContext ?? 'body'}.${path}` : (fe.validationContext ?? 'body'),
    };
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      code: FASTIFY_CODES[fe.code] ?? fe.code?.toLowerCase() ?? 'bad_request',
      message: fe.message,
    };
  }
  return undefined;
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const api = toApiError(err);
  if (!api) {
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'internal error; see the server log' } });
  }
  const { status, ...body } = api;
  return reply.status(status).send({ error: body });
}

export const sendError = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.status(status).send({ error: { code, message } });

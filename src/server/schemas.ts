import { ENCOUNTER_STATES } from '../workflow/states.js';

/**
 * JSON Schemas shared by the routes (Fastify validates with them and the OpenAPI document is
 * generated from them). Bodies reject unknown properties' types, not their presence: extra
 * fields are dropped by Fastify's removeAdditional.
 */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } },
} as const;

export const errorResponse = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
    },
  },
} as const;

export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const ENCOUNTER_STATE_ENUM = ENCOUNTER_STATES;

export const lineSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'units', 'chargeCents'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 10 },
    modifiers: {
      type: 'array',
      maxItems: 4,
      items: { type: 'string', pattern: '^[A-Za-z0-9]{2}$' },
      default: [],
    },
    units: { type: 'number', exclusiveMinimum: 0, maximum: 99999 },
    chargeCents: { type: 'integer', minimum: 0, maximum: 100000000 },
    pointers: {
      type: 'array',
      maxItems: 4,
      items: { type: 'integer', minimum: 1, maximum: 12 },
      default: [],
    },
  },
} as const;

/** Overriding the scrubber gate: the signed-in user is who, `reason` says why (audit-logged). */
export const overrideSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' } },
} as const;

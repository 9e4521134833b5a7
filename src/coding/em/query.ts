/**
 * Physician queries for an E/M the note cannot support: what is missing is named, no level is
 * suggested (a non-leading question), and the codes the answer would decide are listed.
 */
import type { EvidenceSpan, PhysicianQuery } from '../types.js';
import { CATEGORY_CODES } from './code-table.js';

export function levelQuery(
  category: string,
  missing: readonly string[],
  evidence: EvidenceSpan[],
): PhysicianQuery {
  return {
    element: 'E/M level',
    question: `The note does not document enough to support a visit level. Missing: ${missing.join('; ')}. Please document what applies to this encounter.`,
    affectedCodes: [...(CATEGORY_CODES[category] ?? [])],
    evidence,
  };
}

export function statusQuery(from: string, evidence: EvidenceSpan[]): PhysicianQuery {
  return {
    element: 'new or established patient',
    question: `Is this patient new or established to you (any professional service from you or a same-specialty colleague in your group within the past 3 years makes the patient established)? ${from[0]!.toUpperCase()}${from.slice(1)}.`,
    affectedCodes: [...CATEGORY_CODES.office!],
    evidence,
  };
}

export function hospitalVisitQuery(from: string): PhysicianQuery {
  return {
    element: 'hospital visit type',
    question: `Is this note the initial hospital visit, a subsequent day, or the discharge day? ${from[0]!.toUpperCase()}${from.slice(1)}.`,
    affectedCodes: [...CATEGORY_CODES.hospital!],
    evidence: [],
  };
}

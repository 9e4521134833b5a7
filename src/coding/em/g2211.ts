/**
 * G2211, the visit complexity add-on for office/outpatient E/M (99202-99215) that is part of a
 * longitudinal relationship. Documented by one of:
 *   - wording of the relationship itself ("I am her PCP", "survivorship", "medication management");
 *   - a visit opened as a follow-up ("3-month f/u of T2DM") where a chronic illness is addressed;
 *   - a scheduled return ("RTC 3 months") where every problem addressed is chronic (a return for an
 *     acute problem is time-limited care, not a longitudinal relationship).
 * Never with modifier 25 on the E/M (a same-day minor procedure), nor with 57.
 */
import type { NoteAnalysis } from '../../nlp/index.js';
import type { EvidenceSpan } from '../types.js';
import { LONGITUDINAL_TERMS } from './longitudinal-terms.js';
import { isOpeningSentence } from './note-parts.js';
import type { Problem } from './problems.js';
import { affirmed, findTerms } from './terms.js';

export interface G2211Reading {
  applies: boolean;
  why: string;
  evidence: EvidenceSpan[];
}

const CHRONIC = new Set(['stable-chronic', 'chronic-worse', 'chronic-severe']);

export function readG2211(
  analysis: NoteAnalysis,
  problems: readonly Problem[],
  modifier: '25' | '57' | undefined,
): G2211Reading {
  if (modifier) {
    return {
      applies: false,
      why: `not reported: the E/M carries modifier ${modifier} for a same-day procedure`,
      evidence: [],
    };
  }
  const hits = findTerms(analysis, LONGITUDINAL_TERMS, (s) => s.section !== 'family_history').filter(
    (h) => affirmed(h) && !h.context.hypothetical,
  );
  const relationship = hits.find((h) => h.term.kind === 'relationship');
  if (relationship) {
    return {
      applies: true,
      why: `longitudinal relationship documented: "${relationship.span.text}"`,
      evidence: [relationship.span],
    };
  }
  const chronic = problems.filter((p) => CHRONIC.has(p.kind));
  if (chronic.length === 0) {
    return {
      applies: false,
      why: 'no longitudinal relationship documented and no chronic illness addressed',
      evidence: [],
    };
  }
  const framing = hits.find((h) => h.term.kind === 'framing' && isOpeningSentence(analysis, h.sentence));
  if (framing) {
    return {
      applies: true,
      why: `follow-up visit ("${framing.span.text}") for a chronic illness (${chronic[0]!.codes.join(', ') || 'addressed'})`,
      evidence: [framing.span, ...chronic[0]!.evidence.slice(0, 1)],
    };
  }
  const ret = hits.find((h) => h.term.kind === 'return');
  if (ret && chronic.length === problems.length) {
    return {
      applies: true,
      why: `scheduled return ("${ret.span.text}") for chronic illness only`,
      evidence: [ret.span],
    };
  }
  return {
    applies: false,
    why: ret
      ? 'a return is scheduled, but for an acute problem too (time-limited care)'
      : 'no follow-up framing, scheduled return or stated relationship',
    evidence: [],
  };
}

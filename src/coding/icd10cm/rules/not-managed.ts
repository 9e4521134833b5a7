/**
 * Conditions the provider says this encounter does not manage (Section III, IV.J: other
 * diagnoses are coded when they affect care — evaluation, treatment, monitoring — in this
 * encounter): "osteoarthritis, not treated this admission", "hyperlipidemia per PCP", "managed by
 * her cardiologist". The statement documents the condition for the record, not for this
 * encounter's care, so it is not coded. A note whose only diagnosis is said so keeps it: the
 * visit was still about something. "Per PCP" with care given here ("continue levothyroxine, per
 * PCP") is managed here too.
 */
import type { Rule } from '../candidate.js';

export const GUIDELINE = 'III / IV.J: code other diagnoses that affect care in this encounter';

/** Linear-time cues, checked on the statement that names the condition (engine.ts). */
const NOT_TREATED =
  /\bnot (?:treated|addressed|managed|evaluated)(?: (?:this|during this|on this) (?:admission|visit|encounter|stay|hospitalization))?\b/i;
const ELSEWHERE =
  /\b(?:per|managed by|followed by|deferred to|defer to) (?:(?:his|her|their|the|patient's) )?(?:pcp|primary care(?: provider| physician)?|outside (?:provider|physician)|cardiolog\w*|endocrinolog\w*|nephrolog\w*|oncolog\w*)\b/i;
/** "continue levothyroxine, per PCP": care given here too, whoever prescribes. */
const CARE_HERE =
  /\b(?:continue[sd]?|increas\w*|decreas\w*|start\w*|refill\w*|adjust\w*|titrat\w*|on [a-z]+)\b/i;

/** The statement says this encounter does not manage what it names. */
export function saysNotManaged(statement: string): boolean {
  return NOT_TREATED.test(statement) || (ELSEWHERE.test(statement) && !CARE_HERE.test(statement));
}

export const notManaged: Rule = (candidates) => {
  const kept = candidates.filter((c) => !c.notManaged);
  return { candidates: kept.length > 0 ? kept : [...candidates] };
};

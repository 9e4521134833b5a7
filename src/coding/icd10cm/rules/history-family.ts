/**
 * History and family history (I.C.21.c.4): a condition that no longer exists is reported with
 * a personal history code (Z85–Z87) when the Index has one — "history of breast cancer" →
 * Z85.3 — and a family member's condition with a family history code (Z80–Z84) — "mother had
 * breast cancer" → Z80.3, never C50. A historical mention with no history code is dropped, as
 * is one whose condition is also documented as current (the active code stands).
 *
 * A chronic disease stated only as "history of" (no current treatment or status: hypertension,
 * diabetes, COPD …) rarely ends, yet the documentation does not say it is current: it is not
 * coded, and a physician query asks whether it is a current condition (the team's decision;
 * Guidelines III/IV.J: code chronic conditions that affect care when documented as such).
 */

import type { PhysicianQuery } from '../../types.js';
import { type Alternative, type Candidate, category, type Rule } from '../candidate.js';
import { isChronic } from '../chronic.js';

export const HISTORY_STATUS_QUERY = 'current status of a chronic condition stated as history';

export const PERSONAL = 'I.C.21.c.4: personal history codes (Z85-Z87) for conditions that no longer exist';
export const FAMILY = 'I.C.21.c.4: family history codes (Z80-Z84) for a family member’s condition';

export const historyAndFamily: Rule = (candidates) => {
  const active = new Set(
    candidates.filter((c) => !c.context.historical && !c.context.family).map((c) => category(c.code)),
  );
  const out: Readonly<Candidate>[] = [];
  const queries: PhysicianQuery[] = [];
  for (const c of candidates) {
    if (c.context.family) {
      const alt = c.alternatives?.familyHistory;
      if (alt) out.push(replace(c, alt, FAMILY));
      continue;
    }
    if (c.context.historical) {
      if (active.has(category(c.code))) continue;
      const alt = c.alternatives?.personalHistory;
      if (alt) out.push(replace(c, alt, PERSONAL));
      else if (isChronic(c.code) && !c.context.negated) queries.push(statusQuery(c));
      continue;
    }
    out.push(c);
  }
  return { candidates: out, queries };
};

function statusQuery(c: Readonly<Candidate>): PhysicianQuery {
  const condition = c.title.charAt(0).toLowerCase() + c.title.slice(1);
  return {
    element: HISTORY_STATUS_QUERY,
    question:
      `The record states a history of ${condition} without its current status or treatment. ` +
      'Is it a current condition being monitored, evaluated, assessed or treated? If so, please document its status and treatment; if it has resolved, please say so.',
    affectedCodes: [c.code],
    evidence: c.evidence.slice(0, 1),
  };
}

function replace(c: Readonly<Candidate>, alt: Alternative, guideline: string): Candidate {
  return {
    ...c,
    code: alt.code,
    title: alt.title,
    details: alt.details,
    indexPath: alt.indexPath,
    guidelines: [guideline],
    tabularNotes: [],
    defaulted: [],
    context: { ...c.context, historical: false, family: false },
  };
}

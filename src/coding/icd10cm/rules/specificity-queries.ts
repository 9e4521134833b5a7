/**
 * Physician queries for missing specificity: where the documentation forced an unspecified
 * code and a more specific one exists. Each query is non-leading: it names the missing element,
 * lists the clinical options neutrally and the codes it would change (AHIMA/ACDIS query practice).
 */

import type { PhysicianQuery } from '../../types.js';
import type { Candidate, Rule } from '../candidate.js';

interface Check {
  test: (c: Readonly<Candidate>) => boolean;
  element: string;
  question: string;
}

const CHECKS: Check[] = [
  {
    test: (c) => c.code === 'N18.9',
    element: 'stage of chronic kidney disease',
    question:
      'Chronic kidney disease is documented without a stage. Please document the stage (1–5, or end-stage renal disease), if known.',
  },
  {
    test: (c) => c.code === 'I50.9' || c.code === 'I11.0' || c.code === 'I13.0',
    element: 'type and acuity of heart failure',
    question:
      'Heart failure is documented without its type or acuity. Please document the type (systolic, diastolic, combined, other) and acuity (acute, chronic, acute on chronic), if clinically determined.',
  },
  {
    test: (c) => /^I50\.[234]0$/.test(c.code),
    element: 'acuity of heart failure',
    question:
      'Please document the acuity of the heart failure (acute, chronic, acute on chronic), if clinically determined.',
  },
  {
    test: (c) => c.code === 'F32.A' || c.code === 'F32.9',
    element: 'severity of depression',
    question:
      'Depression is documented without episode or severity. Please document single or recurrent episode and severity (mild, moderate, severe), if clinically determined.',
  },
];

export const specificityQueries: Rule = (candidates) => {
  const queries: PhysicianQuery[] = [];
  for (const c of candidates) {
    for (const check of CHECKS) {
      if (!check.test(c)) continue;
      queries.push({
        element: check.element,
        question: check.question,
        affectedCodes: [c.code],
        evidence: c.evidence.slice(0, 1),
      });
    }
    for (const d of c.defaulted ?? []) {
      queries.push({
        element: d.element,
        question:
          d.element === 'laterality'
            ? `The side is not documented for "${c.evidence[0]?.text ?? c.title}". Please document the laterality (right, left, bilateral), if known.`
            : `The documentation does not specify the ${d.element}. Please clarify, if clinically determined.`,
        affectedCodes: [c.code, ...d.options.filter((o) => o !== c.code).slice(0, 5)],
        evidence: c.evidence.slice(0, 1),
      });
    }
  }
  return { candidates: [...candidates], queries };
};

/**
 * Visits that are not levelled by problem-oriented MDM or time: preventive visits (their own
 * age-banded codes, out of this finder's scope), routine post-operative visits inside a
 * surgery's global period (99024), and visits by clinical staff without the practitioner
 * (99211 in the office, 99281 in the ED: these codes have no MDM or time requirement).
 */
import { rows } from './terms.js';

export type SpecialVisitKind = 'preventive' | 'postop' | 'staff-only';

export const SPECIAL_VISIT_TERMS = rows<SpecialVisitKind>([
  [
    'annual (?:physical|preventive|wellness|exam)|well[- ](?:child|baby|woman|adolescent) (?:check|visit|exam)?|WCC|preventive (?:visit|exam|care visit)|(?:routine )?(?:adult )?health maintenance exam|annual wellness visit|AWV',
    'preventive',
    'team-wording',
  ],
  [
    'post-?op(?:erative)? (?:visit|check|follow-up)|routine (?:\\d+-(?:week|day) )?post-?op(?:erative)?|\\d+-?(?:week|day) post-?op(?:erative)?',
    'postop',
    'cms-global',
  ],
  [
    'nurse(?:-only| only)? visit|RN visit|nursing visit|seen by (?:the )?(?:nurse|RN|LPN|MA|medical assistant|triage nurse) only|no (?:physician|provider) (?:evaluation|visit)',
    'staff-only',
    'ama-category',
  ],
]);

/**
 * Wording that documents a longitudinal relationship for G2211: the practitioner is the patient's
 * continuing focal point for care, or gives ongoing care for a serious or complex condition.
 * "Return" rows are scheduled returns; "framing" rows open the note as a follow-up visit.
 */
import { rows } from './terms.js';

export type LongitudinalKind = 'relationship' | 'return' | 'framing';

export const LONGITUDINAL_TERMS = rows<LongitudinalKind>([
  [
    "(?:I am|as) (?:her|his|their|the patient's) (?:PCP|primary care (?:physician|provider|doctor))|primary care (?:physician|provider|doctor) for (?:her|him|them|this patient)|continuity of care|longitudinal|ongoing care|continuing care|continue to (?:follow|manage|see) (?:her|him|them)|followed (?:here|in this clinic|in our clinic|by me) (?:for|since)|survivorship|medication management|long-term management|chronic care management",
    'relationship',
    'cms-g2211',
  ],
  [
    'RTC(?: in)? \\d+|return (?:to clinic )?(?:in )?\\d+ (?:days?|wks?|weeks?|mos?|months?|years?)|f/?u(?: in)? \\d+|follow[- ]?up(?: visit)? in \\d+|recheck (?:\\w+ ){0,3}in \\d+ (?:wks?|weeks?|mos?|months?)|see (?:her|him|them|you) (?:back )?in \\d+|next (?:visit|appointment) (?:in|on)|(?:weekly|monthly) (?:visits|therapy|sessions)|therapy weekly',
    'return',
    'cms-g2211',
  ],
  ['follow[- ]?up|f/u|return visit|recheck visit|routine visit', 'framing', 'cms-g2211'],
]);

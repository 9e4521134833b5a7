/**
 * How notes state the practitioner's total time on the date of the encounter. Only statements of
 * time spent count: "within 15 min developed hives" or "lasting minutes" are not visit time, and
 * minutes for a separately reported service (smoking cessation counseling, psychotherapy,
 * critical care) are not E/M time unless the statement gives the visit's total.
 */
import { rows } from './terms.js';

export type TimeKind = 'total' | 'spent';

const AMOUNT =
  '(?:(?:more than|over|greater than|>) ?)?\\d+(?:\\.\\d+)? ?(?:minutes|mins?|hours?|hrs?)(?: (?:and )?\\d+ ?(?:minutes|mins?))?';

export const TIME_TERMS = rows<TimeKind>([
  [
    `total (?:time|visit time|encounter time|practitioner time)(?: spent)?(?: (?:on|for) (?:the |this )?(?:date|day) of (?:the |this )?(?:encounter|service|visit))?(?: today)?(?: was| of)?:? ?(?:approximately |about )?${AMOUNT}`,
    'total',
    'ama-time',
  ],
  [
    `(?:discharge (?:day management|time|process)(?: time)?|time (?:spent )?on (?:the )?discharge):? ?${AMOUNT}`,
    'total',
    'ama-time',
  ],
  [`spent (?:a total of )?(?:approximately |about )?${AMOUNT}`, 'spent', 'ama-time'],
  [`${AMOUNT} (?:were |was )?spent`, 'spent', 'ama-time'],
  [`time spent:? ?${AMOUNT}`, 'spent', 'ama-time'],
]);

/** Minutes for a service reported on its own code, not the E/M's time. */
export const SEPARATE_SERVICE =
  /smoking cessation|tobacco cessation|cessation counsel|psychotherapy|critical care|procedure time/i;

/**
 * Procedures performed at the visit that change how the E/M is reported: a minor procedure
 * (0- or 10-day global) puts modifier 25 on a separately identifiable E/M; a major one (90-day
 * global, such as closed fracture treatment) puts 57 on the E/M where the decision for it was
 * made. Vaccines, labs and ECGs are not procedures here.
 */
import { rows } from './terms.js';

export type GlobalKind = 'minor' | 'major';

export const PROCEDURE_TERMS = rows<GlobalKind>([
  [
    '(?:joint |intra-articular |corticosteroid |steroid |trigger point |subacromial |knee |shoulder )*injections?|injected|I&D|incision and drainage|excision|excised|(?:punch |shave )?biopsy|laceration repair|repaired|sutured|sutures placed|cryotherapy|liquid nitrogen|destruction of|cerumen (?:removal|removed|disimpaction)|arthrocentesis|aspirated|nail (?:removal|avulsion)|skin tag removal|paring|debridement|debrided',
    'minor',
    'cms-global',
  ],
  ['closed reduction|fracture reduced|reduced and splinted|ORIF|open reduction', 'major', 'cms-global'],
]);

/** Words that say the procedure was done at this visit, not planned or in the past. */
export const PERFORMED =
  /\b(?:today|performed|done|given|placed|completed|tolerated|post-?reduction|under (?:local|sterile)|after (?:informed )?consent|consent (?:obtained|signed)|without complication)\b/i;

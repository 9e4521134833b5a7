/**
 * Wording that says whether the patient is new or established to this practitioner. "Explicit"
 * rows name the status; "implied" rows imply it (a consult or referral implies a new patient, a
 * follow-up or return visit an established one) and are read only where the note opens (title,
 * chief complaint, history), because plans are full of future follow-ups and outgoing referrals.
 */
import { rows } from './terms.js';

export type StatusKind = 'new' | 'established';

export const EXPLICIT_STATUS = rows<StatusKind>([
  [
    'new patient|new pt|new to (?:me|this clinic|this practice|our clinic|our practice)',
    'new',
    'ama-category',
  ],
  [
    'establish(?:es|ing)? care|first visit|initial visit|never (?:been )?seen (?:here|in this clinic)',
    'new',
    'team-wording',
  ],
  ['established patient|established pt|est pt', 'established', 'ama-category'],
  [
    'known to (?:me|this clinic|our clinic|our practice)|patient of (?:mine|this practice)|established (?:with|to) (?:me|us|this clinic|this practice|our clinic|our practice)|my (?:long-?standing |longtime |long-term |own )?patient',
    'established',
    'team-wording',
  ],
]);

export const IMPLIED_STATUS = rows<StatusKind>([
  ['consult(?:ation)?|intake', 'new', 'team-wording'],
  ['referred (?:by|from|for)|thank you for (?:referring|the referral|this referral)', 'new', 'team-wording'],
  ['follow[- ]?up|f/u|return visit|returns (?:today|for)|recheck visit', 'established', 'team-wording'],
  [
    'since (?:the |her |his |our )?last visit|last seen|interval history|seen (?:by me |here )?(?:on|in) (?:\\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)',
    'established',
    'team-wording',
  ],
]);
